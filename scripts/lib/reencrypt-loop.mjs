// @ts-check
// The loop behind `npm run pii:reencrypt` (scripts/pii-reencrypt.mjs): passes of POST /admin/reencrypt batches until
// nothing remains under an old key. Pure apart from the batch call it is given, so it is tested
// (test/node/reencrypt-loop.test.ts).

/**
 * The parts of the route's answer (the OpenAPI `Reencryption` schema) read here.
 * @typedef {{ webhook_endpoints: number, verifications: number }} Counts
 * @typedef {{
 *   key_id: string, reencrypted: Counts, unreadable: Counts, failed: number, remaining: Counts,
 *   idempotency_hashes: { not_current: number, ages_out_at: string | null }, next_cursor: string | null
 * }} Batch
 * @typedef {{ reencrypted: Counts, unreadable: Counts, failed: number }} Totals
 */

/** @param {Counts} a @param {Counts} b @returns {Counts} */
const add = (a, b) => ({
	webhook_endpoints: a.webhook_endpoints + b.webhook_endpoints,
	verifications: a.verifications + b.verifications,
});

/**
 * Walks whole passes (cursor from null to null) until a pass ends with nothing remaining (`done`), or a pass
 * re-encrypts nothing and has nothing to retry (what remains is unreadable: `done: false`), or `maxPasses` ran.
 * @param {(cursor: string | undefined) => Promise<Batch>} callBatch
 * @param {{ onBatch?: (batch: Batch, pass: number) => void, maxPasses?: number }} [options]
 * @returns {Promise<{ done: boolean, passes: number, totals: Totals, last: Batch }>}
 */
export async function reencryptUntilDone(callBatch, { onBatch, maxPasses = 5 } = {}) {
	const zero = { webhook_endpoints: 0, verifications: 0 };
	/** @type {Totals} */
	const totals = { reencrypted: zero, unreadable: zero, failed: 0 };
	/** @type {Batch | undefined} */
	let last;
	for (let pass = 1; pass <= maxPasses; pass++) {
		/** @type {string | undefined} */
		let cursor;
		let progress = 0;
		let retryable = 0;
		do {
			const batch = await callBatch(cursor);
			totals.reencrypted = add(totals.reencrypted, batch.reencrypted);
			totals.unreadable = add(totals.unreadable, batch.unreadable);
			totals.failed += batch.failed;
			progress += batch.reencrypted.webhook_endpoints + batch.reencrypted.verifications;
			retryable += batch.failed;
			onBatch?.(batch, pass);
			last = batch;
			cursor = batch.next_cursor ?? undefined;
		} while (cursor !== undefined);
		if (last.remaining.webhook_endpoints === 0 && last.remaining.verifications === 0) {
			return { done: true, passes: pass, totals, last };
		}
		if (progress === 0 && retryable === 0) return { done: false, passes: pass, totals, last };
	}
	if (!last) throw new Error("maxPasses must be at least 1");
	return { done: false, passes: maxPasses, totals, last };
}
