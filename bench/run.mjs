#!/usr/bin/env node
// @ts-check
// `npm run bench`: the worker in workerd through Miniflare (no wrangler dev proxy), a local webhook receiver,
// autocannon for throughput, a paced stream for webhook latency, a 10,000-verification burst, the
// emitted-vs-received ledger, cost per million verifications from counted operations, and the time to a decision
// with the primary provider down (live mode on two fake providers). Prints tables and writes
// bench/results/latest.json. See docs/benchmarks.md.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runBurst } from "./lib/burst.mjs";
import { costPerMillion, diff, units } from "./lib/cost.mjs";
import { failoverPhase } from "./lib/failover-phase.mjs";
import { compare, waitQuiet } from "./lib/ledger.mjs";
import { machine } from "./lib/machine.mjs";
import { movePhase } from "./lib/move-phase.mjs";
import { outageLines, outagePhase } from "./lib/outage-phase.mjs";
import { EVEN_MIX } from "./lib/outcomes.mjs";
import { latencySummary, pacedPhase, throughputPhase } from "./lib/phases.mjs";
import { hotFunctions, moduleLocator, Profiler } from "./lib/profile.mjs";
import { printReport, verdicts, writeJson } from "./lib/report.mjs";
import { startStack } from "./lib/stack.mjs";

/**
 * @import { Counters } from "./lib/cost.mjs"
 * @import { BenchResult } from "./lib/report.mjs"
 */

const root = join(import.meta.dirname, "..");
const { values: opt } = parseArgs({
	options: {
		verifications: { type: "string", default: "10000" },
		connections: { type: "string", default: "32" },
		seconds: { type: "string", default: "6" },
		"burst-concurrency": { type: "string", default: "64" },
		"paced-rate": { type: "string", default: "10" },
		"paced-seconds": { type: "string", default: "15" },
		// Digit 5 never decides: it settles (expired) at this deadline, so it bounds the burst's length.
		deadline: { type: "string", default: "30" },
		// What-if: override max_batch_timeout (seconds) of both webhook queues, e.g. 0. Default: wrangler.toml's.
		"queue-batch-timeout": { type: "string" },
		"state-dir": { type: "string" },
		out: { type: "string", default: join(root, "bench", "results", "latest.json") },
		// The run the before → after table compares with.
		baseline: { type: "string", default: join(root, "docs", "bench-result.json") },
		keep: { type: "boolean", default: false },
		// CPU profiles of the worker isolate for the paced phase and the burst: bench/results/profile-*.cpuprofile.
		profile: { type: "boolean", default: false },
		// Live verifications per case of the failover phase (time to a decision with the primary down); 0 skips it.
		"failover-samples": { type: "string", default: "10" },
		// Verifications submitted while the receiver answers 503 for --outage-seconds (catch-up); 0 skips it.
		"outage-verifications": { type: "string", default: "20" },
		"outage-seconds": { type: "string", default: "10" },
		// After the ledger, the bench's client (every verification of the run) moves to the other shard; "no" skips it.
		move: { type: "string", default: "yes" },
		"move-settle": { type: "string", default: "31" },
	},
});
/** @type {(k: keyof typeof opt) => number} */
const n = (k) => Number(opt[k]);
const started = Date.now();
/** @type {(msg: string) => void} */
const step = (msg) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);

const batchTimeout = opt["queue-batch-timeout"];
const queueConsumers =
	batchTimeout === undefined
		? undefined
		: Object.fromEntries(
				["kyc-deliveries", "kyc-deliveries-slow"].map((q) => [q, { maxBatchTimeout: Number(batchTimeout) }]),
			);
// The client move waits out the key cache (30 s) once it switches, as production does with its 90 s default.
const vars = { VERIFICATION_DEADLINE_SECONDS: opt.deadline, CLIENT_MOVE_SETTLE_SECONDS: opt["move-settle"] };

/** A free loopback port for workerd's inspector. @returns {Promise<number>} */
const freePort = () =>
	new Promise((resolve, reject) => {
		const srv = createServer().listen(0, "127.0.0.1", () => {
			const addr = srv.address();
			srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
		});
	});
const inspectorPort = opt.profile ? await freePort() : undefined;
/** @type {Record<string, ReturnType<typeof hotFunctions> & { file: string }>} */
const profiles = {};
/**
 * Samples the worker isolate while `run` runs (when --profile is given), then writes the profile and its summary.
 * @template T
 * @param {string} phase
 * @param {() => Promise<T>} run
 * @returns {Promise<T>}
 */
async function profiled(phase, run) {
	if (!inspectorPort) return run();
	const profiler = await Profiler.start(inspectorPort, "kyc");
	const value = await run();
	const profile = await profiler.stop();
	const file = join(root, "bench", "results", `profile-${phase}.cpuprofile`);
	writeFileSync(file, JSON.stringify(profile));
	profiles[phase] = { file, ...hotFunctions(profile, { moduleOf: moduleLocator(readFileSync(stack.script, "utf8")) }) };
	return value;
}

step("bundling the worker and starting workerd through Miniflare");
const stack = await startStack({
	root,
	vars,
	queueConsumers,
	stateBase: opt["state-dir"],
	keep: opt.keep,
	inspectorPort,
});
const { api, receiver, runtime } = stack;
const interrupt = () => stack.stop().finally(() => process.exit(130));
process.once("SIGINT", interrupt);
process.once("SIGTERM", interrupt);

try {
	step(`throughput: /health, GET, POST — ${opt.connections} connections, ${opt.seconds} s each`);
	const tp = await throughputPhase(stack, {
		connections: n("connections"),
		seconds: n("seconds"),
		warmupSeconds: 2,
		seedCount: 100,
	});
	await waitQuiet(receiver, { quietMs: 3_000, maxMs: 180_000 });
	const postDelta = diff(await stack.counters(), tp.postWindow.before);
	const postCpu = runtime.cpu() - tp.postWindow.cpuBefore;

	step(`paced: ${opt["paced-rate"]}/s for ${opt["paced-seconds"]} s, status change → webhook latency`);
	const pacedBefore = await stack.counters();
	const pacedCpu = runtime.cpu();
	const paced = await profiled("paced", async () => {
		const p = await pacedPhase(stack, { rate: n("paced-rate"), seconds: n("paced-seconds"), settleTimeoutMs: 60_000 });
		await waitQuiet(receiver, { quietMs: 3_000, maxMs: 60_000 });
		return p;
	});
	const pacedDelta = diff(await stack.counters(), pacedBefore);
	const pacedCpuS = runtime.cpu() - pacedCpu;

	/** @type {import("./lib/outage-phase.mjs").OutageResult | undefined} */
	let outage;
	if (n("outage-verifications") > 0) {
		step(
			`receiver outage: ${opt["outage-verifications"]} verifications while it answers 503 for ${opt["outage-seconds"]} s`,
		);
		outage = await outagePhase(stack, {
			verifications: n("outage-verifications"),
			outageMs: n("outage-seconds") * 1000,
			settleTimeoutMs: 360_000,
		});
		for (const line of outageLines(outage)) step(line.trim());
		await waitQuiet(receiver, { quietMs: 3_000, maxMs: 60_000 });
	}

	// A fresh workerd process for the burst: its memory is then the burst's alone (tcmalloc keeps what earlier
	// phases used, so a long-lived process would report their peak). State, endpoint and URLs carry over.
	step("restarting the runtime on the same state");
	await stack.restart();
	step(`burst: ${opt.verifications} verifications in flight, sandbox digits 0–9 evenly`);
	const burstBefore = await stack.counters();
	const burstCpu = runtime.cpu();
	const burst = await profiled("burst", async () => {
		const b = await runBurst({
			api,
			receiver,
			runtime,
			count: n("verifications"),
			weights: EVEN_MIX,
			concurrency: n("burst-concurrency"),
			settleTimeoutMs: (n("deadline") + 420) * 1000,
		});
		await waitQuiet(receiver, { quietMs: 5_000, maxMs: 120_000 });
		return b;
	});
	const burstDelta = diff(await stack.counters(), burstBefore);
	const burstCpuS = runtime.cpu() - burstCpu;

	step("ledger: every status change in the API vs what the receiver got");
	const [events, verifications] = await Promise.all([api.listAll("/api/events/"), api.listAll("/api/verifications/")]);
	/** @type {(d: Counters) => number} */
	const created = (d) => d.durableObjects.VerificationObject?.rpc.create ?? 0;
	// Storage is measured once, for every verification of the run: each phase is charged the average.
	const stored = stack.storageBytes();
	const bytesEach = { do: stored.do / verifications.length, d1: stored.d1 / verifications.length };
	/** @type {BenchResult} */
	const result = {
		generated_at: new Date().toISOString(),
		machine: machine(),
		settings: { ...opt, vars, queueConsumers: queueConsumers ?? "as in wrangler.toml" },
		throughput: tp.results,
		webhook_latency: {
			paced: latencySummary(receiver.latencyOf("paced")),
			throughput: latencySummary(receiver.latencyOf("throughput")),
			burst: latencySummary(receiver.latencyOf("burst")),
		},
		paced: { verifications: paced.count, submit_errors: paced.errors, all_verified: paced.settled },
		burst: burst.result,
		webhooks: {
			whole_run: compare(receiver, events, verifications),
			burst: compare(receiver, events, verifications, new Set(burst.tracker.items.keys())),
		},
		webhook_signature_failures: receiver.rejected,
		runtime: { vmhwm_mib: Math.round((runtime.hwmKb ?? 0) / 1024) },
		cost: {
			happy_path_paced: costPerMillion(units(pacedDelta, pacedCpuS), created(pacedDelta), bytesEach),
			burst_even_mix: costPerMillion(units(burstDelta, burstCpuS), created(burstDelta), bytesEach),
			post_under_load: costPerMillion(units(postDelta, postCpu), created(postDelta), bytesEach),
		},
		counters: { paced: pacedDelta, burst: burstDelta },
		...(opt.profile ? { profiles } : {}),
		...(outage ? { outage } : {}),
		json_path: opt.out,
	};
	if (opt.move !== "no") {
		step(`client move: the bench's client, ${verifications.length} verifications, to the other shard`);
		result.client_move = await movePhase(stack, {
			verifications: verifications.length,
			events: events.length,
			shards: ["SHARD_0", "SHARD_1"],
		});
		const m = result.client_move;
		step(
			`moved ${m.from} → ${m.to} in ${m.duration_ms} ms (${m.settle_wait_ms} ms settling), ${m.steps} steps, ${m.statements} statements (${m.statements_per_verification} a verification); nothing lost: ${m.after.nothing_lost}`,
		);
	}
	// Last, so nothing above runs with its configuration: it restarts the runtime with live mode on both fake providers.
	if (n("failover-samples") > 0) {
		result.failover = await failoverPhase(stack, { root, samples: n("failover-samples"), step });
	}
	result.total_seconds = Math.round((Date.now() - started) / 1000);
	/** @type {BenchResult | undefined} */
	const previous = existsSync(opt.baseline) ? JSON.parse(readFileSync(opt.baseline, "utf8")) : undefined;
	result.targets = verdicts(result, previous);
	writeJson(opt.out, result);
	printReport(result, previous);
} finally {
	process.off("SIGINT", interrupt);
	process.off("SIGTERM", interrupt);
	await stack.stop();
}
