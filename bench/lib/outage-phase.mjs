// @ts-check
// The receiver-outage phase (issue 22, catch-up): the partner's receiver answers 503 to everything for a while
// (10 s by default) as verifications go submitted → processing → verified; then it answers again. With catch-up
// (docs/webhooks.md, "Catch-up") the endpoint's probe gets through within seconds and releases every pending
// delivery at once: target, every one received within 30 s of the receiver being back (the ladder alone would wait
// for its third rung, ≈ 5 minutes).
import { sleep } from "./api.mjs";
import { submissions } from "./outcomes.mjs";

/**
 * @typedef {{ verifications: number, outage_ms: number, status_changes: number, received: number,
 *   catch_up_ms: number | null, requests_during_outage: number, target_ms: number, met: boolean }} OutageResult
 */

export const CATCH_UP_TARGET_MS = 30_000;

/**
 * @param {{ api: import("./api.mjs").Api, receiver: import("./receiver.mjs").Receiver }} stack
 * @param {{ verifications: number, outageMs: number, settleTimeoutMs: number }} options
 * @returns {Promise<OutageResult>}
 */
export async function outagePhase(stack, { verifications, outageMs, settleTimeoutMs }) {
	const { api, receiver } = stack;
	receiver.phase = "outage";
	const next = submissions();
	/** @type {Set<string>} */
	const ids = new Set();
	const failedBefore = receiver.failed;
	receiver.failWith = 503;
	const downAt = Date.now();
	for (let i = 0; i < verifications; i++) ids.add((await api.submit(next(0))).body.id);
	await sleep(Math.max(0, downAt + outageMs - Date.now()));
	const requests = receiver.failed - failedBefore;
	receiver.failWith = null;
	const backAt = Date.now();
	const wanted = verifications * 3;
	const mine = () =>
		[...receiver.byVersion.entries()].filter(([key]) => ids.has(key.slice(0, key.indexOf("#")))).map(([, r]) => r);
	while (mine().length < wanted && Date.now() - backAt < settleTimeoutMs) await sleep(200);
	const got = mine();
	const last = got.length > 0 ? Math.max(...got.map((r) => r.firstAt)) : null;
	const catchUp = got.length === wanted && last !== null ? Math.max(0, last - backAt) : null;
	return {
		verifications,
		outage_ms: backAt - downAt,
		status_changes: wanted,
		received: got.length,
		catch_up_ms: catchUp,
		requests_during_outage: requests,
		target_ms: CATCH_UP_TARGET_MS,
		met: catchUp !== null && catchUp <= CATCH_UP_TARGET_MS,
	};
}

/**
 * The phase's lines of the printed report.
 * @param {OutageResult} o
 */
export const outageLines = (o) => [
	`\nReceiver outage (catch-up): ${o.verifications} verifications (3 status changes each) while the receiver answered 503 for ${(o.outage_ms / 1000).toFixed(1)} s (${o.requests_during_outage} requests reached it)`,
	`received ${o.received} / ${o.status_changes}; the last ${o.catch_up_ms === null ? "never came" : `${o.catch_up_ms.toLocaleString("en")} ms after the receiver was back`} — target ≤ ${o.target_ms / 1000} s: ${o.met ? "met" : "NOT met"}`,
];
