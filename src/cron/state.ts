import { eq } from "drizzle-orm";
import { type Db } from "../db/client";
import { cronState } from "../db/schema";

/** The cron jobs that keep state between runs (`cron_state` of the directory, one row per job and shard). */
export type CronJob = "prune" | "reconcile";

/** The row of a job's run on one shard: `prune@SHARD_0`. */
const rowOf = (job: CronJob, shard: string) => `${job}@${shard}`;

/**
 * What a job recorded at the end of its last run on `shard`, or null before its first. One primary-key read of the
 * directory (`db`), which keeps every shard's job state so an operator reads it in one place.
 */
export async function readCronState<T>(db: Db, job: CronJob, shard: string): Promise<T | null> {
	const key = rowOf(job, shard);
	const row = await db.select({ state: cronState.state }).from(cronState).where(eq(cronState.job, key)).get();
	return row ? (JSON.parse(row.state) as T) : null;
}

/**
 * Records a job's state at the end of a run. Written after the run's work, so a run that dies before it leaves the
 * previous state and the next run does the same work again (every job is idempotent).
 */
export async function writeCronState(db: Db, job: CronJob, shard: string, state: object, now: number): Promise<void> {
	const value = JSON.stringify(state);
	await db
		.insert(cronState)
		.values({ job: rowOf(job, shard), state: value, updatedAt: now })
		.onConflictDoUpdate({ target: cronState.job, set: { state: value, updatedAt: now } });
}

/** Every job's last recorded state, for the operator (`GET /admin/cron`). A handful of rows. */
export async function allCronStates(db: Db): Promise<{ job: string; state: unknown; updatedAt: number }[]> {
	const rows = await db.select().from(cronState).orderBy(cronState.job);
	return rows.map((r) => ({ job: r.job, state: JSON.parse(r.state) as unknown, updatedAt: r.updatedAt }));
}
