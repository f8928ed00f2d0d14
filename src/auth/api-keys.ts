import { and, eq, isNull } from "drizzle-orm";
import { type Config } from "../config";
import { sha256Hex, timingSafeEqual } from "../crypto/encoding";
import { type Db } from "../db/client";
import { apiKeys, clients } from "../db/schema";
import { newId } from "../ids";
import { type Account, keyPrefixOf, type Mode } from "../tenancy";
import { type FailedAuthLimit } from "./address-limit";
import { placeClient } from "./directory";
import { TtlCache } from "./key-cache";

/** What the published development key starts with (`DEV_API_KEY` in development.env). */
const DEV_KEY_PREFIX = "kyc_test_devkey_";

/** The client that owns `DEV_API_KEY` in development. */
export const DEV_CLIENT_ID = "cli_00000000000000000000000DEV";

const KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
/** What `generateApiKey` makes: mode prefix and 37 characters of the alphabet. */
const KEY_FORMAT = /^kyc_(test|live)_[a-z0-9]{37}$/;

/** A new random API key (190 bits), prefixed by mode so a leaked key says what it can do. */
export function generateApiKey(mode: Mode): string {
	const bytes = crypto.getRandomValues(new Uint8Array(37));
	let body = "";
	for (const b of bytes) body += KEY_ALPHABET[b % 36];
	return `${keyPrefixOf(mode)}${body}`;
}

/** What operators see of a key: enough to recognise it, not to use it. */
export const keyPrefix = (key: string) => key.slice(0, 16);

export async function issueKey(
	db: Db,
	clientId: string,
	mode: Mode,
): Promise<{ id: string; key: string; prefix: string; livemode: boolean; createdAt: number }> {
	const key = generateApiKey(mode);
	const livemode = mode === "live";
	const row = {
		id: newId("key"),
		clientId,
		livemode,
		prefix: keyPrefix(key),
		hash: await sha256Hex(key),
		createdAt: Date.now(),
	};
	await db.insert(apiKeys).values(row);
	return { id: row.id, key, prefix: row.prefix, livemode, createdAt: row.createdAt };
}

/** A presented key that is valid: whose it is, which mode it acts in, and where its client's rows live. */
export interface Authenticated extends Account {
	keyId: string;
	/** The client's shard as the directory said when the key was looked up (src/db/shards.ts). */
	shard: string;
}

/**
 * How long an isolate trusts what it learnt about a key: a key revoked elsewhere keeps working here for at most
 * this long (a revocation in this isolate takes effect on its next request). Stated in docs/partners.md ("Limits") and in the
 * revoke operation's description.
 */
export const KEY_CACHE_TTL_MS = 30_000;
/** How long a well-formed key found in no row (unknown, or revoked) is refused without asking D1 again. */
export const UNKNOWN_KEY_CACHE_TTL_MS = 5_000;

// Per isolate, keyed by the key's SHA-256 (the key itself is never kept). Bounded: ~10,000 principals of ~200 bytes.
const known = new TtlCache<Authenticated>({ capacity: 10_000, ttlMs: KEY_CACHE_TTL_MS });
const unknown = new TtlCache<true>({ capacity: 1_000, ttlMs: UNKNOWN_KEY_CACHE_TTL_MS });

/** `authenticate`'s answer for a client address that failed too often: no look-up was made. */
export const THROTTLED = "throttled";

/**
 * The client owning a presented key, or null (or THROTTLED). Keys are stored only as SHA-256 hashes; the final
 * comparison is constant-time. Answers come from this isolate's cache for up to KEY_CACHE_TTL_MS (unknown keys for
 * UNKNOWN_KEY_CACHE_TTL_MS), so a polling partner costs D1 one look-up per key per isolate per TTL, not one per
 * request; `db` is the primary, so what a miss reads is never older than the TTL. Distinct random keys miss every
 * cache: `failures` (the caller's address) bounds how many of them reach D1. A cached key never consults it.
 */
export async function authenticate(
	db: Db,
	config: Config,
	presented: string,
	failures: FailedAuthLimit | null,
	openShards: readonly string[] = [],
): Promise<Authenticated | null | typeof THROTTLED> {
	// A token that cannot be one of our keys costs no database query. The published development key does not
	// have the generated format, and `devApiKey` is unset outside development, so it never works there, even if a
	// row for it exists.
	if (!KEY_FORMAT.test(presented) && presented !== config.devApiKey) return null;
	const hash = await sha256Hex(presented);
	const cached = known.get(hash);
	if (cached) return cached;
	if (unknown.get(hash)) return null;
	if (failures?.throttled) return THROTTLED;
	const found = await lookUp(db, config, presented, hash, openShards);
	if (found) known.set(hash, found);
	else {
		unknown.set(hash, true);
		if (await failures?.fail()) return THROTTLED;
	}
	return found;
}

/** This isolate stops trusting a key at once (its revocation was made here). */
export function forgetKey(hash: string): void {
	known.delete(hash);
}

/** This isolate forgets every key of a client it holds, and the shard each named (the client moved here). */
export function forgetClientKeys(clientId: string): void {
	known.deleteWhere((k) => k.clientId === clientId);
}

async function lookUp(
	db: Db,
	config: Config,
	presented: string,
	hash: string,
	openShards: readonly string[],
): Promise<Authenticated | null> {
	const row = await db
		.select({
			clientId: apiKeys.clientId,
			keyId: apiKeys.id,
			hash: apiKeys.hash,
			livemode: apiKeys.livemode,
			shard: clients.shard,
		})
		.from(apiKeys)
		.innerJoin(clients, eq(clients.id, apiKeys.clientId))
		.where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)))
		.get();
	if (row && timingSafeEqual(row.hash, hash))
		return { clientId: row.clientId, keyId: row.keyId, livemode: row.livemode, shard: row.shard };
	if (config.devApiKey && timingSafeEqual(presented, config.devApiKey)) return seedDevClient(db, hash, openShards);
	return null;
}

/** Development only: the DEV_API_KEY client exists without a manual step (created on first use). */
async function seedDevClient(db: Db, hash: string, openShards: readonly string[]): Promise<Authenticated | null> {
	const now = Date.now();
	const shard = await placeClient(db, openShards);
	await db
		.insert(clients)
		.values({ id: DEV_CLIENT_ID, name: "Development", createdAt: now, shard })
		.onConflictDoNothing();
	await db
		.insert(apiKeys)
		.values({ id: newId("key"), clientId: DEV_CLIENT_ID, prefix: DEV_KEY_PREFIX, hash, createdAt: now })
		.onConflictDoNothing();
	// Whoever won a concurrent seed, and whether the key was revoked since, the stored row decides.
	const row = await db
		.select({ id: apiKeys.id, revokedAt: apiKeys.revokedAt, shard: clients.shard })
		.from(apiKeys)
		.innerJoin(clients, eq(clients.id, apiKeys.clientId))
		.where(eq(apiKeys.hash, hash))
		.get();
	return row && row.revokedAt === null
		? { clientId: DEV_CLIENT_ID, keyId: row.id, livemode: false, shard: row.shard }
		: null;
}
