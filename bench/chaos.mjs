#!/usr/bin/env node
// @ts-check
// `npm run bench:chaos`: the runtime of `npm run bench`, five faults in turn — the webhook receiver down, the
// sandbox provider failing (digits 3/4, with partner retries), live mode's primary provider down mid-run with a
// secondary to fail over to (two fake providers on loopback), the runtime SIGKILLed once mid-run and restarted on
// the same state, then SIGKILLed again and again at random moments with nobody calling `recover` — and after each:
// every verification in its documented state, every status change delivered (and, for the last, seen once in the
// event feed). Writes bench/results/chaos.json. See docs/benchmarks.md.
import { join } from "node:path";
import { parseArgs } from "node:util";
import { providerOutage } from "./lib/chaos-failover.mjs";
import { repeatedKills } from "./lib/chaos-kills.mjs";
import { providerFaults, receiverOutage, runtimeKill } from "./lib/chaos-scenarios.mjs";
import { machine } from "./lib/machine.mjs";
import { randomSeed } from "./lib/random.mjs";
import { writeJson } from "./lib/report.mjs";
import { startStack } from "./lib/stack.mjs";

/**
 * @import { ScenarioResult } from "./lib/chaos-scenarios.mjs"
 * @import { Stack } from "./lib/stack.mjs"
 */

const root = join(import.meta.dirname, "..");
const { values: opt } = parseArgs({
	options: {
		verifications: { type: "string", default: "600" },
		"outage-seconds": { type: "string", default: "20" },
		"kill-after-seconds": { type: "string", default: "4" },
		deadline: { type: "string", default: "20" },
		only: { type: "string" }, // receiver | provider | failover | kill | kills
		// failover: live verifications through two fake providers, the primary down mid-run and back
		"failover-verifications": { type: "string", default: "240" },
		"failover-seconds": { type: "string", default: "80" },
		"failover-down-after": { type: "string", default: "10" },
		"failover-outage-seconds": { type: "string", default: "25" },
		"failover-fault": { type: "string", default: "hang" }, // hang | refused
		// kills: several hundred verifications, SIGKILLs at seeded random moments, no recover call
		"kills-verifications": { type: "string", default: "400" },
		kills: { type: "string", default: "12" },
		seed: { type: "string" },
		"submit-seconds": { type: "string", default: "120" },
		"settle-kill-seconds": { type: "string", default: "60" },
		"settle-timeout": { type: "string", default: "300" },
		"kills-deadline": { type: "string", default: "90" },
		"state-dir": { type: "string" },
		out: { type: "string", default: join(root, "bench", "results", "chaos.json") },
		keep: { type: "boolean", default: false },
	},
});
const count = Number(opt.verifications);
const deadlineSeconds = Number(opt.deadline);
const seed = opt.seed === undefined ? randomSeed() : Number(opt.seed);
/**
 * @param {string | undefined} value
 * @returns {import("../scripts/lib/fake-providers.mjs").PrimaryFault}
 */
function primaryFault(value) {
	if (value === "hang" || value === "refused") return value;
	throw new Error(`--failover-fault must be hang or refused, not ${value}`);
}
const started = Date.now();
/** @type {(msg: string) => void} */
const step = (msg) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);

/** @type {Record<string, (s: Stack) => Promise<ScenarioResult>>} */
const scenarios = {
	receiver: (s) => receiverOutage(s, { count, outageSeconds: Number(opt["outage-seconds"]), deadlineSeconds }),
	provider: (s) => providerFaults(s, { count }),
	failover: (s) =>
		providerOutage(s, {
			count: Number(opt["failover-verifications"]),
			submitSeconds: Number(opt["failover-seconds"]),
			downAfterSeconds: Number(opt["failover-down-after"]),
			outageSeconds: Number(opt["failover-outage-seconds"]),
			fault: primaryFault(opt["failover-fault"]),
		}),
	kill: (s) => runtimeKill(s, { count, killAfterSeconds: Number(opt["kill-after-seconds"]), deadlineSeconds }),
	kills: (s) =>
		repeatedKills(s, {
			count: Number(opt["kills-verifications"]),
			kills: Number(opt.kills),
			seed,
			submitSeconds: Number(opt["submit-seconds"]),
			settleKillSeconds: Number(opt["settle-kill-seconds"]),
			settleTimeoutSeconds: Number(opt["settle-timeout"]),
			deadlineSeconds: Number(opt["kills-deadline"]),
			step,
		}),
};

/**
 * The cron sweeps' thresholds (src/config.ts; production: 60 s, 10 min, 5 min, 5 min), shortened so that what a kill
 * loses is found within a minute or two of it rather than ten. The cron itself still runs once a minute.
 */
const SWEEPS = {
	SWEEP_WAKE_GRACE_SECONDS: "15",
	SWEEP_UNPROJECTED_CLAIM_SECONDS: "30",
	SWEEP_LOST_EVENT_SECONDS: "30",
	SWEEP_OVERDUE_DELIVERY_SECONDS: "30",
};

step(`bundling the worker and starting workerd through Miniflare (seed ${seed})`);
const stack = await startStack({
	root,
	vars: { VERIFICATION_DEADLINE_SECONDS: String(deadlineSeconds), ...SWEEPS },
	stateBase: opt["state-dir"],
	keep: opt.keep,
});
/** @type {ScenarioResult[]} */
const results = [];
const interrupt = () => stack.stop().finally(() => process.exit(130));
process.once("SIGINT", interrupt);
process.once("SIGTERM", interrupt);
try {
	for (const [name, run] of Object.entries(scenarios)) {
		if (opt.only && opt.only !== name) continue;
		step(`chaos: ${name}`);
		const r = await run(stack);
		r.passed =
			r.all_settled_by_webhooks &&
			r.not_in_expected_state_per_api === 0 &&
			r.webhooks.lost === 0 &&
			r.webhooks.missing_from_feed === 0 &&
			(r.failures ?? []).length === 0;
		results.push(r);
		step(
			`${r.passed ? "PASS" : "FAIL"} ${r.name}: ${r.verifications} verifications, settled=${r.all_settled_by_webhooks}, ` +
				`wrong state=${r.not_in_expected_state_per_api}, emitted=${r.webhooks.emitted}, received=${r.webhooks.received}, ` +
				`lost=${r.webhooks.lost}, duplicates=${r.webhooks.duplicates}` +
				(r.missing_before_recover !== undefined ? `, missing before recover=${r.missing_before_recover}` : "") +
				(r.lost_without_delivery_row ? ` (${r.lost_without_delivery_row} lost had no delivery row)` : "") +
				(r.failover
					? `, decided by ${JSON.stringify(r.failover.decided_by)}, during the outage ${r.failover.decided.during_outage}, ` +
						`primary preferred again at ${r.failover.timeline.preferred_again_at_s ?? "never"} s ` +
						`(down ${r.failover.timeline.down_at_s}–${r.failover.timeline.up_at_s} s)`
					: ""),
		);
		for (const f of r.failures ?? []) step(`  ${f}`);
	}
} finally {
	process.off("SIGINT", interrupt);
	process.off("SIGTERM", interrupt);
	await stack.stop();
}
const out = {
	generated_at: new Date().toISOString(),
	machine: machine(),
	settings: { ...opt, seed, sweeps: SWEEPS },
	scenarios: results,
	total_seconds: Math.round((Date.now() - started) / 1000),
};
writeJson(opt.out, out);
console.log(JSON.stringify(results, null, 2));
step(`${results.every((r) => r.passed) ? "all chaos runs passed" : "SOME CHAOS RUNS FAILED"}; JSON: ${opt.out}`);
process.exitCode = results.every((r) => r.passed) ? 0 : 1;
