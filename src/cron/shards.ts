import { dataShards, type Shard } from "../db/shards";
import { describeError, log } from "../log";

/**
 * Runs one cron job on each data database in turn (docs/operators.md, "Shards"): every job is bounded per shard, and
 * a shard whose run throws does not stop the others. Their errors are logged and, once every shard has run, thrown
 * together, so the run still counts as failed (the next minute's run does the same work again).
 */
export async function onEachShard<T>(
	env: object,
	job: string,
	run: (shard: Shard) => Promise<T>,
	shards: Shard[] = dataShards(env),
): Promise<T[]> {
	const results: T[] = [];
	const errors: unknown[] = [];
	for (const shard of shards) {
		try {
			results.push(await run(shard));
		} catch (e) {
			log("error", "cron.shard_failed", { job, shard: shard.name, error: describeError(e) });
			errors.push(e);
		}
	}
	if (errors.length === 1) throw errors[0];
	if (errors.length > 1) throw new AggregateError(errors, `${job} failed on ${errors.length} shards`);
	return results;
}

/** The sum of what each shard's run counted. */
export const total = (counts: number[]): number => counts.reduce((a, b) => a + b, 0);
