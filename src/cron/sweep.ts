import { loadConfig } from "../config";
import { fault } from "../crash-points";
import { database } from "../db/client";
import { type Shard } from "../db/shards";
import { describeError, log } from "../log";
import { verificationStub } from "../pipeline/stub";
import { dropClaim, markSwept, unsweptClaims } from "../records/person-claims";
import { overdueWakeUps } from "../records/verifications";
import { onEachShard, total } from "./shards";

/** Rows each sweep looks at per run. */
export const SWEEP_BATCH = 200;

/**
 * Cron safety net: every verification whose projected wake-up is overdue by more than `SWEEP_WAKE_GRACE_SECONDS`
 * (its alarm was lost, or its object's writes failed) gets its Durable Object poked, which drains its outbox and
 * re-arms its alarm from stored state. Returns how many were re-armed.
 */
export async function sweepOverdue(env: Env, now: number, shards?: Shard[]): Promise<number> {
	return total(await onEachShard(env, "sweep", (shard) => sweepShardOverdue(env, now, shard), shards));
}

async function sweepShardOverdue(env: Env, now: number, shard: Shard): Promise<number> {
	const { wakeGraceMs } = loadConfig(env).sweeps;
	const rows = await overdueWakeUps(database(shard.d1), now - wakeGraceMs, SWEEP_BATCH);
	fault("cron.sweep");
	const results = await Promise.allSettled(rows.map((r) => verificationStub(env, r.id).ensureAlarm()));
	const failed = results.filter((r) => r.status === "rejected");
	for (const f of failed)
		log("error", "sweep.rearm_failed", { error: describeError((f as PromiseRejectedResult).reason) });
	if (rows.length > 0) log("warn", "sweep.rearmed", { count: rows.length - failed.length, failed: failed.length });
	return rows.length - failed.length;
}

/**
 * The other half of the safety net: a verification whose projection never landed is invisible to the sweep above,
 * but its duplicate-guard claim (written before its object was created) is in D1. Each claim is looked at once,
 * when it is `SWEEP_UNPROJECTED_CLAIM_SECONDS` old: without a projection, its object is poked (which drains and
 * re-arms it); a claim whose object holds nothing (its request died before creating it) is deleted. A claim found
 * projected is marked, so a run reads only the claims made since the last and those still waiting for their
 * projection (poked again each run until it lands), never every claim held.
 */
export async function sweepUnprojected(env: Env, now: number, shards?: Shard[]): Promise<number> {
	return total(await onEachShard(env, "unprojected", (shard) => sweepShardUnprojected(env, now, shard), shards));
}

async function sweepShardUnprojected(env: Env, now: number, shard: Shard): Promise<number> {
	const { unprojectedClaimMs } = loadConfig(env).sweeps;
	const db = database(shard.d1);
	const rows = await unsweptClaims(db, now - unprojectedClaimMs, SWEEP_BATCH);
	fault("cron.unprojected");
	const swept = rows.filter((r) => r.projected).map((r) => r.id);
	const unprojected = rows.filter((r) => !r.projected);
	let found = 0;
	for (const r of unprojected) {
		try {
			const status = await verificationStub(env, r.id).ensureAlarm();
			if (status === null) await dropClaim(db, r.id);
			else found++;
		} catch (e) {
			log("error", "sweep.unprojected_failed", { verification_id: r.id, error: describeError(e) });
		}
	}
	await markSwept(db, swept, now);
	if (unprojected.length > 0) log("warn", "sweep.unprojected", { count: unprojected.length, revived: found });
	return found;
}
