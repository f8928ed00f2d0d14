// @ts-check
// The partner's polling fallback: pages GET /api/events/ with `starting_after` = the last event id it processed,
// the way the API documents it, for as long as it runs. A refused connection or an error answer (the runtime
// being SIGKILLed under it) is retried from the same cursor, so a poller outlives any number of crashes.
import { causeCode, sleep } from "./api.mjs";

/**
 * @import { Api, EventView } from "./api.mjs"
 */

/**
 * What the feed check found, against a fresh read of the feed from the same starting point.
 * @typedef {object} FeedCheck
 * @property {number} events events in the feed since the poller started (the fresh read)
 * @property {number} polled events the poller received, repeats included
 * @property {number} polls pages fetched
 * @property {Record<string, number>} poll_errors failed polls, by HTTP status or network error code
 * @property {string[]} skipped in the feed, never seen by the poller
 * @property {string[]} repeated seen by the poller more than once
 * @property {string[]} unknown seen by the poller, not in the fresh read
 * @property {string[]} out_of_order seen in another order than the fresh read lists them
 * @property {string[]} versions_out_of_order a verification's version seen before a lower one
 */

const PAGE = "100";
const ERROR_PAUSE_MS = 1_000;

export class FeedPoller {
	/**
	 * @param {Api} api
	 * @param {{ after?: string | undefined, intervalMs?: number }} [options] `after`: the event id to start after
	 */
	constructor(api, { after, intervalMs = 500 } = {}) {
		this.api = api;
		this.after = after;
		this.cursor = after;
		this.intervalMs = intervalMs;
		/** @type {EventView[]} every event received, in order, repeats included */
		this.received = [];
		this.polls = 0;
		/** @type {Record<string, number>} */
		this.errors = {};
		this.running = false;
		/** @type {Promise<void> | undefined} */
		this.loop = undefined;
	}

	/** The id of the feed's newest event now (undefined while the feed is empty): where a new poller starts. */
	static async endOf(/** @type {Api} */ api) {
		return (await api.listAll("/api/events/")).at(-1)?.id;
	}

	start() {
		this.running = true;
		this.loop = (async () => {
			while (this.running) {
				const more = await this.poll();
				if (more === null) await sleep(ERROR_PAUSE_MS);
				else if (!more) await sleep(this.intervalMs);
			}
		})();
	}

	/** Stops after the page in flight, then reads on until the end of the feed (retrying errors a bounded number of times). */
	async stop() {
		this.running = false;
		await this.loop;
		for (let failures = 0; failures < 30; ) {
			const more = await this.poll();
			if (more === false) return;
			if (more === null) {
				failures++;
				await sleep(ERROR_PAUSE_MS);
			}
		}
		throw new Error("the feed poller could not reach the end of the feed");
	}

	/**
	 * One page after the cursor. Returns whether more pages follow, or null when the poll failed.
	 * @returns {Promise<boolean | null>}
	 */
	async poll() {
		const q = new URLSearchParams({ limit: PAGE, ...(this.cursor ? { starting_after: this.cursor } : {}) });
		this.polls++;
		try {
			/** @type {import("./api.mjs").ApiResponse<{ data: EventView[], has_more: boolean }>} */
			const res = await this.api.call("GET", `/api/events/?${q}`);
			if (res.status !== 200) return this.failed(String(res.status));
			this.received.push(...res.body.data);
			this.cursor = res.body.data.at(-1)?.id ?? this.cursor;
			return res.body.has_more;
		} catch (e) {
			return this.failed(String(causeCode(e) ?? "network"));
		}
	}

	/** @param {string} code */
	failed(code) {
		this.errors[code] = (this.errors[code] ?? 0) + 1;
		return null;
	}

	/**
	 * Compares what the poller saw with `feed`, a fresh read of the feed from the same starting point: every event
	 * exactly once, in the same order, and each verification's versions ascending.
	 * @param {EventView[]} feed
	 * @returns {FeedCheck}
	 */
	check(feed) {
		const position = new Map(feed.map((e, i) => [e.id, i]));
		/** @type {Map<string, number>} */
		const times = new Map();
		for (const e of this.received) times.set(e.id, (times.get(e.id) ?? 0) + 1);
		/** @type {string[]} */
		const outOfOrder = [];
		/** @type {string[]} */
		const versionsOutOfOrder = [];
		/** @type {Map<string, number>} */
		const lastVersion = new Map();
		let lastPosition = -1;
		/** @type {Set<string>} */
		const seen = new Set();
		for (const e of this.received) {
			if (seen.has(e.id)) continue; // a repeat is reported as one, not as disorder too
			seen.add(e.id);
			const p = position.get(e.id);
			if (p !== undefined && p < lastPosition) outOfOrder.push(e.id);
			if (p !== undefined) lastPosition = Math.max(lastPosition, p);
			// Versions are a verification's status changes; the feed's other events (redactions, endpoint health) have none.
			if (!e.status_change) continue;
			if ((lastVersion.get(e.verification_id) ?? 0) >= e.version)
				versionsOutOfOrder.push(`${e.verification_id}#${e.version}`);
			else lastVersion.set(e.verification_id, e.version);
		}
		return {
			events: feed.length,
			polled: this.received.length,
			polls: this.polls,
			poll_errors: this.errors,
			skipped: feed.filter((e) => !times.has(e.id)).map((e) => e.id),
			repeated: [...times].filter(([, n]) => n > 1).map(([id]) => id),
			unknown: [...times.keys()].filter((id) => !position.has(id)),
			out_of_order: outOfOrder,
			versions_out_of_order: versionsOutOfOrder,
		};
	}
}
