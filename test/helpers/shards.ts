/**
 * D1 as tests see it with shards (docs/operators.md, "Shards"): the directory (`DB`) and every data database. Tests
 * and helpers that reach past the API find a client's rows in its shard, or look in every data database for a row
 * known by its id (it lives in exactly one).
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { type Db, database } from "../../src/db/client";
import { clients } from "../../src/db/schema";
import { dataShards, type Shard, shardOf } from "../../src/db/shards";

/** The directory's client (the primary). */
export const directory = (): Db => database(env.DB);

/** The tables that hold a client's rows, each with its client column. */
export const PER_CLIENT_TABLES = [
	"verifications",
	"verification_events",
	"idempotency_keys",
	"idempotent_requests",
	"person_claims",
	"webhook_endpoints",
	"webhook_deliveries",
];

/** Every data database, as drizzle clients. */
export const dataDbs = (): Db[] => dataShards(env).map((s) => database(s.d1));

/** The shard holding a client's rows, as the directory says. */
export async function shardFor(clientId: string): Promise<Shard> {
	const row = await directory().select({ shard: clients.shard }).from(clients).where(eq(clients.id, clientId)).get();
	if (!row) throw new Error(`the directory knows no client ${clientId}`);
	return shardOf(env, row.shard);
}

/** A drizzle client on the shard holding a client's rows. */
export const clientDb = async (clientId: string): Promise<Db> => database((await shardFor(clientId)).d1);

/**
 * Runs `query` on every data database and returns what each returned, in one list: for a statement on a row known by
 * its id (it changes the one database holding it), or a read across all of them.
 */
export async function onEveryDb<T>(query: (db: Db) => Promise<T[] | T | undefined>): Promise<T[]> {
	const results = await Promise.all(dataDbs().map((db) => query(db)));
	return results.flatMap((r) => (r === undefined ? [] : Array.isArray(r) ? r : [r]));
}

/** The first row `query` finds in any data database, or null. */
export async function findInAnyDb<T>(query: (db: Db) => Promise<T | undefined>): Promise<T | null> {
	for (const db of dataDbs()) {
		const row = await query(db);
		if (row !== undefined) return row;
	}
	return null;
}
