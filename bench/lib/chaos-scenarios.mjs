// @ts-check
// The three chaos runs of issue 6 (issue 11's repeated kills are in chaos-kills.mjs, issue 21's provider outage in
// chaos-failover.mjs). Each submits its own verifications, injects one fault, then checks that
// every verification reached its documented state (webhooks, then the API) and every status change of those
// verifications reached the receiver (per version; duplicates counted).
import { sleep } from "./api.mjs";
import { submitMany } from "./burst.mjs";
import { compare, waitQuiet } from "./ledger.mjs";
import { EVEN_MIX, mix } from "./outcomes.mjs";
import { Tracker } from "./tracker.mjs";

/**
 * @import { Api } from "./api.mjs"
 * @import { FailoverFigures } from "./chaos-failover.mjs"
 * @import { LedgerComparison } from "./ledger.mjs"
 * @import { Receiver } from "./receiver.mjs"
 * @import { Stack } from "./stack.mjs"
 * @import { Wrong } from "./tracker.mjs"
 */

/**
 * @typedef {{ missing_before: number, recovered: number, has_more: boolean }} RecoverRound
 *
 * @typedef {object} Verdict
 * @property {number} verifications
 * @property {boolean} all_settled_by_webhooks
 * @property {number} not_in_expected_state_per_api
 * @property {Wrong[]} not_in_expected_state_sample
 * @property {number} retries_that_failed
 * @property {LedgerComparison} webhooks
 *
 * One chaos run's outcome (bench/results/chaos.json); chaos.mjs adds `passed`.
 * @typedef {Verdict & {
 *   name: string,
 *   fault: string,
 *   missing_before_recover?: number,
 *   recover_rounds?: RecoverRound[],
 *   submit_errors_retried?: Record<string, number>,
 *   missing_after_recover_without_delivery_row?: number,
 *   cron_fast_forwarded_ms?: number,
 *   lost_without_delivery_row?: number,
 *   failover?: FailoverFigures,
 *   failures?: string[],
 *   passed?: boolean,
 * }} ScenarioResult
 */

const RECOVER_ROUNDS = 10;
/** src/cron/reconcile-events.ts re-queues lost status changes once they are 5 minutes old; one cron minute more. */
const RECONCILE_FAST_FORWARD_MS = 6 * 60_000;

/**
 * What webhooks-listen does when it comes back: POST …/recover/ for everything since `sinceMs`, round after
 * round (each call re-sends up to 500 not-yet-succeeded deliveries) until the receiver has every version.
 * @param {Stack} stack
 * @param {Tracker} tracker
 * @param {number} sinceMs
 * @returns {Promise<RecoverRound[]>}
 */
async function recoverUntilComplete(stack, tracker, sinceMs) {
	/** @type {RecoverRound[]} */
	const rounds = [];
	for (let i = 0; i < RECOVER_ROUNDS; i++) {
		const missing = await missingFor(stack, tracker);
		if (missing.length === 0) break;
		const r = await stack.api.recover(stack.endpoint.id, new Date(sinceMs).toISOString());
		rounds.push({ missing_before: missing.length, recovered: r.recovered, has_more: r.has_more });
		if (r.recovered === 0) break; // what is still missing has no delivery to re-send
		await waitQuiet(stack.receiver, { quietMs: 2_000, maxMs: 30_000 });
	}
	return rounds;
}

/**
 * (verification, version) pairs of `tracker`'s verifications that the API has and the receiver has not.
 * @param {Stack} stack
 * @param {Tracker} tracker
 * @returns {Promise<string[]>}
 */
async function missingFor(stack, tracker) {
	const events = await stack.api.listAll("/api/events/");
	return events
		.filter((e) => e.status_change && tracker.items.has(e.verification_id))
		.map((e) => `${e.verification_id}#${e.version}`)
		.filter((k) => !stack.receiver.byVersion.has(k));
}

/**
 * Settled per webhooks, then per the API, and the per-version ledger for this scenario's verifications, as the
 * partner whose key and receiver they belong to sees them (the stack's test-mode partner, or a live one).
 * @param {{ api: Api, receiver: Receiver }} partner
 * @param {Tracker} tracker
 * @param {number} settleTimeoutMs
 * @returns {Promise<Verdict>}
 */
export async function verdict({ api, receiver }, tracker, settleTimeoutMs) {
	const settled = await tracker.waitSettled(settleTimeoutMs);
	await waitQuiet(receiver, { quietMs: 3_000, maxMs: 60_000 });
	const [events, verifications] = await Promise.all([api.listAll("/api/events/"), api.listAll("/api/verifications/")]);
	const wrong = await tracker.confirm(verifications);
	return {
		verifications: tracker.items.size,
		all_settled_by_webhooks: settled,
		not_in_expected_state_per_api: wrong.length,
		not_in_expected_state_sample: wrong.slice(0, 5),
		retries_that_failed: [...tracker.items.values()].filter((i) => i.retryFailed !== undefined).length,
		webhooks: compare(receiver, events, verifications, new Set(tracker.items.keys())),
	};
}

/**
 * The receiver is down (connections refused) for `outageSeconds` while verifications keep changing state.
 * @param {Stack} stack
 * @param {{ count: number, outageSeconds: number, deadlineSeconds: number }} options
 * @returns {Promise<ScenarioResult>}
 */
export async function receiverOutage(stack, { count, outageSeconds, deadlineSeconds }) {
	stack.receiver.phase = "receiver-outage";
	const tracker = new Tracker(stack.api, stack.receiver);
	const submitting = submitMany(stack.api, tracker, { digits: mix(count, EVEN_MIX), concurrency: 4 });
	await sleep(2_000);
	const downAt = Date.now();
	await stack.receiver.stop();
	await sleep(outageSeconds * 1000);
	await stack.receiver.start();
	await submitting;
	// The ladder's next steps after 0 s and 5 s are 5 min and 30 min: coming back, the partner asks for the rest.
	await tracker.waitSettled(15_000);
	const missingAfterLadder = (await missingFor(stack, tracker)).length;
	const rounds = await recoverUntilComplete(stack, tracker, downAt - 60_000);
	return {
		name: "receiver down",
		fault: `receiver refused connections for ${outageSeconds} s, 2 s into submitting ${count} verifications`,
		missing_before_recover: missingAfterLadder,
		recover_rounds: rounds,
		...(await verdict(stack, tracker, (deadlineSeconds + 60) * 1000)),
	};
}

/**
 * Transient and persistent provider faults (digits 3 and 4) and data mismatches (2), retried like a partner would.
 * @param {Stack} stack
 * @param {{ count: number }} options
 * @returns {Promise<ScenarioResult>}
 */
export async function providerFaults(stack, { count }) {
	stack.receiver.phase = "provider-faults";
	const tracker = new Tracker(stack.api, stack.receiver, { retry: true });
	await submitMany(stack.api, tracker, { digits: mix(count, { 3: 4, 4: 3, 2: 2, 0: 1 }), concurrency: 8 });
	return {
		name: "provider faults",
		fault: `${count} verifications: 40 % unavailable twice then verified (3), 30 % unavailable on every attempt then retried (4), 20 % date-of-birth mismatch then corrected (2), 10 % clean (0)`,
		...(await verdict(stack, tracker, 120_000)),
	};
}

/**
 * SIGKILL the runtime (node and workerd) mid-run and restart it on the same persisted state.
 * @param {Stack} stack
 * @param {{ count: number, killAfterSeconds: number, deadlineSeconds: number }} options
 * @returns {Promise<ScenarioResult>}
 */
export async function runtimeKill(stack, { count, killAfterSeconds, deadlineSeconds }) {
	stack.receiver.phase = "runtime-kill";
	const tracker = new Tracker(stack.api, stack.receiver);
	// With an Idempotency-Key a POST cut off by the crash is simply sent again until the runtime answers.
	const submitting = submitMany(stack.api, tracker, {
		digits: mix(count, EVEN_MIX),
		concurrency: 16,
		idempotent: true,
	});
	await sleep(killAfterSeconds * 1000);
	const killedAt = Date.now();
	await stack.runtime.kill();
	const downMs = Date.now() - killedAt;
	await stack.runtime.start({ fresh: false });
	const restartMs = Date.now() - killedAt;
	const { errors } = await submitting;
	// Webhooks may be missing now, so the API says when everything has settled.
	await tracker.waitSettledPerApi((deadlineSeconds + 90) * 1000);
	await waitQuiet(stack.receiver, { quietMs: 3_000, maxMs: 60_000 });
	const missingBefore = (await missingFor(stack, tracker)).length;
	// Deliveries whose queue message died with the runtime: the partner asks for them (webhooks-listen does).
	const rounds = await recoverUntilComplete(stack, tracker, killedAt - 60_000);
	// Status changes whose `events` message died never got a delivery row; the cron's reconcile sweep re-queues
	// those once they are RECONCILE_AFTER_MS old. Rather than wait, the cron is told that time has passed.
	const missingAfterRecover = await missingFor(stack, tracker);
	const unfannedBeforeSweep = missingAfterRecover.length ? await unfannedOut(stack, missingAfterRecover) : 0;
	if (missingAfterRecover.length > 0) {
		await stack.runtime.cron(Date.now() + RECONCILE_FAST_FORWARD_MS);
		await waitQuiet(stack.receiver, { quietMs: 3_000, maxMs: 60_000 });
	}
	const result = await verdict(stack, tracker, 5_000);
	const lost = await missingFor(stack, tracker);
	return {
		name: "runtime SIGKILL",
		fault: `workerd and its Miniflare host SIGKILLed ${killAfterSeconds} s into submitting ${count} verifications; restarted on the same state after ${restartMs} ms (kill took ${downMs} ms)`,
		submit_errors_retried: errors,
		missing_before_recover: missingBefore,
		recover_rounds: rounds,
		missing_after_recover_without_delivery_row: unfannedBeforeSweep,
		cron_fast_forwarded_ms: missingAfterRecover.length > 0 ? RECONCILE_FAST_FORWARD_MS : 0,
		// Lost versions whose event has no delivery row (the projection's batch writes them with the event, so only an
		// endpoint that batch did not see can miss one; the reconcile sweep fans those out).
		lost_without_delivery_row: lost.length ? await unfannedOut(stack, lost) : 0,
		...result,
	};
}

/**
 * How many missing versions have no delivery row at all. Delivery rows are written in the projection's D1 batch with
 * their event, so a kill cannot separate them; this stays as a check that it does not.
 * @param {Stack} stack
 * @param {string[]} missing
 */
async function unfannedOut(stack, missing) {
	const rows = await stack.runtime.d1(
		"SELECT e.verification_id || '#' || e.version AS k FROM verification_events e WHERE e.status_change = 1 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id)",
	);
	const keys = new Set(rows.map((r) => r.k));
	return missing.filter((k) => keys.has(k)).length;
}
