// @ts-check
// Nothing lost: every status change the API says happened (the account's event feed, and each verification's
// version, which goes up by one per change) must have reached the receiver, keyed by (verification, version).
import { sleep } from "./api.mjs";

/**
 * @import { EventView, VerificationView } from "./api.mjs"
 * @import { Receiver } from "./receiver.mjs"
 */

/**
 * Emitted vs received for one scope.
 * @typedef {object} LedgerComparison
 * @property {number} emitted
 * @property {number} received
 * @property {number} lost
 * @property {string[]} lost_sample
 * @property {number} duplicates
 * @property {number} missing_from_feed
 * @property {number} verifications
 */

/**
 * Waits until the receiver has been quiet for `quietMs` (deliveries drained), at most `maxMs`.
 * @param {Receiver} receiver
 * @param {{ quietMs: number, maxMs: number }} options
 * @returns {Promise<boolean>}
 */
export async function waitQuiet(receiver, { quietMs, maxMs }) {
	const start = Date.now();
	while (Date.now() < start + maxMs) {
		if (Date.now() - Math.max(receiver.lastReceivedAt, start) >= quietMs) return true;
		await sleep(250);
	}
	return false;
}

/**
 * Compares emitted with received. `events` is GET /api/events/ (status changes), `verifications` is
 * GET /api/verifications/; `ids` optionally limits the comparison to one phase's verifications.
 * @param {Receiver} receiver
 * @param {EventView[]} events
 * @param {VerificationView[]} verifications
 * @param {ReadonlySet<string>} [ids]
 * @returns {LedgerComparison}
 */
export function compare(receiver, events, verifications, ids) {
	/** @type {(id: string | undefined) => boolean} */
	const inScope = (id) => !ids || (id !== undefined && ids.has(id));
	/** @type {Set<string>} */
	const emitted = new Set();
	// Status changes only: the feed also lists redactions and the endpoints' operational events, which change no
	// version (and an operational event is never sent to the endpoint it is about: this bench has only that one).
	for (const e of events)
		if (e.status_change && inScope(e.verification_id)) emitted.add(`${e.verification_id}#${e.version}`);
	// A status change missing from the feed itself (a gap in 1..version) would be lost before any webhook.
	let gaps = 0;
	for (const v of verifications) {
		if (!inScope(v.id)) continue;
		for (let n = 1; n <= v.version; n++) if (!emitted.has(`${v.id}#${n}`)) gaps++;
	}
	const lost = [...emitted].filter((k) => !receiver.byVersion.has(k));
	let received = 0;
	let duplicates = 0;
	for (const [key, r] of receiver.byVersion) {
		if (!inScope(key.split("#")[0])) continue;
		received++;
		duplicates += r.count - 1;
	}
	return {
		emitted: emitted.size,
		received,
		lost: lost.length,
		lost_sample: lost.slice(0, 5),
		duplicates,
		missing_from_feed: gaps,
		verifications: ids ? ids.size : verifications.length,
	};
}
