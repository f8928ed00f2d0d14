import { database } from "../db/client";
import { log } from "../log";
import { pruneRequestKeys } from "../records/idempotent-requests";

/** Keys removed per run: one statement, bounded by what it deletes; a run a minute clears 720,000 keys a day. */
const BATCH = 500;

/** The cron's part of the idempotency keys of state-changing requests: the ones past their day go. */
export async function pruneIdempotentRequests(env: Env, now: number): Promise<number> {
	const removed = await pruneRequestKeys(database(env.DB), now, BATCH);
	if (removed > 0) log("info", "retention.request_keys_pruned", { count: removed });
	return removed;
}
