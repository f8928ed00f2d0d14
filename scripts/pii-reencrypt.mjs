#!/usr/bin/env node
// @ts-check
// `npm run pii:reencrypt -- --url https://kyc.example.com [--admin-token …] [--limit 50]`: after a PII key rotation
// (new key in PII_ENCRYPTION_KEY, the old one still in PII_ENCRYPTION_KEYS_PREVIOUS), calls POST /admin/reencrypt
// until nothing remains under an old key, printing each batch and the totals. The token defaults to $ADMIN_TOKEN.
// Exits 0 when nothing remains, 1 otherwise (the records left are named in the service's logs). docs/operators.md,
// "The PII encryption key".
import { parseArgs } from "node:util";
import { reencryptUntilDone } from "./lib/reencrypt-loop.mjs";

/** @import { Batch } from "./lib/reencrypt-loop.mjs" */

const { values } = parseArgs({
	options: { url: { type: "string" }, "admin-token": { type: "string" }, limit: { type: "string", default: "50" } },
});
const token = values["admin-token"] ?? process.env.ADMIN_TOKEN;
if (!values.url || !token) {
	console.error("usage: npm run pii:reencrypt -- --url <base URL> [--admin-token <ADMIN_TOKEN>] [--limit 1..100]");
	process.exit(2);
}
const endpoint = new URL("/admin/reencrypt", values.url);

/** @param {string | undefined} cursor @returns {Promise<Batch>} */
async function callBatch(cursor) {
	const res = await fetch(endpoint, {
		method: "POST",
		headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
		body: JSON.stringify({ limit: Number(values.limit), ...(cursor ? { cursor } : {}) }),
	});
	if (res.status !== 200) throw new Error(`POST ${endpoint} answered ${res.status}: ${await res.text()}`);
	return /** @type {Batch} */ (await res.json());
}

const line = (/** @type {Batch} */ b, /** @type {number} */ pass) =>
	`pass ${pass}: re-encrypted ${b.reencrypted.webhook_endpoints} endpoints, ${b.reencrypted.verifications} verifications` +
	` (unreadable ${b.unreadable.webhook_endpoints}/${b.unreadable.verifications}, failed ${b.failed});` +
	` remaining ${b.remaining.webhook_endpoints} endpoints, ${b.remaining.verifications} verifications`;

try {
	const result = await reencryptUntilDone(callBatch, { onBatch: (b, pass) => console.log(line(b, pass)) });
	const { last, totals } = result;
	console.log(
		`current key ${last.key_id}: re-encrypted ${totals.reencrypted.webhook_endpoints} endpoint(s) and ${totals.reencrypted.verifications} verification(s) in ${result.passes} pass(es).`,
	);
	const hashes = last.idempotency_hashes;
	if (hashes.not_current > 0) {
		console.log(
			`${hashes.not_current} Idempotency-Key fingerprint(s) were made with an older key and cannot be re-made; keep that key in PII_ENCRYPTION_KEYS_PREVIOUS until ${hashes.ages_out_at} for their replays to match (dropping it earlier makes such a replay a 422).`,
		);
	}
	if (result.done) {
		console.log("Nothing remains under an old key.");
	} else {
		console.error(
			`Still under an old key: ${last.remaining.webhook_endpoints} endpoint(s), ${last.remaining.verifications} verification(s) (unreadable ones are logged as webhook.secret_unreadable / pii.decrypt_failed). Do not drop the old key yet.`,
		);
		process.exitCode = 1;
	}
} catch (e) {
	console.error(e instanceof Error ? e.message : e);
	process.exitCode = 1;
}
