import {
	type DeliveryMessage,
	type DeliveryRef,
	deliveryMessage,
	type HistoryRecord,
	MAX_DELIVERIES_PER_MESSAGE,
	toWebhookEvent,
} from "../verification/history";
import { realWakeAt } from "../verification/schedule";
import { REDACTED_HASH } from "../verification/store";
import { FINAL_STATUSES, type VerificationState } from "../verification/types";
import { toView } from "../verification/view";

/** D1 binds at most 100 values per statement; a history row binds 11. */
const HISTORY_ROWS_PER_STATEMENT = 9;
/** Status changes whose deliveries one statement inserts (bound as one JSON array; D1 takes 100 KB a statement). */
const EVENTS_PER_STATEMENT = 50;

/** A statement and its bound values. Plain D1 here: this is the hottest write path, run on every status change. */
interface Statement {
	text: string;
	values: unknown[];
}

/**
 * Writes a verification snapshot, its history and the webhook deliveries of its status changes into D1 in one
 * batch (one transaction): the upsert only moves a row forward (`revision` guard), history rows insert once by
 * id, and each status change gets one delivery row per subscribed endpoint, so an event can never be projected
 * without its deliveries. Replays and reordering are harmless. Returns the messages for the deliveries still waiting
 * for their first: the ones inserted now, and on a replay the ones never picked up (their send may have been lost).
 * `keyId` is the key the object's personal data and blind index are both under (`recordKeyId`), for re-encryption.
 */
export async function project(
	d1: D1Database,
	state: VerificationState,
	history: HistoryRecord[],
	keyId: string | null,
	now = Date.now(),
): Promise<DeliveryMessage[]> {
	const statements: Statement[] = [upsert(state, keyId)];
	for (let i = 0; i < history.length; i += HISTORY_ROWS_PER_STATEMENT)
		statements.push(insertHistory(history.slice(i, i + HISTORY_ROWS_PER_STATEMENT)));
	const changes = history.filter((h) => h.statusChange);
	const deliveriesAt = statements.length;
	for (let i = 0; i < changes.length; i += EVENTS_PER_STATEMENT)
		statements.push(insertDeliveries(changes.slice(i, i + EVENTS_PER_STATEMENT), state, now));
	const deliveryStatements = statements.length - deliveriesAt;
	// A redacted verification's idempotency key keeps answering (a replay is a 422, not a new verification), but
	// no longer carries a fingerprint of the request.
	if (state.redactedAt !== null)
		statements.push({
			text: "UPDATE idempotency_keys SET request_hash = ? WHERE verification_id = ?",
			values: [REDACTED_HASH, state.id],
		});
	// Final (or redacted): the person may be verified again, so the duplicate guard's claim is released.
	if (FINAL_STATUSES.has(state.status) || state.redactedAt !== null)
		statements.push({ text: "DELETE FROM person_claims WHERE verification_id = ?", values: [state.id] });
	const results = await d1.batch(statements.map((s) => d1.prepare(s.text).bind(...s.values)));
	const due = results
		.slice(deliveriesAt, deliveriesAt + deliveryStatements)
		.flatMap((r) => r.results as { id: string; endpoint_id: string; generation: number; status: string }[])
		.filter((d) => d.status === "pending");
	return byEndpoint(due);
}

/**
 * One message per endpoint, its deliveries in event order (a delivery id sorts by its event's time, and a
 * verification's event times strictly increase), so an endpoint gets a drain's events in order, in one message.
 */
function byEndpoint(due: { id: string; endpoint_id: string; generation: number }[]): DeliveryMessage[] {
	const groups = new Map<string, DeliveryRef[]>();
	for (const d of [...due].sort((a, b) => (a.id < b.id ? -1 : 1))) {
		const group = groups.get(d.endpoint_id) ?? [];
		group.push({ deliveryId: d.id, generation: d.generation });
		groups.set(d.endpoint_id, group);
	}
	const messages: DeliveryMessage[] = [];
	for (const refs of groups.values())
		for (let i = 0; i < refs.length; i += MAX_DELIVERIES_PER_MESSAGE)
			messages.push(deliveryMessage(refs.slice(i, i + MAX_DELIVERIES_PER_MESSAGE)));
	return messages;
}

function upsert(state: VerificationState, keyId: string | null): Statement {
	const text = `INSERT INTO verifications (id, client_id, livemode, status, version, revision, reference, passport_country,
	    passport_last3, provider, last_error_code, created_at, updated_at, expires_at, next_wake_at, redacted_at, blind_index, key_id, body)
	  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
	  ON CONFLICT (id) DO UPDATE SET status = excluded.status, version = excluded.version, revision = excluded.revision,
	    reference = excluded.reference, passport_country = excluded.passport_country, passport_last3 = excluded.passport_last3,
	    provider = excluded.provider, last_error_code = excluded.last_error_code, updated_at = excluded.updated_at,
	    expires_at = excluded.expires_at, next_wake_at = excluded.next_wake_at, redacted_at = excluded.redacted_at,
	    blind_index = NULL, key_id = excluded.key_id, body = excluded.body
	  WHERE excluded.revision > verifications.revision`;
	const values = [
		state.id,
		state.clientId,
		state.livemode ? 1 : 0,
		state.status,
		state.version,
		state.revision,
		state.reference,
		state.passport.country,
		state.passport.last3,
		state.provider,
		state.lastError?.code ?? null,
		state.createdAt,
		state.updatedAt,
		state.expiresAt,
		realWakeAt(state),
		state.redactedAt,
		state.redactedAt === null ? keyId : null,
		JSON.stringify(toView(state)),
	];
	return { text, values };
}

/** Several history rows in one statement, in order (the feed pages by the order rows land in). */
function insertHistory(rows: HistoryRecord[]): Statement {
	const text = `INSERT INTO verification_events (id, verification_id, client_id, livemode, type, status_change, version, status,
	    previous_status, data, created_at)
	  VALUES ${rows.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}
	  ON CONFLICT (id) DO NOTHING`;
	const values = rows.flatMap((h) => [
		h.id,
		h.verificationId,
		h.clientId,
		h.livemode ? 1 : 0,
		h.type,
		h.statusChange ? 1 : 0,
		h.version,
		h.status,
		h.previousStatus,
		JSON.stringify(h.data),
		h.createdAt,
	]);
	return { text, values };
}

/**
 * One delivery per status change and endpoint of the client and mode subscribed to its type (a disabled endpoint
 * gets a `skipped` row that `recover` can re-send), for all of a drain's status changes in one statement: they are
 * bound as one JSON array. The id is derived from the event's and the endpoint's (time-sorted like every id), so
 * the statement is idempotent. On a replay the existing row comes back only while it has never been picked up by
 * a delivery consumer (the no-op update makes RETURNING report it).
 */
function insertDeliveries(changes: HistoryRecord[], state: VerificationState, now: number): Statement {
	const text = `INSERT INTO webhook_deliveries (id, client_id, livemode, endpoint_id, event_id, event_type, payload, status,
	    error_class, next_attempt_at, created_at, updated_at)
	  SELECT 'del_' || substr(e.value ->> '$.id', 5, 18) || substr(w.id, -8), w.client_id, w.livemode, w.id,
	    e.value ->> '$.id', e.value ->> '$.type', e.value ->> '$.payload',
	    CASE WHEN w.disabled_at IS NULL THEN 'pending' ELSE 'skipped' END,
	    CASE WHEN w.disabled_at IS NULL THEN NULL ELSE 'endpoint_disabled' END,
	    CASE WHEN w.disabled_at IS NULL THEN ?2 ELSE NULL END, ?2, ?2
	  FROM json_each(?1) e, webhook_endpoints w
	  WHERE w.client_id = ?3 AND w.livemode = ?4
	    AND (w.event_types IS NULL OR instr(w.event_types, '"' || (e.value ->> '$.type') || '"') > 0)
	  ON CONFLICT (endpoint_id, event_id) DO UPDATE SET updated_at = webhook_deliveries.updated_at
	    WHERE webhook_deliveries.status = 'pending' AND webhook_deliveries.attempts = 0 AND webhook_deliveries.owner IS NULL
	  RETURNING id, endpoint_id, generation, status`;
	const events = changes.map((h) => ({
		id: h.id,
		type: h.type,
		payload: JSON.stringify(toWebhookEvent(h, state.reference)),
	}));
	return { text, values: [JSON.stringify(events), now, state.clientId, state.livemode ? 1 : 0] };
}
