// @ts-check
// `npm run bench:chaos`'s provider outage with failover (issue 21). Live verifications stream in at a steady pace
// while live mode asks the fake Interswitch, then the fake Prembly (bench/lib/fake-providers.mjs); the primary goes
// down mid-run (`hang` by default: every call runs to PROVIDER_TIMEOUT_MS; or `refused`) and comes back later. Then,
// besides the usual verdict (every verification verified, per webhooks and per the API; every status change at the
// receiver), from each verification's own record:
//   - every one decided in its first attempt (the secondary was up throughout: no backoff wait, none left waiting);
//   - before the outage the primary decided; everything decided during it was decided by the secondary, whose
//     timeline shows the primary's failed call; the secondary was asked exactly once per verification it decided;
//   - once the primary is back and its breaker has closed (its first decision after the outage: the breaker's
//     probe), every verification submitted after that is decided by the primary again;
//   - GET /api/provider-status, polled each second, showed the primary `down` during the outage, never the secondary.

import { FakeProviders } from "../../scripts/lib/fake-providers.mjs";
import { pool, sleep } from "./api.mjs";
import { submitMany } from "./burst.mjs";
import { verdict } from "./chaos-scenarios.mjs";
import { LivePartner } from "./live-partner.mjs";
import { submissions } from "./outcomes.mjs";
import { Tracker } from "./tracker.mjs";

/**
 * @import { ScenarioResult } from "./chaos-scenarios.mjs"
 * @import { PrimaryFault } from "../../scripts/lib/fake-providers.mjs"
 * @import { ProviderStatus } from "./live-partner.mjs"
 * @import { Stack } from "./stack.mjs"
 */

/**
 * What the outage run found, beyond the common verdict (bench/results/chaos.json).
 * @typedef {object} FailoverFigures
 * @property {PrimaryFault} fault
 * @property {{ down_at_s: number, up_at_s: number, preferred_again_at_s: number | null }} timeline seconds from the first submission
 * @property {{ before_outage: number, during_outage: number, after_recovery: number, in_between: number }} decided
 * @property {Record<string, number>} decided_by
 * @property {number} more_than_one_attempt
 * @property {{ interswitch: number, prembly: number }} lookups at each fake
 * @property {{ at_s: number, provider: string, status: string, reason: string | null }[]} status_changes
 */

/** @type {Record<PrimaryFault, string>} */
const DOWN = { hang: "hanging until the timeout", refused: "refusing connections" };
/** A call answered by the primary just before it went down commits a moment later. */
const GRACE_MS = 1_000;

/**
 * @param {Stack} stack
 * @param {{ count: number, submitSeconds: number, downAfterSeconds: number, outageSeconds: number, fault: PrimaryFault }} options
 * @returns {Promise<ScenarioResult>}
 */
export async function providerOutage(stack, { count, submitSeconds, downAfterSeconds, outageSeconds, fault }) {
	const fakes = await new FakeProviders().start();
	const before = { ...(stack.runtime.opts.vars ?? {}) };
	await stack.reconfigure(fakes.vars());
	const partner = await LivePartner.create(stack.runtime.url ?? "", "npm run bench:chaos provider outage");
	partner.receiver.phase = "provider-outage";
	const tracker = new Tracker(partner.api, partner.receiver);
	try {
		const started = Date.now();
		const status = pollStatus(partner, started);
		const submitting = paced(partner, tracker, count, submitSeconds);
		await sleep(downAfterSeconds * 1000);
		const downAt = Date.now();
		await fakes.setPrimary(fault);
		await sleep(outageSeconds * 1000);
		const upAt = Date.now();
		await fakes.setPrimary("up");
		const errors = await submitting;
		const result = await verdict(partner, tracker, 120_000);
		status.stop();
		const checked = await checkDecisions(partner, tracker, { downAt, upAt });
		const changes = await status.changes;
		const failures = [...checked.failures, ...statusFailures(changes, (downAt - started) / 1000)];
		if (Object.keys(errors).length > 0) failures.push(`submissions refused: ${JSON.stringify(errors)}`);
		const lookups = fakes.lookups();
		const bySecondary = checked.figures.decided_by.prembly ?? 0;
		if (lookups.prembly !== bySecondary)
			failures.push(`the secondary was asked ${lookups.prembly} times for ${bySecondary} decisions`);
		/** @type {(at: number | null) => number | null} */
		const seconds = (at) => (at === null ? null : Math.round((at - started) / 100) / 10);
		return {
			name: "provider outage with failover",
			fault:
				`${count} live verifications over ${submitSeconds} s; the primary (fake Interswitch) ${DOWN[fault]} from ` +
				`${downAfterSeconds} s for ${outageSeconds} s; the secondary (fake Prembly) up throughout`,
			...result,
			failover: {
				fault,
				timeline: {
					down_at_s: seconds(downAt) ?? 0,
					up_at_s: seconds(upAt) ?? 0,
					preferred_again_at_s: seconds(checked.preferredAgainAt),
				},
				decided: checked.figures.decided,
				decided_by: checked.figures.decided_by,
				more_than_one_attempt: checked.figures.more_than_one_attempt,
				lookups,
				status_changes: changes,
			},
			failures,
		};
	} finally {
		await partner.stop();
		await fakes.stop();
		// Back to the run's own configuration for the scenarios after this one.
		stack.runtime.opts.vars = before;
		await stack.restart();
	}
}

/**
 * `count` verifications spread evenly over `seconds`, each sent on its own (fake providers verify every one).
 * @param {LivePartner} partner
 * @param {Tracker} tracker
 * @param {number} count
 * @param {number} seconds
 * @returns {Promise<Record<string, number>>} failed submissions by HTTP status or network error
 */
async function paced(partner, tracker, count, seconds) {
	const next = submissions();
	const started = Date.now();
	/** @type {ReturnType<typeof submitMany>[]} */
	const sends = [];
	for (let n = 0; n < count; n++) {
		await sleep(Math.max(0, started + (n * seconds * 1000) / count - Date.now()));
		sends.push(submitMany(partner.api, tracker, { digits: [0], next, concurrency: 1 }));
	}
	/** @type {Record<string, number>} */
	const errors = {};
	for (const { errors: e } of await Promise.all(sends))
		for (const [k, v] of Object.entries(e)) errors[k] = (errors[k] ?? 0) + v;
	return errors;
}

/**
 * Reads every tracked verification and its timeline, and checks who decided it and when.
 * @param {LivePartner} partner
 * @param {Tracker} tracker
 * @param {{ downAt: number, upAt: number }} outage
 */
async function checkDecisions(partner, tracker, { downAt, upAt }) {
	const records = await pool([...tracker.items.keys()], 8, async (id) => {
		/** @type {{ provider: string, attempts: number }} */
		const view = await partner.api.must("GET", `/api/verifications/${id}/`);
		const timeline = await partner.timeline(id);
		const decision = timeline.find(
			(e) => e.status_change && e.type !== "verification.submitted" && e.type !== "verification.processing",
		);
		const created = timeline.find((e) => e.type === "verification.submitted");
		const askedPrimary = timeline.some(
			(e) => e.type === "verification.attempt_failed" && e.data.provider === "interswitch",
		);
		return {
			id,
			provider: view.provider,
			attempts: view.attempts,
			createdAt: created ? Date.parse(created.created_at) : Number.NaN,
			decidedAt: decision ? Date.parse(decision.created_at) : Number.NaN,
			askedPrimary,
		};
	});
	/** @type {string[]} */
	const failures = [];
	/** @type {(what: string, ids: string[]) => void} */
	const fail = (what, ids) => {
		if (ids.length > 0) failures.push(`${ids.length} ${what} (e.g. ${ids.slice(0, 3).join(", ")})`);
	};
	const ids = (/** @type {(r: (typeof records)[number]) => boolean} */ p) => records.filter(p).map((r) => r.id);
	const preferredAgainAt = Math.min(
		...records.filter((r) => r.provider === "interswitch" && r.decidedAt > upAt).map((r) => r.decidedAt),
	);
	const recovered = Number.isFinite(preferredAgainAt) ? preferredAgainAt : null;
	const before = records.filter((r) => r.decidedAt < downAt);
	const during = records.filter((r) => r.decidedAt >= downAt + GRACE_MS && r.decidedAt <= upAt);
	const after = records.filter((r) => recovered !== null && r.createdAt > recovered);
	fail(
		"decided after more than one attempt",
		ids((r) => r.attempts !== 1),
	);
	fail(
		"decided during the outage by a provider other than the secondary",
		ids((r) => during.includes(r) && r.provider !== "prembly"),
	);
	fail(
		"decided before the outage by the secondary",
		ids((r) => before.includes(r) && r.provider !== "interswitch"),
	);
	fail(
		"submitted after the primary decided again, yet decided by the secondary",
		ids((r) => after.includes(r) && r.provider !== "interswitch"),
	);
	fail(
		"decided by the secondary with no failed call to the primary on the timeline",
		ids((r) => r.provider === "prembly" && !r.askedPrimary),
	);
	fail(
		"decided by the primary after a failed call to it in the same attempt",
		ids((r) => r.provider === "interswitch" && r.askedPrimary),
	);
	if (before.length === 0)
		failures.push("no verification was decided before the outage: the run cannot show the primary preferred");
	if (during.length === 0) failures.push("no verification was decided during the outage");
	if (recovered === null) failures.push("the primary never decided again after it came back");
	else if (after.length === 0) failures.push("no verification was submitted after the primary decided again");
	/** @type {Record<string, number>} */
	const decidedBy = {};
	for (const r of records) decidedBy[r.provider] = (decidedBy[r.provider] ?? 0) + 1;
	return {
		failures,
		preferredAgainAt: recovered,
		figures: {
			decided: {
				before_outage: before.length,
				during_outage: during.length,
				after_recovery: after.length,
				in_between: records.length - before.length - during.length - after.length,
			},
			decided_by: decidedBy,
			more_than_one_attempt: records.filter((r) => r.attempts !== 1).length,
		},
	};
}

/**
 * Polls GET /api/provider-status every second until stopped; resolves with each change of a provider's status.
 * @param {LivePartner} partner
 * @param {number} started
 */
function pollStatus(partner, started) {
	let running = true;
	/** @type {Map<string, string>} */
	const last = new Map();
	/** @type {FailoverFigures["status_changes"]} */
	const changes = [];
	const loop = async () => {
		while (running) {
			/** @type {ProviderStatus[]} */
			const list = await partner.providerStatus().catch(() => []);
			const at = Math.round((Date.now() - started) / 100) / 10;
			for (const p of list) {
				const key = `${p.status}/${p.reason}`;
				if (last.get(p.name) !== key) changes.push({ at_s: at, provider: p.name, status: p.status, reason: p.reason });
				last.set(p.name, key);
			}
			await sleep(1_000);
		}
		return changes;
	};
	const stop = () => {
		running = false;
	};
	return { changes: loop(), stop };
}

/**
 * The status the partner saw: the primary `down` at some point after it went down, the secondary never.
 * @param {FailoverFigures["status_changes"]} changes
 * @param {number} downAtS
 */
function statusFailures(changes, downAtS) {
	/** @type {string[]} */
	const failures = [];
	if (!changes.some((c) => c.provider === "interswitch" && c.status === "down" && c.at_s >= downAtS))
		failures.push("GET /api/provider-status never showed the primary down during the outage");
	if (changes.some((c) => c.provider === "prembly" && c.status !== "operational"))
		failures.push("GET /api/provider-status showed the secondary other than operational");
	return failures;
}
