import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { webhookDeliveries, webhookEndpoints } from "../db/schema";
import { log } from "../log";
import type { AttemptResult } from "./http-attempt";
import { DISABLE_AFTER_FAILING_MS, isLastAttempt, retryDelaySeconds } from "./retry-policy";
import type { DeliveryRow, EndpointRow } from "./views";

/** What the consumer does with the queue message once an attempt is recorded. */
export type Decision = { action: "ack" } | { action: "retry"; delaySeconds: number };
export const ACK: Decision = { action: "ack" };

const GONE_REASON = "The endpoint answered 410 Gone.";
/** How long an endpoint that timed out on the main lane stays on the slow lane (a fast success ends it sooner). */
export const SLOW_LANE_MS = 10 * 60_000;

/** Where an attempt ran: its 1-based number (the delivery row's count), its lane, and the main lane's timeout. */
export interface AttemptContext {
	attempt: number;
	lane: "main" | "slow";
	fastLaneTimeoutMs: number;
}
const FAILING_REASON = "Every delivery attempt failed for 5 days.";

/** Guarded by generation: a recovery that started meanwhile owns the row now, and this result is stale. */
const sameRound = (d: DeliveryRow) => and(eq(webhookDeliveries.id, d.id), eq(webhookDeliveries.generation, d.generation));

function disable(db: Db, endpointId: string, reason: string, now: number) {
	log("warn", "webhook.endpoint_disabled", { endpoint_id: endpointId, reason });
	return db
		.update(webhookEndpoints)
		.set({ disabledAt: now, disabledReason: reason, updatedAt: now })
		.where(and(eq(webhookEndpoints.id, endpointId), isNull(webhookEndpoints.disabledAt)));
}

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
	const base = {
		attempts: sql`${webhookDeliveries.attempts} + 1`,
		lastAttemptAt: now,
		responseStatus: r.responseStatus,
		latencyMs: r.latencyMs,
		errorClass: r.errorClass,
		error: r.error,
		updatedAt: now,
	};
	const row = db.update(webhookDeliveries);
	if (r.outcome === "succeeded") {
		const done = row.set({ ...base, status: "succeeded", nextAttemptAt: null }).where(sameRound(d));
		const fastAgain = e.slowUntil !== null && r.latencyMs < at.fastLaneTimeoutMs;
		// A healthy endpoint has nothing to reset: skip that write on the common path.
		if (e.failingSince === null && !fastAgain) await done;
		else {
			const health = fastAgain ? { failingSince: null, slowUntil: null } : { failingSince: null };
			await db.batch([done, db.update(webhookEndpoints).set(health).where(eq(webhookEndpoints.id, e.id))]);
		}
		return ACK;
	}
	const failingFor = now - (e.failingSince ?? now);
	if (r.outcome === "gone" || failingFor >= DISABLE_AFTER_FAILING_MS) {
		const reason = r.outcome === "gone" ? GONE_REASON : FAILING_REASON;
		await db.batch([
			row.set({ ...base, status: "failed", nextAttemptAt: null }).where(sameRound(d)),
			disable(db, e.id, reason, now),
		]);
		return ACK;
	}
	const last = isLastAttempt(at.attempt);
	const delaySeconds = last ? 0 : retryDelaySeconds(at.attempt, { retryAfterSeconds: r.retryAfterSeconds });
	const slow = r.errorClass === "timeout" && at.lane === "main" ? { slowUntil: now + SLOW_LANE_MS } : {};
	await db.batch([
		last
			? row.set({ ...base, status: "failed", nextAttemptAt: null }).where(sameRound(d))
			: row.set({ ...base, nextAttemptAt: now + delaySeconds * 1000 }).where(sameRound(d)),
		db
			.update(webhookEndpoints)
			.set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now})`, ...slow })
			.where(eq(webhookEndpoints.id, e.id)),
	]);
	if (last) log("warn", "webhook.delivery_exhausted", { delivery_id: d.id, attempts: at.attempt });
	return last ? ACK : { action: "retry", delaySeconds };
}

/** Ends a delivery without an HTTP attempt (endpoint disabled, URL refused by the guard). */
export async function closeUnsent(
	db: Db,
	d: DeliveryRow,
	status: "skipped" | "failed",
	errorClass: string,
	error: string,
	now: number,
): Promise<Decision> {
	await db.update(webhookDeliveries).set({ status, errorClass, error, nextAttemptAt: null, updatedAt: now }).where(sameRound(d));
	return ACK;
}

/** The `deliveries` dead-letter consumer: an exhausted delivery becomes visibly `failed`, never dropped. */
export async function markExhausted(db: Db, deliveryId: string, generation: number, now = Date.now()): Promise<void> {
	await db
		.update(webhookDeliveries)
		.set({
			status: "failed",
			nextAttemptAt: null,
			errorClass: sql`coalesce(${webhookDeliveries.errorClass}, 'exhausted')`,
			updatedAt: now,
		})
		.where(
			and(
				eq(webhookDeliveries.id, deliveryId),
				eq(webhookDeliveries.generation, generation),
				eq(webhookDeliveries.status, "pending"),
			),
		);
}
