import { loadConfig } from "../config";
import { fault } from "../crash-points";
import { database } from "../db/client";
import { type Shard } from "../db/shards";
import { log } from "../log";
import { deliveryBacklog, lostBefore, lostDeliveries, resumeLost, resumeLostCatchUps } from "../webhooks/lost-messages";
import { onEachShard, total } from "./shards";

const BATCH = 100;
/**
 * Batches per cron run. One batch a minute made a crash that lost a few hundred messages take minutes to heal
 * (`npm run bench:chaos`, kills); ten keep a run bounded (≤ 1,000 rows) and heal such a loss in one minute.
 */
const MAX_BATCHES = 10;

/**
 * Cron safety net for deliveries: a `pending` delivery more than `SWEEP_OVERDUE_DELIVERY_SECONDS` past its next
 * attempt, past the lease of any message claiming it, and due before the oldest message still waiting in the
 * delivery queues lost its queue message or its dead letter (a failed send, an expired message, a runtime killed
 * with in-memory queues). Each is sent again in the same round, its retry ladder where it was, or, when every
 * attempt was already made, marked `failed`, so a delivery ends delivered or visibly failed without the partner
 * calling `recover` (src/webhooks/lost-messages.ts). A parked delivery whose span ended is marked `failed`; an
 * endpoint whose catch-up message was lost gets it again. Returns how many it handled.
 */
export async function sweepOverdueDeliveries(env: Env, now: number, shards?: Shard[]): Promise<number> {
	const graceMs = loadConfig(env).sweeps.overdueDeliveryMs;
	const backlog = await deliveryBacklog([env.DELIVERIES_QUEUE, env.SLOW_DELIVERIES_QUEUE], now);
	// Without the queues' word the sweep cannot tell late from lost; a re-send of a late message costs it nothing.
	if (!backlog.known) log("warn", "sweep.queue_metrics_unavailable", {});
	const cutoff = lostBefore(now, graceMs, backlog);
	if (now - graceMs - cutoff > 0) log("info", "sweep.deliveries_queue_behind", { behind_ms: now - graceMs - cutoff });
	const counts = await onEachShard(env, "deliveries", (shard) => sweepShard(env, shard, cutoff, now), shards);
	return total(counts);
}

async function sweepShard(env: Env, shard: Shard, cutoff: number, now: number): Promise<number> {
	const db = database(shard.d1);
	let resent = 0;
	let failed = 0;
	for (let i = 0; i < MAX_BATCHES; i++) {
		const rows = await lostDeliveries(db, cutoff, BATCH);
		fault("cron.deliveries");
		const batch = await resumeLost(db, shard.name, env.DELIVERIES_QUEUE, rows, cutoff, now);
		resent += batch.resent;
		failed += batch.failed;
		// Each row handled leaves the set (due now, or failed); one a consumer took meanwhile is not met again either.
		if (rows.length < BATCH) break;
	}
	// Catch-ups whose message was lost: the endpoints' parked deliveries wait for them (src/webhooks/catch-up.ts).
	const catchUps = await resumeLostCatchUps(db, shard.name, env.DELIVERIES_QUEUE, cutoff, BATCH);
	if (resent + failed + catchUps > 0)
		log("warn", "sweep.deliveries_overdue", { shard: shard.name, resent, failed, catch_ups: catchUps });
	return resent + failed + catchUps;
}
