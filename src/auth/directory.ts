import { and, count, eq, inArray, isNull } from "drizzle-orm";
import { type Db } from "../db/client";
import { clients } from "../db/schema";
import { DIRECTORY } from "../db/shards";
import { TtlCache } from "./key-cache";

/**
 * The directory's word on where each client's rows live (docs/operators.md, "Shards"): the placement of a new client,
 * and the shard of a known one for code that is not answering one of its requests (its Durable Objects' drains, the
 * retired events queue). A request learns its client's shard with its API key (`authenticate`).
 */

/** How long an isolate trusts what it learnt of a client's shard: as long as it trusts a key (a move waits it out). */
export const SHARD_CACHE_TTL_MS = 30_000;

const shards = new TtlCache<string>({ capacity: 10_000, ttlMs: SHARD_CACHE_TTL_MS });

/**
 * Where a new client goes: of the `open` shards (`SHARDS_OPEN`, or every declared shard), the one holding the fewest
 * clients, the first on a tie. One grouped count over the directory's shard index: as many rows as clients, never
 * any of their history.
 */
export async function placeClient(db: Db, open: readonly string[]): Promise<string> {
	const [first] = open;
	if (first === undefined) return DIRECTORY;
	const rows = await db
		.select({ shard: clients.shard, clients: count() })
		.from(clients)
		.where(inArray(clients.shard, [...open]))
		.groupBy(clients.shard);
	const held = new Map(rows.map((r) => [r.shard, r.clients]));
	return open.reduce((best, s) => ((held.get(s) ?? 0) < (held.get(best) ?? 0) ? s : best), first);
}

/**
 * The shard of a client, from this isolate's cache (up to SHARD_CACHE_TTL_MS old) or the directory's primary. A
 * client the directory does not know lives nowhere: null.
 */
export async function shardOfClient(db: Db, clientId: string): Promise<string | null> {
	const cached = shards.get(clientId);
	if (cached) return cached;
	const row = await db.select({ shard: clients.shard }).from(clients).where(eq(clients.id, clientId)).get();
	if (row) shards.set(clientId, row.shard);
	return row?.shard ?? null;
}

/** This isolate forgets a client's shard at once (it moved here, or a read found it moved). */
export function forgetShard(clientId: string): void {
	shards.delete(clientId);
}

/** Where a client's rows are, and the move under way (its state as JSON), as the directory's primary says now. */
export async function placementOf(db: Db, clientId: string): Promise<{ shard: string; move: string | null } | null> {
	const row = await db
		.select({ shard: clients.shard, move: clients.move })
		.from(clients)
		.where(eq(clients.id, clientId))
		.get();
	return row ?? null;
}

/**
 * Records a move's next state (and, when it switches, the client's shard), only if the stored state is still
 * `before`: of two operators stepping one move at once, one step lands and the other is told. Returns whether it did.
 */
export async function recordMove(
	db: Db,
	clientId: string,
	before: string | null,
	next: { move: string | null; shard?: string },
): Promise<boolean> {
	const same = before === null ? isNull(clients.move) : eq(clients.move, before);
	const set = next.shard === undefined ? { move: next.move } : { move: next.move, shard: next.shard };
	const done = await db
		.update(clients)
		.set(set)
		.where(and(eq(clients.id, clientId), same))
		.returning({ id: clients.id });
	if (next.shard !== undefined) forgetShard(clientId);
	return done.length > 0;
}
