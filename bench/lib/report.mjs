// @ts-check
// The printed summary: one table per part of the issue, targets marked, plus the JSON file with everything.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * @import { Cost, Counters } from "./cost.mjs"
 * @import { LedgerComparison } from "./ledger.mjs"
 * @import { Throughput } from "./load.mjs"
 * @import { machine } from "./machine.mjs"
 * @import { LatencySummary } from "./phases.mjs"
 * @import { BurstResult } from "./burst.mjs"
 */

/**
 * Everything `npm run bench` measured (bench/results/latest.json).
 * @typedef {object} BenchResult
 * @property {string} generated_at
 * @property {ReturnType<typeof machine>} machine
 * @property {Record<string, unknown>} settings
 * @property {(Throughput & { ratio_to_health: number })[]} throughput
 * @property {{ paced: LatencySummary, throughput: LatencySummary, burst: LatencySummary }} webhook_latency
 * @property {{ verifications: number, submit_errors: number, all_verified: boolean }} paced
 * @property {BurstResult} burst
 * @property {{ whole_run: LedgerComparison, burst: LedgerComparison }} webhooks
 * @property {number} webhook_signature_failures
 * @property {{ vmhwm_mib: number }} runtime
 * @property {{ happy_path_paced: Cost, burst_even_mix: Cost, post_under_load: Cost }} cost
 * @property {{ paced: Counters, burst: Counters }} counters
 * @property {string} json_path
 * @property {number} [total_seconds]
 * @property {Verdicts} [targets]
 *
 * @typedef {{ get: boolean, post: boolean, webhook_p99: boolean, burst_all_final: boolean, zero_lost: boolean, memory: boolean }} Verdicts
 */

export const TARGETS = {
	get_ratio: 0.5,
	post_ratio: 0.25,
	webhook_p99_ms: 1500,
	memory_mib: 1024,
};

/** @type {(ok: boolean) => string} */
const mark = (ok) => (ok ? "✓" : "✗ MISSED");

/**
 * @param {Record<string, unknown>[]} rows
 * @param {string[]} columns
 */
function table(rows, columns) {
	const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? "").length)));
	/** @type {(cells: unknown[]) => string} */
	const line = (cells) => cells.map((v, i) => String(v ?? "").padEnd(widths[i] ?? 0)).join("  ");
	return [line(columns), line(widths.map((w) => "-".repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c])))].join("\n");
}

/**
 * Percentile (nearest rank) of a list of numbers.
 * @param {readonly number[]} values
 * @param {number} p
 * @returns {number | null}
 */
export function percentile(values, p) {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null; // in range: never null
}

/**
 * Pass/fail of each issue-6 target for a finished run.
 * @param {BenchResult} r
 * @returns {Verdicts}
 */
export function verdicts(r) {
	const get = r.throughput.find((t) => t.route.startsWith("GET /api"));
	const post = r.throughput.find((t) => t.route.startsWith("POST"));
	if (!get || !post) throw new Error("the throughput phase measured no GET /api or no POST route");
	return {
		get: get.ratio_to_health >= TARGETS.get_ratio && get.errors === 0,
		post: post.ratio_to_health >= TARGETS.post_ratio && post.errors === 0,
		webhook_p99: r.webhook_latency.paced.p99_ms !== null && r.webhook_latency.paced.p99_ms <= TARGETS.webhook_p99_ms,
		burst_all_final: r.burst.all_settled_by_webhooks && r.burst.not_in_expected_state_per_api === 0,
		zero_lost: r.webhooks.whole_run.lost === 0 && r.webhooks.whole_run.missing_from_feed === 0,
		memory: r.burst.runtime_peak_rss_mib <= TARGETS.memory_mib,
	};
}

/** @param {BenchResult} r */
export function printReport(r) {
	const v = verdicts(r); // throws unless the throughput phase has its routes
	const first = r.throughput[0];
	if (!first) throw new Error("no throughput results");
	const out = [];
	out.push(`\nThroughput (autocannon, ${first.connections} connections, ${first.seconds} s each)`);
	out.push(
		table(
			r.throughput.map((t) => ({ ...t, ratio: `${Math.round(t.ratio_to_health * 100)} %` })),
			["route", "req_per_s", "p50_ms", "p99_ms", "errors", "ratio"],
		),
	);
	out.push(`GET ≥ 50 % of /health, 0 errors: ${mark(v.get)}   POST ≥ 25 %, 0 errors: ${mark(v.post)}`);
	out.push("\nStatus change → webhook received (event timestamp → receive time at the local receiver)");
	out.push(
		table(
			Object.entries(r.webhook_latency).map(([phase, l]) => ({ phase, ...l })),
			["phase", "samples", "p50_ms", "p99_ms", "max_ms"],
		),
	);
	out.push(`paced p99 ≤ 1.5 s: ${mark(v.webhook_p99)}`);
	const b = r.burst;
	out.push(`\nBurst: ${b.verifications} verifications in flight (sandbox digits 0–9 evenly)`);
	out.push(
		table(
			[
				{ what: "accepted / submit errors", value: `${b.accepted} / ${JSON.stringify(b.submit_errors)}` },
				{ what: "submitted in", value: `${b.submit_seconds} s (${b.submit_rate_per_s}/s)` },
				{ what: "all in documented settled state after", value: `${b.seconds_until_all_settled ?? "NOT SETTLED"} s` },
				{ what: "API disagrees with expected state", value: b.not_in_expected_state_per_api },
				{
					what: "runtime peak RSS during burst",
					value: `${b.runtime_peak_rss_mib} MiB (VmHWM whole run ${r.runtime.vmhwm_mib} MiB)`,
				},
				{ what: "runtime CPU during burst", value: `${b.runtime_cpu_seconds} s` },
			],
			["what", "value"],
		),
	);
	out.push(`all final: ${mark(v.burst_all_final)}   memory ≤ 1 GiB: ${mark(v.memory)}`);
	out.push("\nWebhooks: emitted (API event feed) vs received, per (verification, version)");
	out.push(
		table(
			Object.entries(r.webhooks).map(([scope, w]) => ({ scope, ...w })),
			["scope", "emitted", "received", "lost", "duplicates", "missing_from_feed"],
		),
	);
	out.push(`0 lost: ${mark(v.zero_lost)}`);
	out.push("\nCost per million verifications (USD, marginal, published prices — docs/cost.md)");
	for (const [name, c] of Object.entries(r.cost)) {
		out.push(
			`${name}: $${c.usd_per_million} per million (+ $${c.storage.usd_per_million_per_month_retained}/month storage per million kept)`,
		);
		out.push(table(c.lines, ["unit", "per_verification", "usd_per_million"]));
	}
	out.push(`\nTotal ${r.total_seconds} s. JSON: ${r.json_path}`);
	console.log(out.join("\n"));
}

/**
 * @param {string} path
 * @param {unknown} data
 */
export function writeJson(path, data) {
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, `${JSON.stringify(data, null, "\t")}\n`); // tabs, as Biome formats JSON here
}
