import { shardOf } from "../db/shards";
import { recordKeyId } from "../verification/stored";
import { reproject } from "./projection";
import { type Verification } from "./verification";

/**
 * A client move (docs/operators.md, "Moving a client"): writes the verification's snapshot and whole history into
 * shard `to`, from what its object holds, the system of record. Idempotent. False when the object holds nothing.
 */
export async function reprojectTo(v: Verification, to: string): Promise<boolean> {
	const state = v.store.load();
	const meta = v.store.meta();
	if (!state || !meta) return false;
	await reproject(shardOf(v.env, to), state, v.store.history(0), recordKeyId(meta));
	return true;
}
