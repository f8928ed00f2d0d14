import { shardOfClient } from "../auth/directory";
import { database } from "../db/client";
import { type Shard, shardOf } from "../db/shards";
import { DomainError } from "../errors";
import { isId } from "../ids";

/** The Durable Object of a verification id, or a 404 for anything that cannot be one of our ids. */
export function verificationStub(env: Env, id: string) {
	if (!isId("ver", id)) throw new DomainError("not_found", "No such verification.");
	return env.VERIFICATION.getByName(id);
}

/**
 * The shard holding a client's rows, as the directory says (cached per isolate for up to SHARD_CACHE_TTL_MS): where a
 * verification's drains go (docs/operators.md, "Shards"; a client move relies on the cache letting go).
 */
export async function clientShard(env: Env, clientId: string): Promise<Shard> {
	const name = await shardOfClient(database(env.DB), clientId);
	if (name === null) throw new Error(`the directory knows no client ${clientId}`);
	return shardOf(env, name);
}
