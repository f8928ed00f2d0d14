// @ts-check
// Follows a set of verifications to their settled state from what the partner sees: webhooks as they arrive
// (the receiver's onVersion), and at the end the API itself. Optionally plays the partner's part for outcomes
// that need it: retry `requires_action` with a corrected date of birth and retryable failures as they are.
import { pool, sleep } from "./api.mjs";
import { correctedDob, RETRYABLE, settledFor } from "./outcomes.mjs";

/**
 * @import { Api, VerificationView } from "./api.mjs"
 * @import { Expected, Submission } from "./outcomes.mjs"
 * @import { Receiver, WebhookData } from "./receiver.mjs"
 */

/**
 * One tracked verification.
 * @typedef {object} TrackedItem
 * @property {number} digit
 * @property {Submission} body
 * @property {Expected} expected
 * @property {string} status
 * @property {number} version
 * @property {number} [settledAt]
 * @property {boolean} retried
 * @property {number | "network"} [retryFailed] the last failed retry's HTTP status, while it keeps failing
 *
 * @typedef {{ id: string, digit: number, expected: string, actual: string }} Wrong
 */

const RETRY_ATTEMPTS = 30; // a retry call that fails (runtime down mid-chaos) is tried again, a bounded number of times

export class Tracker {
	/**
	 * @param {Api} api
	 * @param {Receiver} receiver
	 * @param {{ retry?: boolean }} [options]
	 */
	constructor(api, receiver, { retry = false } = {}) {
		this.api = api;
		this.retry = retry;
		/** @type {Map<string, TrackedItem>} */
		this.items = new Map(); // id → { digit, body, expected, status, version, settledAt, retried }
		/** @type {Map<string, { status: string, version: number }>} */
		this.latest = new Map(); // id → { status, version } from webhooks (may arrive before the POST answer)
		this.unsettled = 0;
		/** @type {string[]} */
		this.retryQueue = [];
		receiver.onVersion = (d, at) => this.onWebhook(d, at);
	}

	/**
	 * The status a verification of `digit` must end in; retried ones end verified.
	 * @param {number} digit
	 * @returns {Expected}
	 */
	expectedFor(digit) {
		return this.retry && RETRYABLE.has(digit) ? { status: "verified" } : settledFor(digit);
	}

	/**
	 * Registers an accepted submission (the POST's 202 body).
	 * @param {VerificationView} view
	 * @param {number} digit
	 * @param {Submission} body
	 */
	add(view, digit, body) {
		if (this.items.has(view.id)) return;
		/** @type {TrackedItem} */
		const item = {
			digit,
			body,
			expected: this.expectedFor(digit),
			status: view.status,
			version: view.version,
			retried: false,
		};
		this.items.set(view.id, item);
		this.unsettled++;
		const seen = this.latest.get(view.id);
		if (seen) this.update(view.id, item, seen.status, seen.version, Date.now());
	}

	/**
	 * @param {WebhookData} d
	 * @param {number} at
	 */
	onWebhook(d, at) {
		const prev = this.latest.get(d.id);
		if (!prev || d.version > prev.version) this.latest.set(d.id, { status: d.status, version: d.version });
		const item = this.items.get(d.id);
		if (item) this.update(d.id, item, d.status, d.version, at);
	}

	/**
	 * @param {string} id
	 * @param {TrackedItem} item
	 * @param {string} status
	 * @param {number} version
	 * @param {number} at
	 */
	update(id, item, status, version, at) {
		if (version < item.version || item.settledAt) return;
		item.status = status;
		item.version = version;
		if (this.retry && !item.retried && RETRYABLE.has(item.digit) && status === settledFor(item.digit).status) {
			item.retried = true;
			this.retryQueue.push(id);
			return;
		}
		if (status === item.expected.status) {
			item.settledAt = at;
			this.unsettled--;
		}
	}

	/**
	 * Sends queued retries (corrected date of birth for requires_action), trying again while the API is down.
	 * @param {number} [concurrency]
	 */
	async flushRetries(concurrency = 16) {
		const ids = this.retryQueue.splice(0);
		await pool(ids, concurrency, async (id) => {
			const item = this.items.get(id);
			if (!item) throw new Error(`retry queued for untracked verification ${id}`); // only tracked ids are queued
			// A plain retry is an empty JSON object; requires_action needs the corrected field.
			const fix = item.digit === 2 ? { date_of_birth: correctedDob(item.body.date_of_birth) } : {};
			for (let i = 0; i < RETRY_ATTEMPTS; i++) {
				const res = await this.api.retry(id, fix).catch(() => null);
				if (res && (res.status === 202 || res.status === 409)) {
					item.retryFailed = undefined;
					return; // 409: it already moved on (an earlier attempt of this retry got through)
				}
				item.retryFailed = res?.status ?? "network";
				await sleep(1_000);
			}
		});
	}

	/**
	 * Waits until every tracked verification has settled (per webhooks) or `timeoutMs` passes.
	 * @param {number} timeoutMs
	 * @param {() => unknown} [onTick]
	 * @returns {Promise<boolean>}
	 */
	async waitSettled(timeoutMs, onTick = () => {}) {
		const until = Date.now() + timeoutMs;
		while (this.unsettled > 0 && Date.now() < until) {
			if (this.retryQueue.length > 0) await this.flushRetries();
			await onTick();
			await sleep(250);
		}
		return this.unsettled === 0;
	}

	/**
	 * Waits until the API shows every tracked verification in its expected state (for when webhooks may be
	 * missing, as after a crash), at most `timeoutMs`. Returns the verifications still elsewhere.
	 * @param {number} timeoutMs
	 * @returns {Promise<Wrong[]>}
	 */
	async waitSettledPerApi(timeoutMs) {
		const until = Date.now() + timeoutMs;
		for (;;) {
			if (this.retryQueue.length > 0) await this.flushRetries();
			const wrong = await this.confirm(await this.api.listAll("/api/verifications/").catch(() => []));
			if (wrong.length === 0 || Date.now() > until) return wrong;
			await sleep(2_000);
		}
	}

	/** When the last tracked verification settled (receive time of its settling webhook). */
	lastSettledAt() {
		let last = 0;
		for (const item of this.items.values()) last = Math.max(last, item.settledAt ?? 0);
		return last;
	}

	/**
	 * Compares the API's view of every tracked verification with its expected settled state.
	 * @param {VerificationView[]} listed
	 * @returns {Promise<Wrong[]>}
	 */
	async confirm(listed) {
		const byId = new Map(listed.map((v) => [v.id, v]));
		/** @type {Wrong[]} */
		const wrong = [];
		for (const [id, item] of this.items) {
			const v = byId.get(id);
			const ok =
				v &&
				v.status === item.expected.status &&
				(item.expected.retryable === undefined || v.last_error?.retryable === item.expected.retryable);
			if (!ok) wrong.push({ id, digit: item.digit, expected: item.expected.status, actual: v?.status ?? "missing" });
		}
		return wrong;
	}
}
