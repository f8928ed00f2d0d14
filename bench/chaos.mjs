#!/usr/bin/env node
// @ts-check
// `npm run bench:chaos`: the runtime of `npm run bench`, three faults in turn — the webhook receiver down, the
// sandbox provider failing (digits 3/4, with partner retries), the runtime SIGKILLed mid-run and restarted on
// the same state — and after each: every verification in its documented state, every status change delivered.
// Writes bench/results/chaos.json. See docs/benchmarks.md.
import { join } from "node:path";
import { parseArgs } from "node:util";
import { providerFaults, receiverOutage, runtimeKill } from "./lib/chaos-scenarios.mjs";
import { machine } from "./lib/machine.mjs";
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
		only: { type: "string" }, // receiver | provider | kill
		"state-dir": { type: "string" },
		out: { type: "string", default: join(root, "bench", "results", "chaos.json") },
		keep: { type: "boolean", default: false },
	},
});
const count = Number(opt.verifications);
const deadlineSeconds = Number(opt.deadline);
const started = Date.now();
/** @type {(msg: string) => void} */
const step = (msg) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);

/** @type {Record<string, (s: Stack) => Promise<ScenarioResult>>} */
const scenarios = {
	receiver: (s) => receiverOutage(s, { count, outageSeconds: Number(opt["outage-seconds"]), deadlineSeconds }),
	provider: (s) => providerFaults(s, { count }),
	kill: (s) => runtimeKill(s, { count, killAfterSeconds: Number(opt["kill-after-seconds"]), deadlineSeconds }),
};

step("bundling the worker and starting workerd through Miniflare");
const stack = await startStack({
	root,
	vars: { VERIFICATION_DEADLINE_SECONDS: String(deadlineSeconds) },
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
			r.webhooks.missing_from_feed === 0;
		results.push(r);
		step(
			`${r.passed ? "PASS" : "FAIL"} ${r.name}: ${r.verifications} verifications, settled=${r.all_settled_by_webhooks}, ` +
				`wrong state=${r.not_in_expected_state_per_api}, emitted=${r.webhooks.emitted}, received=${r.webhooks.received}, ` +
				`lost=${r.webhooks.lost}, duplicates=${r.webhooks.duplicates}` +
				(r.missing_before_recover !== undefined ? `, missing before recover=${r.missing_before_recover}` : "") +
				(r.lost_without_delivery_row
					? ` (${r.lost_without_delivery_row} lost had no delivery row: in the emulated events queue at the kill)`
					: ""),
		);
	}
} finally {
	process.off("SIGINT", interrupt);
	process.off("SIGTERM", interrupt);
	await stack.stop();
}
const out = {
	generated_at: new Date().toISOString(),
	machine: machine(),
	settings: opt,
	scenarios: results,
	total_seconds: Math.round((Date.now() - started) / 1000),
};
writeJson(opt.out, out);
console.log(JSON.stringify(results, null, 2));
step(`${results.every((r) => r.passed) ? "all chaos runs passed" : "SOME CHAOS RUNS FAILED"}; JSON: ${opt.out}`);
process.exitCode = results.every((r) => r.passed) ? 0 : 1;
