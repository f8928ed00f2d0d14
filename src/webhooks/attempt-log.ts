import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { webhookDeliveries, webhookEndpoints } from "../db/schema";
import { log } from "../log";
import type { AttemptResult } from "./http-attempt";
import { DEAD_LETTER_GRACE_MS, DISABLE_AFTER_FAILING_MS, isLastAttempt, retryDelaySeconds } from "./retry-policy";
import type { DeliveryRow, EndpointRow } from "./views";

/** What the consumer does with the queue message once an attempt is recorded. */
export type Decision = { action: "ack" } | { action: "retry"; delaySeconds: number };
export const ACK: Decision = { action: "ack" };

const GONE_REASON = "The endpoint answered 410 Gone.";
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
 * success and 410 end it; anything else goes down the retry ladder, and after the last rung it is retried once
 * more so Queues moves it to the dead-letter queue, whose consumer marks it `failed`.
 */
export async function recordAttempt(
	db: Db,
	d: DeliveryRow,
	e: EndpointRow,
	r: AttemptResult,
	attempt: number,
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
		// A healthy endpoint has nothing to reset: skip that write on the common path.
		if (e.failingSince === null) await done;
		else await db.batch([done, db.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, e.id))]);
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
	const last = isLastAttempt(attempt);
	const delaySeconds = last ? 0 : retryDelaySeconds(attempt, { retryAfterSeconds: r.retryAfterSeconds });
	await db.batch([
		// After the last attempt the dead-letter consumer marks it failed; should that message be lost, the cron
		// sweep finds the delivery overdue at this time and ends it (see cron/sweep-deliveries.ts).
		row.set({ ...base, nextAttemptAt: now + (last ? DEAD_LETTER_GRACE_MS : delaySeconds * 1000) }).where(sameRound(d)),
		db
			.update(webhookEndpoints)
			.set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now})` })
			.where(eq(webhookEndpoints.id, e.id)),
	]);
	return { action: "retry", delaySeconds };
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
