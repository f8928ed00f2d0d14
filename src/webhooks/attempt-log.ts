import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import { type Db } from "../db/client";
import { webhookDeliveries, webhookEndpoints } from "../db/schema";
import { log } from "../log";
import { disabledEvent, failingEvent, failingNow, type Notify, recoveredEvent, withEvents } from "./endpoint-events";
import { type AttemptResult, type ErrorClass } from "./http-attempt";
import { type DeliveryRef } from "./messages";
import { type DeliveryRow, type EndpointRow } from "./objects";
import { DISABLE_AFTER_FAILING_MS, isLastAttempt, retryDelaySeconds } from "./retry-policy";

/** What the consumer does with the queue message once an attempt is recorded. */
export type Decision = { action: "ack" } | { action: "retry"; delaySeconds: number };
export const ACK: Decision = { action: "ack" };

const GONE_REASON = "The endpoint answered 410 Gone.";
/** How long an endpoint that timed out on the main lane stays on the slow lane (a fast success ends it sooner). */
export const SLOW_LANE_MS = 10 * 60_000;

/**
 * Where an attempt ran: its 1-based number (the delivery row's count), its lane, the main lane's timeout, and the
 * queue the deliveries of an operational event it causes go to (src/webhooks/endpoint-events.ts).
 */
export interface AttemptContext {
	attempt: number;
	lane: "main" | "slow";
	fastLaneTimeoutMs: number;
	events?: Notify;
}
const FAILING_REASON = "Every delivery attempt failed for 5 days.";

/** Guarded by generation: a recovery that started meanwhile owns the row now, and this result is stale. */
export const sameRound = (d: DeliveryRow) =>
	and(eq(webhookDeliveries.id, d.id), eq(webhookDeliveries.generation, d.generation));

/** Per-delivery values for a multi-row statement: `[id, generation, …]` each. */
export type RoundEntry = readonly [id: string, generation: number, ...values: unknown[]];

/**
 * `sameRound` for several deliveries: the ids bound one by one and looked up by primary key, each generation checked
 * against the entries (bound once, as a JSON array). Beside an id list, SQLite (without statistics, as D1 runs)
 * preferred the overdue index for `status = 'pending'` and read every pending delivery (measured: 14,600 rows
 * read per claim in the 10,000 burst): a status condition next to this one is written `+status`, which no index
 * serves (`stillPending`).
 */
export function inRound(entries: readonly RoundEntry[]): SQL {
	const d = webhookDeliveries;
	const ids = entries.map(([id]) => sql`${id}`);
	return sql`${d.id} IN (${sql.join(ids, sql`, `)})
	  AND ${d.generation} = (SELECT value ->> 1 FROM json_each(${JSON.stringify(entries)}) WHERE value ->> 0 = ${d.id})`;
}

/** Still waiting for an attempt; written so that it never drives the plan (see `inRound`). */
export const stillPending = sql`+${webhookDeliveries.status} = 'pending'`;

/** The row's own value at `index` of its entry: a per-row value in a multi-row update. */
export const field = (entries: readonly RoundEntry[], index: number) =>
	sql`(SELECT value ->> ${sql.raw(String(index))} FROM json_each(${JSON.stringify(entries)}) WHERE value ->> 0 = ${webhookDeliveries.id})`;

export const entriesOf = (rows: { id: string; generation: number }[]): RoundEntry[] =>
	rows.map((r) => [r.id, r.generation]);

function disable(db: Db, endpointId: string, reason: string, now: number) {
	log("warn", "webhook.endpoint_disabled", { endpoint_id: endpointId, reason });
	return db
		.update(webhookEndpoints)
		.set({ disabledAt: now, disabledReason: reason, updatedAt: now })
		.where(and(eq(webhookEndpoints.id, endpointId), isNull(webhookEndpoints.disabledAt)));
}

/** What a failed attempt writes on its delivery row. */
export const attemptColumns = (r: AttemptResult, now: number) => ({
	attempts: sql`${webhookDeliveries.attempts} + 1`,
	lastAttemptAt: now,
	responseStatus: r.responseStatus,
	latencyMs: r.latencyMs,
	errorClass: r.errorClass,
	error: r.error,
	updatedAt: now,
});

/**
 * What a failed attempt says of its endpoint: a failing streak starts (or goes on), and a timeout on the main lane
 * sends it to the slow lane. A new streak starts the catch-up schedule from its first step.
 */
const failingHealth = (r: AttemptResult, at: AttemptContext, now: number) => ({
	probes: sql`CASE WHEN ${webhookEndpoints.failingSince} IS NULL THEN 0 ELSE ${webhookEndpoints.probes} END`,
	failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now})`,
	failures: sql`${webhookEndpoints.failures} + 1`,
	...(r.errorClass === "timeout" && at.lane === "main" ? { slowUntil: now + SLOW_LANE_MS } : {}),
});

/**
 * A failed attempt's endpoint update and the operational events it causes: `webhook_endpoint.failing` once the
 * streak is long enough (then remembered on the row, so it is said once a streak).
 */
export async function failedAttemptHealth(db: Db, e: EndpointRow, r: AttemptResult, at: AttemptContext, now: number) {
	const failing = failingNow(e, now);
	const health = db
		.update(webhookEndpoints)
		.set({ ...failingHealth(r, at, now), ...(failing ? { failingEventAt: now } : {}) })
		.where(eq(webhookEndpoints.id, e.id));
	return { health, events: failing ? [await failingEvent(e, r, now)] : [] };
}

/** Whether this failure disables the endpoint: a 410, or a streak of failures as long as DISABLE_AFTER_FAILING_MS. */
export const disables = (e: EndpointRow, r: AttemptResult, now: number) =>
	r.outcome === "gone" || now - (e.failingSince ?? now) >= DISABLE_AFTER_FAILING_MS;

/**
 * Stores one attempt's result on its delivery and the endpoint's health, and decides the message's fate:
 * success and 410 end it; anything else goes down the retry ladder, and the last rung's failure marks it `failed`
 * (the dead-letter queue still catches a message whose handler kept throwing). A timeout on the main lane sends
 * the endpoint to the slow lane; a success there within the main lane's timeout brings it back.
 */
export async function recordAttempt(
	db: Db,
	d: DeliveryRow,
	e: EndpointRow,
	r: AttemptResult,
	at: AttemptContext,
	now: number,
): Promise<Decision> {
	const base = attemptColumns(r, now);
	if (r.outcome === "succeeded") {
		await recordSucceeded(db, [{ d, r }], e, at, now);
		return ACK;
	}
	const row = db.update(webhookDeliveries);
	if (disables(e, r, now)) {
		const gone = r.outcome === "gone";
		const reason = gone ? GONE_REASON : FAILING_REASON;
		const items = [
			row.set({ ...base, status: "failed", parkedAt: null, nextAttemptAt: null }).where(sameRound(d)),
			disable(db, e.id, reason, now),
		];
		const events = e.disabledAt === null ? [await disabledEvent(e, gone ? "gone" : "failing", reason, now)] : [];
		await withEvents(db, at.events, items, events, e);
		return ACK;
	}
	const last = isLastAttempt(at.attempt);
	const delaySeconds = last ? 0 : retryDelaySeconds(at.attempt, { retryAfterSeconds: r.retryAfterSeconds });
	const { health, events } = await failedAttemptHealth(db, e, r, at, now);
	const attempt = last
		? row.set({ ...base, status: "failed", parkedAt: null, nextAttemptAt: null }).where(sameRound(d))
		: row.set({ ...base, nextAttemptAt: now + delaySeconds * 1000 }).where(sameRound(d));
	await withEvents(db, at.events, [attempt, health], events, e);
	if (last) log("warn", "webhook.delivery_exhausted", { delivery_id: d.id, attempts: at.attempt });
	return last ? ACK : { action: "retry", delaySeconds };
}

/** A delivery and the successful attempt it just had. */
export interface Succeeded {
	d: DeliveryRow;
	r: AttemptResult;
}

/**
 * Stores successful attempts, all in one statement (each row guarded by its generation, like `sameRound`), and
 * what they say of the endpoint's health: a failing streak ends; a success within the main lane's timeout brings a
 * slow endpoint back.
 */
export async function recordSucceeded(
	db: Db,
	done: Succeeded[],
	e: EndpointRow,
	at: AttemptContext,
	now: number,
): Promise<void> {
	if (done.length === 0) return;
	const results: RoundEntry[] = done.map(({ d, r }) => [d.id, d.generation, r.responseStatus, r.latencyMs]);
	const rows = db
		.update(webhookDeliveries)
		.set({
			status: "succeeded",
			attempts: sql`${webhookDeliveries.attempts} + 1`,
			nextAttemptAt: null,
			parkedAt: null,
			lastAttemptAt: now,
			responseStatus: field(results, 2),
			latencyMs: field(results, 3),
			errorClass: null,
			error: null,
			updatedAt: now,
		})
		.where(inRound(results));
	const fastAgain = e.slowUntil !== null && done.some(({ r }) => r.latencyMs < at.fastLaneTimeoutMs);
	// A healthy endpoint has nothing to reset: skip that write on the common path.
	if (e.failingSince === null && e.failures === 0 && !fastAgain) await rows;
	else {
		const streak = { failingSince: null, failures: 0, failingEventAt: null };
		const health = fastAgain ? { ...streak, slowUntil: null } : streak;
		// It had been said to be failing: say it answered again.
		const events = e.failingEventAt !== null ? [await recoveredEvent(e, now)] : [];
		await withEvents(
			db,
			at.events,
			[rows, db.update(webhookEndpoints).set(health).where(eq(webhookEndpoints.id, e.id))],
			events,
			e,
		);
	}
}

/** Ends deliveries without an HTTP attempt (endpoint disabled, URL refused by the guard), in one statement. */
export async function closeUnsent(
	db: Db,
	rows: DeliveryRow[],
	status: "skipped" | "failed",
	errorClass: ErrorClass,
	error: string,
	now: number,
): Promise<Decision> {
	await db
		.update(webhookDeliveries)
		.set({ status, errorClass, error, nextAttemptAt: null, parkedAt: null, updatedAt: now })
		.where(inRound(entriesOf(rows)));
	return ACK;
}

/** The `deliveries` dead-letter consumer: exhausted deliveries become visibly `failed`, never dropped. */
export async function markExhausted(db: Db, refs: DeliveryRef[], now = Date.now()): Promise<void> {
	const round = inRound(refs.map((r) => [r.deliveryId, r.generation]));
	await db
		.update(webhookDeliveries)
		.set({
			status: "failed",
			nextAttemptAt: null,
			parkedAt: null,
			errorClass: sql`coalesce(${webhookDeliveries.errorClass}, 'exhausted')`,
			updatedAt: now,
		})
		.where(and(round, stillPending));
}
