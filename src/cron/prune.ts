import { and, inArray, lt, notInArray } from "drizzle-orm";
import { loadConfig } from "../config";
import { fault } from "../crash-points";
import { database } from "../db/client";
import { idempotencyKeys, verificationEvents, verifications, webhookDeliveries } from "../db/schema";
import { idFloor } from "../ids";
import { log } from "../log";
import { ACTIVE_STATUSES } from "../verification/types";

/** Rows deleted per table per cron run: bounded work, whatever the backlog (one run a minute ≈ 720k rows a day). */
export const PRUNE_BATCH = 500;

/**
 * D1 retention, run by the cron in bounded batches: a verification's projection, timeline and idempotency key go
 * `RECORD_RETENTION_SECONDS` after its creation (never while it is still active), a delivery's log row
 * `DELIVERY_RETENTION_SECONDS` after its creation. Ids are time-ordered, so each scan is a primary-key range.
 * The Durable Object keeps the verification itself (its personal data is purged on its own schedule).
 */
export async function pruneExpired(env: Env, now: number): Promise<{ verifications: number; deliveries: number }> {
	const { retention } = loadConfig(env);
	const db = database(env.DB);
	const recordsBefore = now - retention.recordsMs;
	const old = await db
		.select({ id: verifications.id })
		.from(verifications)
		.where(
			and(lt(verifications.id, idFloor("ver", recordsBefore)), notInArray(verifications.status, [...ACTIVE_STATUSES])),
		)
		.limit(PRUNE_BATCH);
	fault("cron.prune");
	const ids = old.map((r) => r.id);
	if (ids.length > 0) {
		await db.batch([
			db.delete(verificationEvents).where(inArray(verificationEvents.verificationId, ids)),
			db.delete(idempotencyKeys).where(inArray(idempotencyKeys.verificationId, ids)),
			db.delete(verifications).where(inArray(verifications.id, ids)),
		]);
	}
	const deliveries = await db
		.select({ id: webhookDeliveries.id })
		.from(webhookDeliveries)
		.where(lt(webhookDeliveries.id, idFloor("del", now - retention.deliveriesMs)))
		.limit(PRUNE_BATCH);
	if (deliveries.length > 0) {
		await db.delete(webhookDeliveries).where(
			inArray(
				webhookDeliveries.id,
				deliveries.map((d) => d.id),
			),
		);
	}
	const pruned = { verifications: ids.length, deliveries: deliveries.length };
	if (ids.length + deliveries.length > 0) log("info", "retention.pruned", pruned);
	return pruned;
}
