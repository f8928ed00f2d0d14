import { and, asc, eq, inArray, lt } from "drizzle-orm";
import { loadConfig } from "../config";
import { fault } from "../crash-points";
import { type Db, database } from "../db/client";
import { webhookDeliveries } from "../db/schema";
import { log } from "../log";
import { stillPending } from "../webhooks/attempt-log";
import { restartDeliveries } from "../webhooks/delivery-log";
import { MAX_DELIVERY_ATTEMPTS } from "../webhooks/retry-policy";

const BATCH = 100;
/**
 * Batches per cron run. One batch a minute made a crash that lost a few hundred messages take minutes to heal
 * (`npm run bench:chaos`, kills); ten keep a run bounded (≤ 1,000 rows) and heal such a loss in one minute.
 */
const MAX_BATCHES = 10;

/**
 * Cron safety net for deliveries: a `pending` delivery more than `SWEEP_OVERDUE_DELIVERY_SECONDS` past its next
 * attempt lost its queue message or its dead letter (a failed send, an expired message, a runtime killed with
 * in-memory queues). Each is sent again in a fresh round, or, when every attempt was already made, marked `failed`,
 * so a delivery ends delivered or visibly failed, without the partner calling `recover`. Returns how many it handled.
 */
export async function sweepOverdueDeliveries(env: Env, now: number): Promise<number> {
	const overdueBefore = now - loadConfig(env).sweeps.overdueDeliveryMs;
	const db = database(env.DB);
	let resent = 0;
	let failed = 0;
	for (let i = 0; i < MAX_BATCHES; i++) {
		const batch = await sweepBatch(db, env.DELIVERIES_QUEUE, overdueBefore, now);
		resent += batch.resent;
		failed += batch.failed;
		if (batch.resent + batch.failed < BATCH) break;
	}
	if (resent + failed > 0) log("warn", "sweep.deliveries_overdue", { resent, failed });
	return resent + failed;
}

/** One batch of the oldest overdue deliveries. Each leaves the overdue set (re-sent now, or failed), so the next batch moves on. */
async function sweepBatch(
	db: Db,
	queue: Queue,
	overdueBefore: number,
	now: number,
): Promise<{ resent: number; failed: number }> {
	const rows = await db
		.select({
			id: webhookDeliveries.id,
			generation: webhookDeliveries.generation,
			attempts: webhookDeliveries.attempts,
		})
		.from(webhookDeliveries)
		.where(and(eq(webhookDeliveries.status, "pending"), lt(webhookDeliveries.nextAttemptAt, overdueBefore)))
		.orderBy(asc(webhookDeliveries.nextAttemptAt))
		.limit(BATCH);
	fault("cron.deliveries");
	const exhausted = rows.filter((r) => r.attempts >= MAX_DELIVERY_ATTEMPTS).map((r) => r.id);
	const resend = rows.filter((r) => r.attempts < MAX_DELIVERY_ATTEMPTS);
	if (exhausted.length > 0) {
		await db
			.update(webhookDeliveries)
			.set({
				status: "failed",
				errorClass: "retries_exhausted",
				error: "Every attempt failed; use recover or resend to send it again.",
				nextAttemptAt: null,
				updatedAt: now,
			})
			.where(and(inArray(webhookDeliveries.id, exhausted), stillPending));
	}
	if (resend.length > 0) await restartDeliveries(db, queue, resend, now);
	return { resent: resend.length, failed: exhausted.length };
}
