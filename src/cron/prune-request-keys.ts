import { database } from "../db/client";
import { type Shard } from "../db/shards";
import { log } from "../log";
import { pruneRequestKeys } from "../records/idempotent-requests";
import { onEachShard, total } from "./shards";

/** Keys removed per run: one statement, bounded by what it deletes; a run a minute clears 720,000 keys a day. */
const BATCH = 500;

/** The cron's part of the idempotency keys of state-changing requests: the ones past their day go. */
export async function pruneIdempotentRequests(env: Env, now: number, shards?: Shard[]): Promise<number> {
	const counts = await onEachShard(
		env,
		"prune_request_keys",
		async (shard) => {
			const removed = await pruneRequestKeys(database(shard.d1), now, BATCH);
			if (removed > 0) log("info", "retention.request_keys_pruned", { shard: shard.name, count: removed });
			return removed;
		},
		shards,
	);
	return total(counts);
}
