import { type Shard } from "../db/shards";
import { prepare, type Statement } from "../db/statement";
import { forgetRequestHash } from "../records/idempotency-keys";
import { releaseClaim, releaseEarlierClaims } from "../records/person-claims";
import { leanBody } from "../records/verification-body";
import { type HistoryRecord } from "../verification/history";
import { realWakeAt } from "../verification/schedule";
import { FINAL_STATUSES, type VerificationState } from "../verification/types";
import { toView } from "../verification/view";
import { dueMessages, type FannedOut, fanOutStatements } from "../webhooks/fan-out";
import { type DeliveryMessage } from "../webhooks/messages";
import { inFeed, toWebhookEvent } from "../webhooks/payload";

/** D1 binds at most 100 values per statement; a history row binds 12. */
const HISTORY_ROWS_PER_STATEMENT = 8;

/** The statements of one drain's projection, and which of them are the fan-out (their results are its rows). */
export interface Projection {
	statements: Statement[];
	fanOut: { from: number; to: number };
}

/**
 * The statements that project a verification snapshot, its history and the webhook deliveries of its status changes
 * into D1, for one batch (one transaction): the upsert only moves a row forward (`revision` guard), history rows
 * insert once by id, and the one fan-out (src/webhooks/fan-out.ts) gives each status change (and redaction) a
 * delivery row per subscribed endpoint, so an event can never be projected without its deliveries. Replays and
 * reordering are harmless. `keyed.keyId` is the key the object's personal data and blind index are both under
 * (`recordKeyId`), for re-encryption; `keyed.blindIndex` the person's current blind index.
 */
export function projection(
	state: VerificationState,
	history: HistoryRecord[],
	keyed: { keyId: string | null; blindIndex: string | null },
	now: number,
): Projection {
	const statements = snapshot(state, history, keyed.keyId);
	const events = history.filter(inFeed).map((h) => toWebhookEvent(h, state.reference));
	const from = statements.length;
	statements.push(...fanOutStatements(state, events, now));
	const fanOut = { from, to: statements.length };
	// A redacted verification's idempotency key keeps answering (a replay is a 422, not a new verification), but
	// no longer carries a fingerprint of the request.
	if (state.redactedAt !== null) statements.push(forgetRequestHash(state.id));
	// Final (or redacted): the person may be verified again, so the duplicate guard's claim is released. Retried:
	// the claim it made for this round stands, one under the fields it had before their correction goes.
	if (FINAL_STATUSES.has(state.status) || state.redactedAt !== null)
		statements.push(releaseClaim(state.id, state.round));
	else if (keyed.blindIndex !== null && history.some(isRetry))
		statements.push(releaseEarlierClaims(state.id, keyed.blindIndex, state.round));
	return { statements, fanOut };
}

/**
 * A verification's snapshot and whole history written into another shard, as its object holds them (a client move,
 * docs/operators.md): no fan-out (every delivery its events were owed exists, and moves with the client's rows) and no
 * claim or key statement (those rows move too). Idempotent, as a projection is.
 */
export async function reproject(
	shard: Shard,
	state: VerificationState,
	history: HistoryRecord[],
	keyId: string | null,
) {
	const { d1 } = shard;
	await d1.batch(snapshot(state, history, keyId).map((s) => prepare(d1, s)));
}

/** The snapshot's upsert (it only moves a row forward) and the history's inserts (each once, by id). */
function snapshot(state: VerificationState, history: HistoryRecord[], keyId: string | null): Statement[] {
	const statements: Statement[] = [upsert(state, keyId)];
	for (let i = 0; i < history.length; i += HISTORY_ROWS_PER_STATEMENT)
		statements.push(insertHistory(history.slice(i, i + HISTORY_ROWS_PER_STATEMENT)));
	return statements;
}

/**
 * Runs a verification's projection in one D1 batch. Returns the messages for the deliveries still waiting for their
 * first: the ones inserted now, and on a replay the ones never picked up (their send may have been lost).
 */
export async function project(
	shard: Shard,
	state: VerificationState,
	history: HistoryRecord[],
	keyed: { keyId: string | null; blindIndex: string | null },
	now = Date.now(),
): Promise<DeliveryMessage[]> {
	const { statements, fanOut } = projection(state, history, keyed, now);
	const { d1 } = shard;
	const results = await d1.batch(statements.map((s) => prepare(d1, s)));
	return dueMessages(
		shard.name,
		results.slice(fanOut.from, fanOut.to).flatMap((r) => r.results as FannedOut[]),
	);
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
		leanBody(toView(state)),
	];
	return { text, values };
}

/** Several history rows in one statement, in order (the feed pages by the order rows land in). */
function insertHistory(rows: HistoryRecord[]): Statement {
	const text = `INSERT INTO verification_events (id, verification_id, client_id, livemode, type, status_change, version, status,
	    previous_status, data, created_at, feed)
	  VALUES ${rows.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}
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
		!h.statusChange && inFeed(h) ? 1 : null,
	]);
	return { text, values };
}

/** A retry's status change: back to `submitted` from a state it had reached (a creation comes from none). */
const isRetry = (h: HistoryRecord) => h.statusChange && h.status === "submitted" && h.previousStatus !== null;
