import { and, asc, isNotNull, lt } from "drizzle-orm";
import { database } from "../db/client";
import { verifications } from "../db/schema";
import { describeError, log } from "../log";

/** A wake-up this late means the alarm was lost (or its object's writes failed): re-arm it. */
export const SWEEP_GRACE_MS = 60_000;
const SWEEP_BATCH = 200;

/**
 * Cron safety net: every verification whose projected wake-up is overdue gets its Durable Object poked,
 * which drains its outbox and re-arms its alarm from stored state. Returns how many were re-armed.
 */
export async function sweepOverdue(env: Env, now: number): Promise<number> {
	const rows = await database(env.DB)
		.select({ id: verifications.id })
		.from(verifications)
		.where(and(isNotNull(verifications.nextWakeAt), lt(verifications.nextWakeAt, now - SWEEP_GRACE_MS)))
		.orderBy(asc(verifications.nextWakeAt))
		.limit(SWEEP_BATCH);
	const results = await Promise.allSettled(rows.map((r) => env.VERIFICATION.getByName(r.id).ensureAlarm()));
	const failed = results.filter((r) => r.status === "rejected");
	for (const f of failed) log("error", "sweep.rearm_failed", { error: describeError((f as PromiseRejectedResult).reason) });
	if (rows.length > 0) log("warn", "sweep.rearmed", { count: rows.length - failed.length, failed: failed.length });
	return rows.length - failed.length;
}
