import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { type Db } from "../db/client";
import { idempotentRequests } from "../db/schema";
import { type Account } from "../tenancy";

/** How long a key answers with its first response (Stripe keeps them a day). */
export const IDEMPOTENT_REQUEST_TTL_MS = 24 * 3_600_000;
/**
 * A first request that has held its key this long without recording an answer died (its isolate was killed between
 * doing the work and recording it): a retry with the key runs again rather than waiting forever.
 */
export const ABANDONED_AFTER_MS = 60_000;

/** What the key says about a request: run it (the key is now held for it), replay an answer, or refuse. */
export type KeyClaim =
	| { kind: "run" }
	| { kind: "replay"; status: number; response: string }
	| { kind: "other_request" }
	| { kind: "in_progress" };

const keyOf = (account: Account, key: string) =>
	and(
		eq(idempotentRequests.clientId, account.clientId),
		eq(idempotentRequests.livemode, account.livemode),
		eq(idempotentRequests.key, key),
	);

/**
 * Claims `key` for a request with this fingerprint (insert-or-nothing on the primary key, so of concurrent requests
 * exactly one runs), or says what the key already holds. A key past its day, or abandoned by a request that died, is
 * taken over.
 */
export async function claimRequestKey(
	db: Db,
	account: Account,
	key: string,
	fingerprint: string,
	now: number,
): Promise<KeyClaim> {
	const row = { clientId: account.clientId, livemode: account.livemode, key, fingerprint, createdAt: now };
	const inserted = await db
		.insert(idempotentRequests)
		.values(row)
		.onConflictDoNothing()
		.returning({ key: idempotentRequests.key });
	if (inserted.length > 0) return { kind: "run" };
	const stale = or(
		lt(idempotentRequests.createdAt, now - IDEMPOTENT_REQUEST_TTL_MS),
		and(isNull(idempotentRequests.status), lt(idempotentRequests.createdAt, now - ABANDONED_AFTER_MS)),
	);
	const taken = await db
		.update(idempotentRequests)
		.set({ fingerprint, status: null, response: null, createdAt: now })
		.where(and(keyOf(account, key), stale))
		.returning({ key: idempotentRequests.key });
	if (taken.length > 0) return { kind: "run" };
	const held = await db.select().from(idempotentRequests).where(keyOf(account, key)).get();
	if (!held) return claimRequestKey(db, account, key, fingerprint, now); // pruned meanwhile
	if (held.fingerprint !== fingerprint) return { kind: "other_request" };
	if (held.status === null || held.response === null) return { kind: "in_progress" };
	return { kind: "replay", status: held.status, response: held.response };
}

/** Records the answer a key replays from now on. */
export async function recordRequestAnswer(db: Db, account: Account, key: string, status: number, response: string) {
	await db.update(idempotentRequests).set({ status, response }).where(keyOf(account, key));
}

/** Lets a key go (the request failed on our side, 5xx): a retry with it runs again. */
export async function releaseRequestKey(db: Db, account: Account, key: string) {
	await db.delete(idempotentRequests).where(and(keyOf(account, key), isNull(idempotentRequests.status)));
}

/**
 * Removes up to `limit` keys older than their day, oldest first: one statement whose rows read are bounded by what it
 * deletes (a range of the created-at index), never a scan.
 */
export async function pruneRequestKeys(db: Db, now: number, limit: number): Promise<number> {
	const t = idempotentRequests;
	const deleted = await db.all<{ key: string }>(sql`
		DELETE FROM ${t} WHERE rowid IN (
		  SELECT rowid FROM ${t} WHERE ${t.createdAt} < ${now - IDEMPOTENT_REQUEST_TTL_MS} ORDER BY ${t.createdAt} LIMIT ${limit})
		RETURNING ${t.key}`);
	return deleted.length;
}
