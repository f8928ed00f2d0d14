import { and, eq, gt, gte, lt, ne, type SQL, sql } from "drizzle-orm";
import { type Config } from "../config";
import { type Db } from "../db/client";
import { keyset, type Page, type PageQuery, toPage } from "../db/paging";
import { webhookDeliveries } from "../db/schema";
import { DomainError } from "../errors";
import { idFloor, newId } from "../ids";
import { type DeliveryStatus, deliveryMessage } from "./messages";
import { type DeliveryRow, type EndpointRow } from "./objects";
import { TEST_EVENT_TYPE } from "./payload";
import { samplePayload, type TriggerType } from "./samples";
import { send } from "./send";

/** One recovery call re-sends at most this many deliveries; call again with `starting_after` for the rest. */
export const RECOVER_LIMIT = 500;
const SEND_BATCH = 100;

/** An endpoint's delivery log, newest first. */
export async function listDeliveries(
	db: Db,
	q: PageQuery & { endpointId: string; status?: DeliveryStatus | undefined },
): Promise<Page<DeliveryRow>> {
	const where: SQL[] = [eq(webhookDeliveries.endpointId, q.endpointId)];
	if (q.status) where.push(eq(webhookDeliveries.status, q.status));
	const k = keyset(webhookDeliveries.id, "desc", q);
	const rows = await db
		.select()
		.from(webhookDeliveries)
		.where(and(...where, k.after))
		.orderBy(k.orderBy)
		.limit(k.limit);
	return toPage(rows, q.limit);
}

/** One call of a recovery walk over an endpoint's deliveries. */
export interface RecoverQuery {
	since: number;
	/** Exclusive end of the window; the first call's time by default, so rows it re-sends are not met again. */
	until: number;
	/** The previous call's last delivery id: the walk goes on after it, in id order. */
	startingAfter?: string | undefined;
	/** Only this event's delivery, whatever its status. */
	eventId?: string | undefined;
	dryRun?: boolean | undefined;
}

/** What `recover` re-sends: every status but `succeeded`. */
const RECOVERABLE = ["failed", "skipped", "pending"] as const satisfies readonly DeliveryStatus[];
/**
 * A delivery's id carries its event's time, which is never later than its `created_at` (the fan-out follows the
 * event); the walk starts this long before `since` in id order, so a delivery fanned out up to a day after its event
 * (a drain retried through a D1 outage, the reconcile sweep) is still met.
 */
const LATE_FAN_OUT_MS = 86_400_000;

/**
 * Re-sends deliveries created in [since, until) that have not succeeded (failed, skipped, or waiting for a retry),
 * as a fresh round with a full retry ladder, at most RECOVER_LIMIT per call. Test pings (`webhook.test`) are
 * recorded as deliveries but never re-sent, as `resendDelivery` refuses them too. The walk is by id with a cursor, so
 * repeated calls reach every row of the window once (re-sent rows become `pending` again and would otherwise match
 * again). The generation bump turns messages of the earlier round into no-ops, so nothing is sent twice. Each status
 * is read by its own index range (endpoint, status, id) within the window's ids, so a call reads about what it
 * re-sends, not the endpoint's whole log.
 */
export async function recoverDeliveries(
	db: Db,
	shard: string,
	queue: Queue,
	endpoint: EndpointRow,
	q: RecoverQuery,
	now = Date.now(),
) {
	if (endpoint.disabledAt !== null)
		throw new DomainError("invalid_state", "The endpoint is disabled; enable it before recovering.");
	const rows = q.eventId ? await oneEvent(db, endpoint.id, q, q.eventId) : await recoverable(db, endpoint.id, q);
	const batch = rows.slice(0, RECOVER_LIMIT);
	if (!q.dryRun) {
		for (let i = 0; i < batch.length; i += SEND_BATCH)
			await restartDeliveries(db, shard, queue, batch.slice(i, i + SEND_BATCH), now);
	}
	const hasMore = rows.length > RECOVER_LIMIT;
	return { recovered: batch.length, hasMore, nextCursor: hasMore ? (batch.at(-1)?.id ?? null) : null };
}

/** The window's rows in id order after the cursor: the walk starts `LATE_FAN_OUT_MS` before `since` (see above). */
const after = (q: RecoverQuery) => {
	const from = idFloor("del", Math.max(0, q.since - LATE_FAN_OUT_MS));
	return q.startingAfter && q.startingAfter > from ? q.startingAfter : from;
};

/** One event's delivery to the endpoint, whatever its status (the unique (endpoint, event) index). */
function oneEvent(db: Db, endpointId: string, q: RecoverQuery, eventId: string) {
	const d = webhookDeliveries;
	return db
		.select({ id: d.id, generation: d.generation })
		.from(d)
		.where(
			and(
				eq(d.endpointId, endpointId),
				eq(d.eventId, eventId),
				ne(d.eventType, TEST_EVENT_TYPE),
				gt(d.id, after(q)),
				gte(d.createdAt, q.since),
				lt(d.createdAt, q.until),
			),
		)
		.limit(1);
}

/**
 * The first RECOVER_LIMIT + 1 deliveries of the window that have not succeeded, in id order: each status read by its
 * own range of the (endpoint, status, id) index, named, since without statistics SQLite would rather walk the
 * endpoint's whole log by id and filter by status.
 */
function recoverable(db: Db, endpointId: string, q: RecoverQuery) {
	const below = idFloor("del", Math.max(0, q.until));
	const walk = (status: DeliveryStatus) => sql`SELECT * FROM (
	    SELECT id, generation FROM webhook_deliveries INDEXED BY webhook_deliveries_status_idx
	    WHERE endpoint_id = ${endpointId} AND status = ${status} AND id > ${after(q)} AND id < ${below}
	      AND created_at >= ${q.since} AND created_at < ${q.until} AND event_type <> ${TEST_EVENT_TYPE}
	    ORDER BY id LIMIT ${RECOVER_LIMIT + 1})`;
	return db.all<{ id: string; generation: number }>(
		sql`${sql.join(RECOVERABLE.map(walk), sql` UNION ALL `)} ORDER BY id LIMIT ${RECOVER_LIMIT + 1}`,
	);
}

/**
 * Starts a fresh round for each row (pending, next generation, no owner) and queues it for sending now. The
 * generation bump turns any message of the earlier round still in a queue into a no-op.
 */
export async function restartDeliveries(
	db: Db,
	shard: string,
	queue: Queue,
	rows: { id: string; generation: number }[],
	now: number,
): Promise<void> {
	const updates = rows.map((r) =>
		db
			.update(webhookDeliveries)
			.set({
				status: "pending",
				generation: sql`${webhookDeliveries.generation} + 1`,
				owner: null,
				nextAttemptAt: now,
				parkedAt: null,
				updatedAt: now,
			})
			.where(eq(webhookDeliveries.id, r.id)),
	);
	const [first, ...rest] = updates;
	if (first) await db.batch([first, ...rest]);
	// If this send is lost, the rows stay pending without an owner; recovering again picks them up.
	await queue.sendBatch(
		rows.map((r) => ({ body: deliveryMessage(shard, [{ deliveryId: r.id, generation: r.generation + 1 }]) })),
	);
}

/**
 * Re-sends one delivery of this endpoint now, whatever its status (a delivered event can be sent again, e.g. to
 * a receiver that lost it), as a fresh round with a full retry ladder. The endpoint must be enabled.
 */
export async function resendDelivery(
	db: Db,
	shard: string,
	queue: Queue,
	endpoint: EndpointRow,
	deliveryId: string,
	now = Date.now(),
) {
	if (endpoint.disabledAt !== null)
		throw new DomainError("invalid_state", "The endpoint is disabled; enable it before resending.");
	const row = await db
		.select()
		.from(webhookDeliveries)
		.where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpoint.id)))
		.get();
	if (!row || row.eventType === TEST_EVENT_TYPE)
		throw new DomainError("not_found", "No such delivery for this endpoint.");
	await restartDeliveries(db, shard, queue, [row], now);
	return { ...row, status: "pending", generation: row.generation + 1, owner: null, nextAttemptAt: now, updatedAt: now };
}

/**
 * Sends a signed sample event right now and records it as a delivery (never retried, never counted against the
 * endpoint's health), so a partner can check their receiver and signature code in one call. The ping
 * (`webhook.test`) goes to any endpoint; a triggered verification event is marked `"test": true`.
 */
export async function sendSampleEvent(
	db: Db,
	config: Config,
	endpoint: EndpointRow,
	type: TriggerType = TEST_EVENT_TYPE,
	now = Date.now(),
): Promise<DeliveryRow> {
	const eventId = newId("evt", now);
	const payload = JSON.stringify(samplePayload(endpoint, type, eventId, now));
	const pending: DeliveryRow = {
		id: newId("del", now),
		clientId: endpoint.clientId,
		livemode: endpoint.livemode,
		endpointId: endpoint.id,
		eventId,
		eventType: type,
		payload,
		status: "pending",
		generation: 1,
		owner: null,
		attempts: 0,
		nextAttemptAt: null,
		lastAttemptAt: null,
		responseStatus: null,
		latencyMs: null,
		errorClass: null,
		error: null,
		parkedAt: null,
		createdAt: now,
		updatedAt: now,
	};
	const r = await send(config, pending, endpoint, now);
	const row: DeliveryRow = {
		...pending,
		status: r.outcome === "succeeded" ? "succeeded" : "failed",
		attempts: r.errorClass === "url_not_allowed" ? 0 : 1,
		lastAttemptAt: now,
		responseStatus: r.responseStatus,
		latencyMs: r.latencyMs,
		errorClass: r.errorClass,
		error: r.error,
		updatedAt: Date.now(),
	};
	await db.insert(webhookDeliveries).values(row);
	return row;
}
