// @ts-check
// Issue 11's chaos run: the runtime SIGKILLed again and again at random moments (a seeded plan) while verifications
// of every sandbox outcome are submitted over time, a partner retries what needs retrying, a webhook receiver checks
// signatures and a feed poller pages GET /api/events/. Nobody calls `recover`: only the service's own alarms and cron
// sweeps may bring back what each kill lost (Miniflare keeps queues in memory). Then: zero stuck, lost or skipped.
import { pool, sleep } from "./api.mjs";
import { submitMany } from "./burst.mjs";
import { FeedPoller } from "./feed-poller.mjs";
import { compare } from "./ledger.mjs";
import { EVEN_MIX, mix, submissions } from "./outcomes.mjs";
import { seeded } from "./random.mjs";
import { sweepWork } from "./runtime-log.mjs";
import { Tracker } from "./tracker.mjs";

/**
 * @import { ScenarioResult } from "./chaos-scenarios.mjs"
 * @import { FeedCheck } from "./feed-poller.mjs"
 * @import { SweepWork } from "./runtime-log.mjs"
 * @import { Stack } from "./stack.mjs"
 * @import { Runtime } from "./runtime.mjs"
 */

/**
 * @typedef {object} KillRecord
 * @property {number} at_s seconds into the run
 * @property {"submitting" | "settling"} phase
 * @property {number} accepted_before verifications accepted when it struck
 * @property {number} down_ms from the kill until the restarted runtime answered
 *
 * @typedef {object} KillsOptions
 * @property {number} count verifications
 * @property {number} kills
 * @property {number} seed
 * @property {number} submitSeconds the submissions are spread over this long
 * @property {number} settleKillSeconds kills go on this long after the last submission
 * @property {number} settleTimeoutSeconds the bound on waiting for quiescence after the last kill
 * @property {number} deadlineSeconds VERIFICATION_DEADLINE_SECONDS for this run: far above the time a few kills in a
 *   row keep the runtime down, or a verification would rightly expire for want of a provider answer
 * @property {(msg: string) => void} step progress lines
 *
 * @typedef {ScenarioResult & {
 *   seed: number,
 *   kills: KillRecord[],
 *   seconds_quiescent_after_last_kill: number | null,
 *   feed: FeedCheck,
 *   sweeps: SweepWork,
 *   stuck: string[],
 *   lost: string[],
 *   orphans: string[],
 * }} KillsResult
 */

/** The floor: a run with fewer kills proves less than it claims. */
export const MIN_KILLS = 10;
/** After a kill the runtime stays down a further random 0–2 s: partners meet refused connections for a while. */
const MAX_EXTRA_DOWN_MS = 2_000;
const START_ATTEMPTS = 3;
/** Quiescent: nothing unsettled or missing and no webhook for this long. */
const QUIET_MS = 5_000;
const SHOWN = 20;

/**
 * Kill times (ms from the start), one at a random point in each of `kills` equal slots of `windowMs`, kept to the
 * slot's middle 60 %: spread over the whole window, never two back to back.
 * @param {() => number} random
 * @param {number} kills
 * @param {number} windowMs
 */
export function killPlan(random, kills, windowMs) {
	const slot = windowMs / kills;
	return Array.from({ length: kills }, (_, i) => Math.round(slot * (i + 0.2 + 0.6 * random())));
}

/**
 * @param {Stack} stack
 * @param {KillsOptions} o
 * @returns {Promise<KillsResult>}
 */
export async function repeatedKills(stack, o) {
	const { api, receiver, runtime } = stack;
	const random = seeded(o.seed);
	receiver.phase = "repeated-kills";
	const previousVars = await stack.reconfigure({ VERIFICATION_DEADLINE_SECONDS: String(o.deadlineSeconds) });
	const logFile = runtime.opts.logFile;
	const logFrom = sweepWork(logFile).bytes;
	const existing = new Set((await api.listAll("/api/verifications/")).map((v) => v.id));
	const poller = new FeedPoller(api, { after: await FeedPoller.endOf(api) });
	const tracker = new Tracker(api, receiver, { retry: true });
	const digits = mix(o.count, EVEN_MIX, random);
	const plan = killPlan(random, o.kills, (o.submitSeconds + o.settleKillSeconds) * 1000);
	o.step(
		`kills: seed ${o.seed}; ${o.count} verifications over ${o.submitSeconds} s; kills at ${plan.map((t) => Math.round(t / 1000)).join(", ")} s`,
	);
	const started = Date.now();
	poller.start();
	const partner = partnerRetries(tracker);
	let submitting = true;
	const submitted = pacedSubmit(stack, tracker, digits, o.submitSeconds * 1000).finally(() => {
		submitting = false;
	});
	const killer = killOnPlan(runtime, plan, { random, started, tracker, step: o.step, submitting: () => submitting });
	const [{ errors }, kills] = await Promise.all([submitted, killer]);
	const lastKillAt = Date.now();
	o.step(`kills: ${kills.length} kills done, ${tracker.items.size} accepted; waiting for quiescence`);
	const quiescent = await waitQuiescent(stack, tracker, poller, o.settleTimeoutSeconds * 1000);
	await partner.stop();
	await poller.stop();
	const [verifications, feed] = await Promise.all([
		api.listAll("/api/verifications/"),
		api.listAll("/api/events/", poller.after ? { starting_after: poller.after } : {}),
	]);
	await stack.reconfigure(previousVars);
	const ids = new Set(tracker.items.keys());
	const wrong = await tracker.confirm(verifications);
	const stuck = wrong.map((w) => `${w.id} (digit ${w.digit}: ${w.actual}, expected ${w.expected})`);
	const lost = feed
		.filter((e) => e.status_change && ids.has(e.verification_id))
		.map((e) => `${e.verification_id}#${e.version}`)
		.filter((k) => !receiver.byVersion.has(k));
	const orphans = verifications.filter((v) => !existing.has(v.id) && !ids.has(v.id)).map((v) => v.id);
	const feedCheck = poller.check(feed);
	const webhooks = compare(receiver, feed, verifications, ids);
	const failures = [
		...(kills.length < MIN_KILLS ? [`only ${kills.length} kills (at least ${MIN_KILLS})`] : []),
		...(tracker.items.size < o.count ? [`${o.count - tracker.items.size} submissions never accepted`] : []),
		...(quiescent === null ? [`not quiescent ${o.settleTimeoutSeconds} s after the last kill`] : []),
		...listed("stuck", stuck),
		...listed("lost (no webhook)", lost),
		...(webhooks.missing_from_feed > 0 ? [`${webhooks.missing_from_feed} versions missing from the feed`] : []),
		...listed("created but never answered to the partner", orphans),
		...listed("feed skipped", feedCheck.skipped),
		...listed("feed repeated", feedCheck.repeated),
		...listed("feed polled but not in a fresh read", feedCheck.unknown),
		...listed("feed out of order", feedCheck.out_of_order),
		...listed("feed versions out of order", feedCheck.versions_out_of_order),
	];
	return {
		name: "repeated SIGKILLs",
		fault: `${kills.length} SIGKILLs of workerd and its Miniflare host at random moments (seed ${o.seed}) while ${o.count} verifications (digits 0–9) were submitted over ${o.submitSeconds} s and for ${o.settleKillSeconds} s after, each restart on the same state (VERIFICATION_DEADLINE_SECONDS=${o.deadlineSeconds}); partner retries for 2 and 4, no recover call`,
		seed: o.seed,
		kills,
		submit_errors_retried: errors,
		seconds_quiescent_after_last_kill: quiescent === null ? null : Math.round((quiescent - lastKillAt) / 1000),
		verifications: tracker.items.size,
		all_settled_by_webhooks: tracker.unsettled === 0,
		not_in_expected_state_per_api: wrong.length,
		not_in_expected_state_sample: wrong.slice(0, 5),
		retries_that_failed: [...tracker.items.values()].filter((i) => i.retryFailed !== undefined).length,
		webhooks,
		feed: feedCheck,
		sweeps: sweepWork(logFile, logFrom),
		stuck,
		lost,
		orphans,
		failures,
	};
}

/**
 * `label: n — id, id, …` when `ids` is not empty (the first SHOWN; the JSON has them all).
 * @param {string} label
 * @param {string[]} ids
 */
const listed = (label, ids) =>
	ids.length === 0
		? []
		: [`${label}: ${ids.length} — ${ids.slice(0, SHOWN).join(", ")}${ids.length > SHOWN ? ", …" : ""}`];

/**
 * One submission at a time on a steady pace over `spanMs`, each with its own Idempotency-Key and re-sent until the
 * runtime answers (submissions due while it is down pile up and go out as it comes back, as a partner's would).
 * @param {Stack} stack
 * @param {Tracker} tracker
 * @param {number[]} digits
 * @param {number} spanMs
 */
async function pacedSubmit(stack, tracker, digits, spanMs) {
	const next = submissions();
	const started = Date.now();
	const due = (/** @type {number} */ n) => started + (n * spanMs) / digits.length;
	const sends = await pool(digits, digits.length, async (digit, n) => {
		await sleep(Math.max(0, due(n) - Date.now()));
		return submitMany(stack.api, tracker, { digits: [digit], next, concurrency: 1, idempotent: true });
	});
	/** @type {Record<string, number>} */
	const errors = {};
	for (const s of sends) for (const [k, v] of Object.entries(s.errors)) errors[k] = (errors[k] ?? 0) + v;
	return { errors };
}

/**
 * Kills the runtime at each planned time and restarts it on the same persisted state.
 * @param {Runtime} runtime
 * @param {number[]} plan
 * @param {{ random: () => number, started: number, tracker: Tracker, step: (msg: string) => void, submitting: () => boolean }} ctx
 * @returns {Promise<KillRecord[]>}
 */
async function killOnPlan(runtime, plan, { random, started, tracker, step, submitting }) {
	/** @type {KillRecord[]} */
	const done = [];
	for (const at of plan) {
		await sleep(Math.max(0, started + at - Date.now()));
		const killedAt = Date.now();
		const phase = submitting() ? "submitting" : "settling";
		await runtime.kill();
		await sleep(random() * MAX_EXTRA_DOWN_MS);
		await restart(runtime);
		const record = {
			at_s: Math.round((killedAt - started) / 100) / 10,
			phase,
			accepted_before: tracker.items.size,
			down_ms: Date.now() - killedAt,
		};
		done.push(/** @type {KillRecord} */ (record));
		step(`kills: kill ${done.length}/${plan.length} at ${record.at_s} s (${phase}), back after ${record.down_ms} ms`);
	}
	return done;
}

/** @param {Runtime} runtime */
async function restart(runtime) {
	for (let attempt = 1; ; attempt++) {
		try {
			await runtime.start({ fresh: false });
			return;
		} catch (e) {
			if (attempt >= START_ATTEMPTS) throw e;
		}
	}
}

/**
 * The partner's retry loop (requires_action corrected, retryable failures retried) as webhooks ask for them.
 * @param {Tracker} tracker
 */
function partnerRetries(tracker) {
	let running = true;
	const loop = (async () => {
		while (running) {
			if (tracker.retryQueue.length > 0) await tracker.flushRetries();
			await sleep(250);
		}
	})();
	return {
		stop: async () => {
			running = false;
			await loop;
		},
	};
}

/**
 * Waits until every tracked verification has settled per its webhooks, every status change the poller saw has
 * reached the receiver, the receiver has been quiet for QUIET_MS and the API agrees, at most `timeoutMs`.
 * Returns when it got there, or null.
 * @param {Stack} stack
 * @param {Tracker} tracker
 * @param {FeedPoller} poller
 * @param {number} timeoutMs
 * @returns {Promise<number | null>}
 */
async function waitQuiescent(stack, tracker, poller, timeoutMs) {
	const until = Date.now() + timeoutMs;
	const { receiver } = stack;
	while (Date.now() < until) {
		const missing = poller.received.some(
			(e) =>
				e.status_change &&
				tracker.items.has(e.verification_id) &&
				!receiver.byVersion.has(`${e.verification_id}#${e.version}`),
		);
		const calm =
			tracker.unsettled === 0 &&
			tracker.retryQueue.length === 0 &&
			!missing &&
			Date.now() - receiver.lastReceivedAt >= QUIET_MS;
		if (calm) {
			const wrong = await tracker.confirm(await stack.api.listAll("/api/verifications/").catch(() => []));
			if (wrong.length === 0) return Date.now();
		}
		await sleep(2_000);
	}
	return null;
}
