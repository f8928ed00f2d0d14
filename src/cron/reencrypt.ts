import { type Config } from "../config";
import { piiCipher } from "../crypto/pii";
import { database } from "../db/client";
import { DIRECTORY, dataDatabases, type Shard, shardDatabase, shardOf } from "../db/shards";
import { DomainError } from "../errors";
import { describeError, log } from "../log";
import { verificationStub } from "../pipeline/stub";
import { countNotUnder, idempotencyHashesNotUnder, unredactedPage } from "../records/reencryption";
import { countStaleSecrets, reencryptEndpointSecrets } from "../webhooks/secret-rekey";

/** What one batch of the re-encryption did, and what is left under keys other than the current one. */
export interface ReencryptReport {
	keyId: string;
	reencrypted: { endpoints: number; verifications: number };
	/** Their key is gone (or the ciphertext was altered): logged, left as they are, still counted as remaining. */
	unreadable: { endpoints: number; verifications: number };
	/** Verifications whose object failed or changed meanwhile in this batch (the next pass retries them). */
	failed: number;
	remaining: { endpoints: number; verifications: number };
	/** Request fingerprints that cannot be re-made; they age out with their verification's D1 retention. */
	idempotencyHashes: { count: number; agesOutAt: number | null };
	/** Where the next batch starts; null once this pass has walked everything. */
	nextCursor: string | null;
}

/**
 * One bounded batch of the re-encryption an operator runs after a key rotation (`npm run pii:reencrypt`). A pass
 * walks each data database in turn (src/db/shards.ts), in each the webhook endpoints, then the verifications that
 * still hold personal data, both in id order; `cursor` says where (`<database>:` and a `we_` or `ver_` id). Each batch
 * reads at most `limit` rows of each and asks only the objects whose projection is not under the current key to
 * re-key themselves. `remaining` counts every database. Safe to repeat and to run beside live traffic.
 */
export async function reencryptBatch(
	env: Env,
	config: Config,
	q: { cursor?: string | undefined; limit: number },
): Promise<ReencryptReport> {
	if (config.piiKeys.length === 0)
		throw new DomainError("service_unavailable", "Personal data encryption is not configured.");
	const names = dataDatabases(env);
	const [name = names[0] ?? DIRECTORY, at = ""] = q.cursor?.split(":") ?? [];
	if (!names.includes(name))
		throw new DomainError("validation_failed", "Must be a next_cursor returned by a previous call.");
	const report = await reencryptShard(env, config, shardOf(env, name), { cursor: at || undefined, limit: q.limit });
	const next = names[names.indexOf(name) + 1];
	report.nextCursor = report.nextCursor !== null ? `${name}:${report.nextCursor}` : next ? `${next}:` : null;
	let newestHash: number | null = null;
	report.idempotencyHashes.count = 0;
	for (const each of names) {
		const db = database(shardDatabase(env, each));
		if (each !== name) {
			report.remaining.endpoints += await countStaleSecrets(db, config);
			report.remaining.verifications += await countNotUnder(db, report.keyId);
		}
		const hashes = await idempotencyHashesNotUnder(db, report.keyId);
		report.idempotencyHashes.count += hashes.count;
		if (hashes.newestAt !== null) newestHash = Math.max(newestHash ?? 0, hashes.newestAt);
	}
	report.idempotencyHashes.agesOutAt = newestHash === null ? null : newestHash + config.retention.recordsMs;
	return report;
}

async function reencryptShard(
	env: Env,
	config: Config,
	shard: Shard,
	q: { cursor?: string | undefined; limit: number },
): Promise<ReencryptReport> {
	const db = database(shard.d1);
	const keyId = await piiCipher(config.piiKeys).currentKeyId();
	const report: ReencryptReport = {
		keyId,
		reencrypted: { endpoints: 0, verifications: 0 },
		unreadable: { endpoints: 0, verifications: 0 },
		failed: 0,
		remaining: { endpoints: 0, verifications: 0 },
		idempotencyHashes: { count: 0, agesOutAt: null },
		nextCursor: null,
	};
	const verificationCursor = q.cursor?.startsWith("ver_") ? q.cursor : undefined;
	if (verificationCursor === undefined) {
		const endpoints = await reencryptEndpointSecrets(db, config, { startingAfter: q.cursor, limit: q.limit });
		report.reencrypted.endpoints = endpoints.reencrypted;
		report.unreadable.endpoints = endpoints.unreadable;
		report.nextCursor = endpoints.nextCursor;
	}
	if (report.nextCursor === null) {
		const page = await unredactedPage(db, { startingAfter: verificationCursor, limit: q.limit });
		const stale = page.items.filter((v) => v.keyId !== keyId);
		const outcomes = await Promise.allSettled(stale.map((v) => verificationStub(env, v.id).reencrypt()));
		outcomes.forEach((o, i) => {
			if (o.status === "fulfilled" && o.value === "reencrypted") report.reencrypted.verifications++;
			else if (o.status === "fulfilled" && o.value === "unreadable") report.unreadable.verifications++;
			else if (o.status === "fulfilled" && o.value === "erased") return;
			else {
				report.failed++;
				const why = o.status === "fulfilled" ? o.value : describeError(o.reason);
				log("warn", "pii.reencrypt_failed", { verification_id: stale[i]?.id, reason: why });
			}
		});
		report.nextCursor = page.nextCursor;
	}
	report.remaining = { endpoints: await countStaleSecrets(db, config), verifications: await countNotUnder(db, keyId) };
	log("info", "pii.reencrypt_batch", { key_id: keyId, ...report.reencrypted, remaining: report.remaining });
	return report;
}
