import { and, asc, eq, inArray, lt } from "drizzle-orm";
import { loadConfig } from "../config";
import { database } from "../db/client";
import { webhookDeliveries } from "../db/schema";
import { log } from "../log";
import { restartDeliveries } from "../webhooks/deliveries";
import { MAX_DELIVERY_ATTEMPTS } from "../webhooks/retry-policy";

const BATCH = 100;

/**
 * Cron safety net for deliveries: a `pending` delivery more than `SWEEP_OVERDUE_DELIVERY_SECONDS` past its next
 * attempt lost its queue message or its dead letter (a failed send, an expired message, a runtime killed with
 * in-memory queues). Each is sent again in a fresh round, or, when every attempt was already made, marked `failed`,
 * so a delivery ends delivered or visibly failed, without the partner calling `recover`. Returns how many it handled.
 */
export async function sweepOverdueDeliveries(env: Env, now: number): Promise<number> {
	const { overdueDeliveryMs } = loadConfig(env).sweeps;
	const db = database(env.DB);
	const rows = await db
		.select({ id: webhookDeliveries.id, generation: webhookDeliveries.generation, attempts: webhookDeliveries.attempts })
		.from(webhookDeliveries)
		.where(and(eq(webhookDeliveries.status, "pending"), lt(webhookDeliveries.nextAttemptAt, now - overdueDeliveryMs)))
		.orderBy(asc(webhookDeliveries.nextAttemptAt))
		.limit(BATCH);
	if (rows.length === 0) return 0;
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
			.where(and(inArray(webhookDeliveries.id, exhausted), eq(webhookDeliveries.status, "pending")));
	}
	if (resend.length > 0) await restartDeliveries(db, env.DELIVERIES_QUEUE, resend, now);
	log("warn", "sweep.deliveries_overdue", { resent: resend.length, failed: exhausted.length });
	return rows.length;
}
