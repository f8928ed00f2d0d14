// @ts-check
// `npm run bench`'s failover phase: the time from submitting a live verification to its decision while the primary
// provider is down, against the target "the primary's timeout plus the secondary's latency, no backoff wait"
// (issue 21). Live mode asks the fake Interswitch, then the fake Prembly (bench/lib/fake-providers.mjs). Four cases,
// each `samples` verifications submitted at once: both up (the baseline); the primary hanging (every call runs to
// PROVIDER_TIMEOUT_MS; submitted together so all are admitted before the breaker has counted a failure); right after,
// the breaker open (the primary is skipped without a call); and, once the primary is back and preferred again, the
// primary refusing connections. Each decision is timed twice: POST sent → the decision's webhook received (what the
// partner sees), and the object's own timestamps from the timeline (submitted → processing → decision).

import { FakeProviders } from "../../scripts/lib/fake-providers.mjs";
import { sleep } from "./api.mjs";
import { compare, waitQuiet } from "./ledger.mjs";
import { LivePartner } from "./live-partner.mjs";
import { submissions } from "./outcomes.mjs";
import { percentile } from "./report.mjs";
import { configuredVars } from "./worker-vars.mjs";

/**
 * @import { LedgerComparison } from "./ledger.mjs"
 * @import { TimelineEntry } from "./live-partner.mjs"
 * @import { Stack } from "./stack.mjs"
 * @import { ConfiguredVar } from "./worker-vars.mjs"
 */

/**
 * One verification's way to its decision.
 * @typedef {object} DecisionSample
 * @property {string} id
 * @property {string} status
 * @property {string} provider the provider that decided
 * @property {number} attempts
 * @property {number} to_webhook_ms POST sent → the decision's webhook received
 * @property {number} to_decision_ms created_at → the decision's commit (the object's clock)
 * @property {number} first_alarm_ms created_at → processing (the first alarm picks the verification up)
 * @property {number | null} primary_ms the primary's failed call (its `attempt_failed` duration_ms); null if not asked
 * @property {string | null} primary_code why the primary did not answer
 * @property {number} secondary_ms the deciding call (the decision's duration_ms)
 * @property {number} excess_ms to_decision_ms − (primary_ms + secondary_ms): the pipeline's own share
 * @property {number} webhook_ms the decision's commit → its webhook received (the drain, the queue, the POST)
 *
 * @typedef {object} DecisionCase
 * @property {string} name
 * @property {number} samples
 * @property {Record<string, number>} decided_by
 * @property {number} max_attempts
 * @property {Record<string, number>} primary_codes
 * @property {ReturnType<typeof summary>} to_webhook_ms
 * @property {ReturnType<typeof summary>} to_decision_ms
 * @property {ReturnType<typeof summary>} first_alarm_ms
 * @property {ReturnType<typeof summary>} primary_ms
 * @property {ReturnType<typeof summary>} secondary_ms
 * @property {ReturnType<typeof summary>} excess_ms
 * @property {ReturnType<typeof summary>} webhook_ms
 * @property {DecisionSample[]} sample_list
 *
 * @typedef {object} FailoverResult
 * @property {Record<string, ConfiguredVar>} settings
 * @property {DecisionCase[]} cases
 * @property {{ timeout_ms: number, secondary_p50_ms: number | null, target_ms: number | null, met: boolean, why: string }} target
 * @property {{ seconds_until_preferred: number | null, verifications_meanwhile: number }} recovery
 * @property {LedgerComparison} webhooks every live status change of the phase, emitted vs received
 */

const SETTINGS = [
	"PROVIDER_TIMEOUT_MS",
	"PROVIDER_BACKOFF_BASE_MS",
	"PROVIDER_BREAKER_FAILURE_THRESHOLD",
	"PROVIDER_BREAKER_COOLDOWN_MS",
];
const FINAL = new Set(["verified", "failed", "requires_action", "expired"]);

/** @type {(values: number[]) => { p50: number | null, max: number | null }} */
const summary = (values) => ({ p50: percentile(values, 50), max: values.length ? Math.max(...values) : null });

/**
 * @param {Stack} stack
 * @param {{ root: string, samples: number, step: (msg: string) => void }} options
 * @returns {Promise<FailoverResult>}
 */
export async function failoverPhase(stack, { root, samples, step }) {
	const fakes = await new FakeProviders().start();
	await stack.reconfigure(fakes.vars());
	const settings = configuredVars(root, stack.runtime.opts.vars ?? {}, SETTINGS);
	const partner = await LivePartner.create(stack.runtime.url ?? "", "npm run bench failover");
	/** @type {Map<string, { status: string, at: number }>} */
	const decided = new Map();
	partner.receiver.onVersion = (d, at) => {
		if (FINAL.has(d.status) && !decided.has(d.id)) decided.set(d.id, { status: d.status, at });
	};
	const next = submissions();
	try {
		/** @type {(name: string) => Promise<DecisionCase>} */
		const measure = async (name) => caseOf(name, await decideAll(partner, decided, next, samples));
		step(`failover: both providers up (${samples} live verifications at once)`);
		await decideAll(partner, decided, next, 1); // warms the isolate and fetches Interswitch's token
		const up = await measure("primary up");
		// At least the breaker's threshold at once, so that it is open for the next case.
		const threshold = Number(settings.PROVIDER_BREAKER_FAILURE_THRESHOLD?.value);
		const hangCount = Math.max(samples, threshold);
		step(`failover: primary hanging until PROVIDER_TIMEOUT_MS (${settings.PROVIDER_TIMEOUT_MS?.value} ms)`);
		await fakes.setPrimary("hang");
		const hanging = caseOf("primary hanging", await decideAll(partner, decided, next, hangCount));
		const open = await measure("primary hanging, breaker open");
		step("failover: primary back; waiting until it decides again (the breaker's cool-down, then its probe)");
		await fakes.setPrimary("up");
		const recovery = await untilPreferred(partner, decided, next, 120_000);
		step("failover: primary refusing connections");
		await fakes.setPrimary("refused");
		const refusing = await measure("primary refusing");
		await fakes.setPrimary("up");
		await waitQuiet(partner.receiver, { quietMs: 2_000, maxMs: 30_000 });
		const [events, verifications] = await Promise.all([
			partner.api.listAll("/api/events/"),
			partner.api.listAll("/api/verifications/"),
		]);
		return {
			settings,
			cases: [up, hanging, open, refusing],
			target: target(hanging, settings),
			recovery,
			webhooks: compare(partner.receiver, events, verifications),
		};
	} finally {
		await partner.stop();
		await fakes.stop();
	}
}

/**
 * Submits `count` verifications at once and waits for each one's decision webhook, then reads its timeline.
 * @param {LivePartner} partner
 * @param {Map<string, { status: string, at: number }>} decided
 * @param {ReturnType<typeof submissions>} next
 * @param {number} count
 * @returns {Promise<DecisionSample[]>}
 */
async function decideAll(partner, decided, next, count) {
	const posted = await Promise.all(
		Array.from({ length: count }, async () => {
			const sentAt = Date.now();
			const res = await partner.api.submit(next(0));
			if (res.status !== 202) throw new Error(`POST /api/verifications/: HTTP ${res.status}`);
			return { id: res.body.id, sentAt };
		}),
	);
	const until = Date.now() + 120_000;
	while (posted.some((p) => !decided.has(p.id)) && Date.now() < until) await sleep(100);
	return Promise.all(posted.map(({ id, sentAt }) => sampleOf(partner, decided, id, sentAt)));
}

/**
 * @param {LivePartner} partner
 * @param {Map<string, { status: string, at: number }>} decided
 * @param {string} id
 * @param {number} sentAt
 * @returns {Promise<DecisionSample>}
 */
async function sampleOf(partner, decided, id, sentAt) {
	const hook = decided.get(id);
	if (!hook) throw new Error(`${id}: no decision webhook within 120 s`);
	/** @type {{ provider: string, attempts: number }} */
	const view = await partner.api.must("GET", `/api/verifications/${id}/`);
	const entries = await partner.timeline(id);
	/** @type {(type: string) => TimelineEntry | undefined} */
	const find = (type) => entries.find((e) => e.type === type);
	const at = (/** @type {TimelineEntry | undefined} */ e) => (e ? Date.parse(e.created_at) : Number.NaN);
	const created = at(find("verification.submitted"));
	const decision = entries.find((e) => e.status_change && FINAL.has(e.type.replace("verification.", "")));
	const failed = entries.find((e) => e.type === "verification.attempt_failed" && e.data.provider === "interswitch");
	const code = failed?.data.last_error?.code ?? null;
	const primaryMs = failed ? (failed.data.duration_ms ?? 0) : null;
	const secondaryMs = decision?.data.duration_ms ?? 0;
	const toDecision = at(decision) - created;
	return {
		id,
		status: hook.status,
		provider: view.provider,
		attempts: view.attempts,
		to_webhook_ms: hook.at - sentAt,
		to_decision_ms: toDecision,
		first_alarm_ms: at(find("verification.processing")) - created,
		primary_ms: primaryMs,
		primary_code: code,
		secondary_ms: secondaryMs,
		excess_ms: toDecision - (primaryMs ?? 0) - secondaryMs,
		webhook_ms: hook.at - at(decision),
	};
}

/**
 * @param {string} name
 * @param {DecisionSample[]} list
 * @returns {DecisionCase}
 */
function caseOf(name, list) {
	/** @type {(values: (string | null)[]) => Record<string, number>} */
	const tally = (values) => {
		/** @type {Record<string, number>} */
		const out = {};
		for (const v of values) if (v !== null) out[v] = (out[v] ?? 0) + 1;
		return out;
	};
	return {
		name,
		samples: list.length,
		decided_by: tally(list.map((s) => s.provider)),
		max_attempts: Math.max(0, ...list.map((s) => s.attempts)),
		primary_codes: tally(list.map((s) => s.primary_code)),
		to_webhook_ms: summary(list.map((s) => s.to_webhook_ms)),
		to_decision_ms: summary(list.map((s) => s.to_decision_ms)),
		first_alarm_ms: summary(list.map((s) => s.first_alarm_ms)),
		primary_ms: summary(list.flatMap((s) => (s.primary_ms === null ? [] : [s.primary_ms]))),
		secondary_ms: summary(list.map((s) => s.secondary_ms)),
		excess_ms: summary(list.map((s) => s.excess_ms)),
		webhook_ms: summary(list.map((s) => s.webhook_ms)),
		sample_list: list,
	};
}

/**
 * The target for a hanging primary: PROVIDER_TIMEOUT_MS plus the secondary's measured latency (p50 of its calls),
 * with no backoff wait. Met when every verification was decided by the secondary in its first attempt and none took
 * longer than the target by as much as one backoff step (PROVIDER_BACKOFF_BASE_MS): a backoff wait would show as that.
 * @param {DecisionCase} hanging
 * @param {Record<string, ConfiguredVar>} settings
 */
function target(hanging, settings) {
	const timeout = Number(settings.PROVIDER_TIMEOUT_MS?.value);
	const backoff = Number(settings.PROVIDER_BACKOFF_BASE_MS?.value);
	const secondary = hanging.secondary_ms.p50;
	const targetMs = secondary === null ? null : timeout + secondary;
	const worst = hanging.to_decision_ms.max;
	const bySecondary = hanging.decided_by.prembly === hanging.samples;
	const firstAttempt = hanging.max_attempts === 1;
	const inTime = targetMs !== null && worst !== null && worst - targetMs < backoff;
	const why = !bySecondary
		? "not every verification was decided by the secondary"
		: !firstAttempt
			? "a verification needed a second attempt (a backoff wait)"
			: !inTime
				? `the slowest decision exceeded the target by ${backoff} ms (one backoff step) or more`
				: `every decision by the secondary, in the first attempt, within ${backoff} ms (one backoff step) of the target`;
	return {
		timeout_ms: timeout,
		secondary_p50_ms: secondary,
		target_ms: targetMs,
		met: bySecondary && firstAttempt && inTime,
		why,
	};
}

/**
 * After the primary comes back: one verification a second until one is decided by the primary again (the breaker's
 * cool-down has passed and its probe succeeded). Returns how long that took.
 * @param {LivePartner} partner
 * @param {Map<string, { status: string, at: number }>} decided
 * @param {ReturnType<typeof submissions>} next
 * @param {number} maxMs
 */
async function untilPreferred(partner, decided, next, maxMs) {
	const upAt = Date.now();
	let meanwhile = 0;
	while (Date.now() - upAt < maxMs) {
		const [sample] = await decideAll(partner, decided, next, 1);
		meanwhile++;
		if (sample?.provider === "interswitch") {
			const at = decided.get(sample.id)?.at ?? Date.now();
			return { seconds_until_preferred: (at - upAt) / 1000, verifications_meanwhile: meanwhile };
		}
		await sleep(1_000);
	}
	return { seconds_until_preferred: null, verifications_meanwhile: meanwhile };
}
