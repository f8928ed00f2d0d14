import { and, eq } from "drizzle-orm";
import { canonicalJson } from "../canonical-json";
import { type Db } from "../db/client";
import { idempotencyKeys } from "../db/schema";
import { type Statement } from "../db/statement";
import { REDACTED_HASH } from "../verification/stored";

/**
 * What an idempotency key's request hash is a keyed hash of: the client and the validated body in canonical form
 * (object keys sorted at every depth), so the same body with its keys in another order is the same request.
 */
export const requestFingerprint = (clientId: string, body: unknown) => `request|${clientId}|${canonicalJson(body)}`;

/**
 * What keys stored before the canonical form hashed: the validated body as serialized, `metadata` in the order it was
 * sent. Still matched (the same request sent again reproduces it) until those keys are pruned with their
 * verifications, RECORD_RETENTION_SECONDS after the release that made the form canonical; then this goes.
 */
export const legacyRequestFingerprint = (clientId: string, body: unknown) =>
	`request|${clientId}|${JSON.stringify(body)}`;

interface Claim {
	clientId: string;
	livemode: boolean;
	key: string;
	requestHash: string;
	/** The key `requestHash` was made with, so the re-encryption can tell which hashes predate a rotation. */
	keyId: string;
	verificationId: string;
}

/**
 * Claims an idempotency key (scoped per client and mode) atomically (insert-or-nothing on the primary key). Of concurrent requests exactly
 * one claim inserts; every other one reads the winner's verification id and hash.
 */
export async function claimIdempotencyKey(
	db: Db,
	claim: Claim,
): Promise<{ verificationId: string; requestHash: string; existing: boolean }> {
	const inserted = await db
		.insert(idempotencyKeys)
		.values({ ...claim, createdAt: Date.now() })
		.onConflictDoNothing()
		.returning({ verificationId: idempotencyKeys.verificationId });
	if (inserted.length > 0)
		return { verificationId: claim.verificationId, requestHash: claim.requestHash, existing: false };
	const row = await db
		.select({ verificationId: idempotencyKeys.verificationId, requestHash: idempotencyKeys.requestHash })
		.from(idempotencyKeys)
		.where(
			and(
				eq(idempotencyKeys.clientId, claim.clientId),
				eq(idempotencyKeys.livemode, claim.livemode),
				eq(idempotencyKeys.key, claim.key),
			),
		)
		.get();
	if (!row) throw new Error("idempotency key vanished after a conflicting insert");
	return { ...row, existing: true };
}

/**
 * Forgets the request fingerprint of a redacted verification's key, as a statement of the projection's batch: the key
 * keeps answering (a replay is a 422, not a new verification), but no longer carries a hash of the personal data.
 */
export const forgetRequestHash = (verificationId: string): Statement => ({
	text: "UPDATE idempotency_keys SET request_hash = ? WHERE verification_id = ?",
	values: [REDACTED_HASH, verificationId],
});
