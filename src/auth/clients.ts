import { and, eq } from "drizzle-orm";
import { type Db } from "../db/client";
import { keyset, type Page, type PageQuery, toPage } from "../db/paging";
import { apiKeys, clients } from "../db/schema";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { type Mode } from "../tenancy";
import { forgetKey, issueKey } from "./api-keys";
import { placeClient } from "./directory";

export type ClientRow = typeof clients.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type IssuedKey = Awaited<ReturnType<typeof issueKey>>;

/**
 * Operator: creates a client and its first API key, in test mode unless asked (the key is returned once). The
 * client is placed on one of the `open` shards (`placeClient`), recorded in the directory with it.
 */
export async function createClient(
	db: Db,
	open: readonly string[],
	name: string,
	mode: Mode = "test",
): Promise<{ client: ClientRow; key: IssuedKey }> {
	const client = { id: newId("cli"), name, createdAt: Date.now(), shard: await placeClient(db, open), move: null };
	await db.insert(clients).values(client);
	return { client, key: await issueKey(db, client.id, mode) };
}

async function requireClient(db: Db, id: string): Promise<void> {
	const row = await db.select({ id: clients.id }).from(clients).where(eq(clients.id, id)).get();
	if (!row) throw new DomainError("not_found", "No such client.");
}

/** Operator: another API key for an existing client, in either mode. */
export async function issueClientKey(db: Db, clientId: string, mode: Mode): Promise<IssuedKey> {
	await requireClient(db, clientId);
	return issueKey(db, clientId, mode);
}

/** Operator: a client's keys, newest first (rows hold only the hash and the prefix). */
export async function listClientKeys(db: Db, clientId: string, q: PageQuery): Promise<Page<ApiKeyRow>> {
	await requireClient(db, clientId);
	const k = keyset(apiKeys.id, "desc", q);
	const rows = await db
		.select()
		.from(apiKeys)
		.where(and(eq(apiKeys.clientId, clientId), k.after))
		.orderBy(k.orderBy)
		.limit(k.limit);
	return toPage(rows, q.limit);
}

/**
 * Operator: revokes a key. This isolate refuses it from the next request on; others within KEY_CACHE_TTL_MS, when
 * what they cached of it expires. Revoking twice keeps the first time.
 */
export async function revokeClientKey(db: Db, clientId: string, keyId: string): Promise<ApiKeyRow> {
	const where = and(eq(apiKeys.id, keyId), eq(apiKeys.clientId, clientId));
	const row = await db.select().from(apiKeys).where(where).get();
	if (!row) throw new DomainError("not_found", "No such API key.");
	const revokedAt = row.revokedAt ?? Date.now();
	await db.update(apiKeys).set({ revokedAt }).where(where);
	forgetKey(row.hash);
	return { ...row, revokedAt };
}
