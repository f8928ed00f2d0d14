// @ts-check
// N verifications in flight at once: submitted as fast as `concurrency` connections allow, then followed to
// their documented settled state (webhooks first, the API last), with the runtime's memory sampled throughout.
import { randomUUID } from "node:crypto";
import { causeCode, pool, sleep } from "./api.mjs";
import { mix, submissions } from "./outcomes.mjs";
import { Tracker } from "./tracker.mjs";

/**
 * @import { Api, ApiResponse, VerificationView } from "./api.mjs"
 * @import { Submission } from "./outcomes.mjs"
 * @import { Receiver } from "./receiver.mjs"
 * @import { Runtime } from "./runtime.mjs"
 * @import { Wrong } from "./tracker.mjs"
 */

/**
 * @typedef {object} BurstResult
 * @property {number} verifications
 * @property {number} accepted
 * @property {Record<string, number>} submit_errors
 * @property {number} submit_seconds
 * @property {number} submit_rate_per_s
 * @property {boolean} all_settled_by_webhooks
 * @property {number | null} seconds_until_all_settled
 * @property {number} not_in_expected_state_per_api
 * @property {Wrong[]} not_in_expected_state_sample
 * @property {number} runtime_peak_rss_mib
 * @property {number | undefined} runtime_peak_open_fds
 * @property {number} runtime_cpu_seconds
 */

const SUBMIT_ATTEMPTS = 30; // with an Idempotency-Key a failed POST is simply sent again (chaos: runtime down)

/**
 * Submits one verification per sandbox digit in `digits` (passports from `next`), registering each accepted one
 * with `tracker`. `idempotent` sends an Idempotency-Key and re-sends on network errors, as a careful partner would.
 * @param {Api} api
 * @param {Tracker} tracker
 * @param {{ digits: number[], next?: (digit: number) => Submission, concurrency: number, idempotent?: boolean }} options
 * @returns {Promise<{ errors: Record<string, number> }>} failed attempts by HTTP status or network error code
 */
export async function submitMany(api, tracker, { digits, next = submissions(), concurrency, idempotent = false }) {
	/** @type {Record<string, number>} */
	const errors = {};
	await pool(digits, concurrency, async (digit) => {
		const body = next(digit);
		/** @type {Record<string, string>} */
		const headers = idempotent ? { "idempotency-key": randomUUID() } : {};
		for (let attempt = 1; attempt <= (idempotent ? SUBMIT_ATTEMPTS : 1); attempt++) {
			/** @type {Promise<ApiResponse<VerificationView>>} */
			const posted = api.call("POST", "/api/verifications/", body, headers);
			const res = await posted.catch((/** @type {unknown} */ e) => ({ status: String(causeCode(e) ?? "network") }));
			if (res.status === 202 && "body" in res) {
				tracker.add(res.body, digit, body);
				return;
			}
			errors[res.status] = (errors[res.status] ?? 0) + 1;
			if (idempotent) await sleep(1_000);
		}
	});
	return { errors };
}

/**
 * The 10,000-in-flight burst: submit, follow to settled, confirm with the API.
 * @param {{ api: Api, receiver: Receiver, runtime: Runtime, count: number, weights: Record<number, number>, concurrency: number, settleTimeoutMs: number }} options
 * @returns {Promise<{ tracker: Tracker, result: BurstResult }>}
 */
export async function runBurst({ api, receiver, runtime, count, weights, concurrency, settleTimeoutMs }) {
	const tracker = new Tracker(api, receiver);
	receiver.phase = "burst";
	const cpuBefore = runtime.cpu();
	const startedAt = Date.now();
	runtime.peakRssKb = 0; // the burst's own peak (VmHWM below still reports the whole life of the process)
	runtime.peakFds = 0;
	const { errors } = await submitMany(api, tracker, { digits: mix(count, weights), concurrency });
	const submittedAt = Date.now();
	const settled = await tracker.waitSettled(settleTimeoutMs);
	const settledAt = tracker.lastSettledAt();
	const listed = await api.listAll("/api/verifications/");
	const wrong = await tracker.confirm(listed);
	return {
		tracker,
		result: {
			verifications: count,
			accepted: tracker.items.size,
			submit_errors: errors,
			submit_seconds: (submittedAt - startedAt) / 1000,
			submit_rate_per_s: Math.round(count / ((submittedAt - startedAt) / 1000)),
			all_settled_by_webhooks: settled,
			seconds_until_all_settled: settled ? (settledAt - startedAt) / 1000 : null,
			not_in_expected_state_per_api: wrong.length,
			not_in_expected_state_sample: wrong.slice(0, 5),
			runtime_peak_rss_mib: Math.round(runtime.peakRssKb / 1024),
			runtime_peak_open_fds: runtime.peakFds,
			runtime_cpu_seconds: Math.round((runtime.cpu() - cpuBefore) * 10) / 10,
		},
	};
}
