// @ts-check
// The printed summary: one table per part of the issue, targets marked, plus the JSON file with everything.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { outageLines } from "./outage-phase.mjs";

/**
 * @import { Cost, Counters } from "./cost.mjs"
 * @import { LedgerComparison } from "./ledger.mjs"
 * @import { Throughput } from "./load.mjs"
 * @import { machine } from "./machine.mjs"
 * @import { LatencySummary } from "./phases.mjs"
 * @import { BurstResult } from "./burst.mjs"
 * @import { FailoverResult } from "./failover-phase.mjs"
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
 * @property {Record<string, { file: string, total_ms: number, functions: import("./profile.mjs").HotFunction[] }>} [profiles]
 * @property {FailoverResult} [failover] time to a decision with the primary down (absent with --failover-samples 0)
 * @property {import("./outage-phase.mjs").OutageResult} [outage] catch-up after a receiver outage (absent with --outage-verifications 0)
 * @property {Awaited<ReturnType<typeof import("./move-phase.mjs").movePhase>>} [client_move] the bench's client moved to the other shard (absent with --move no)
 *
 * @typedef {Record<MetricKey, boolean>} Verdicts
 */

/**
 * The issue-12 targets, each read from a finished run (this one, or an older JSON such as docs/bench-result.json,
 * which has the same shape), so the bench can print before → after for every row.
 * @typedef {"cpu_happy" | "cpu_burst" | "d1_statements" | "d1_rows_written" | "do_rows_written" | "queue_operations" | "burst_all_final_s" | "burst_rss_mib" | "webhook_p99_paced_ms" | "webhook_p99_burst_ms" | "get_ratio" | "post_ratio" | "usd_per_million" | "storage_bytes"} MetricKey
 * @typedef {{ key: MetricKey, label: string, unit: string, target: number, better: "lower" | "higher" }} Target
 */

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
	return [
		line(columns),
		line(widths.map((w) => "-".repeat(w))),
		...rows.map((r) => line(columns.map((c) => r[c]))),
	].join("\n");
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

/** @type {Target[]} */
export const TARGETS = [
	{ key: "cpu_happy", label: "workerd CPU per verification, happy path", unit: "ms", target: 15, better: "lower" },
	{ key: "cpu_burst", label: "workerd CPU per verification, even-mix burst", unit: "ms", target: 15, better: "lower" },
	{ key: "d1_statements", label: "D1 statements per happy-path verification", unit: "", target: 8, better: "lower" },
	{
		key: "d1_rows_written",
		label: "D1 rows written per happy-path verification",
		unit: "",
		target: 20,
		better: "lower",
	},
	{
		key: "do_rows_written",
		label: "object rows written per happy-path verification",
		unit: "",
		target: 12,
		better: "lower",
	},
	{
		key: "queue_operations",
		label: "queue operations per happy-path verification",
		unit: "",
		target: 9,
		better: "lower",
	},
	{
		key: "burst_all_final_s",
		label: "10,000 in flight: all in documented state after",
		unit: "s",
		target: 150,
		better: "lower",
	},
	{ key: "burst_rss_mib", label: "10,000 in flight: workerd peak RSS", unit: "MiB", target: 768, better: "lower" },
	{
		key: "webhook_p99_paced_ms",
		label: "status change → webhook p99, paced",
		unit: "ms",
		target: 250,
		better: "lower",
	},
	{
		key: "webhook_p99_burst_ms",
		label: "status change → webhook p99, burst",
		unit: "ms",
		target: 30_000,
		better: "lower",
	},
	{ key: "get_ratio", label: "GET one verification vs /health", unit: "%", target: 60, better: "higher" },
	{ key: "post_ratio", label: "POST a verification vs /health", unit: "%", target: 20, better: "higher" },
	{
		key: "usd_per_million",
		label: "cost per million verifications, happy path",
		unit: "$",
		target: 30,
		better: "lower",
	},
	{
		key: "storage_bytes",
		label: "storage per verification (objects + D1)",
		unit: "B",
		target: Number.POSITIVE_INFINITY,
		better: "lower",
	},
];

/**
 * @param {import("./cost.mjs").Cost} cost
 * @param {string} unit
 */
const perVerification = (cost, unit) => cost.lines.find((l) => l.unit === unit)?.per_verification ?? Number.NaN;

/**
 * Every target's measure from a run's JSON (NaN where that run did not measure it).
 * @param {BenchResult} r
 * @returns {Record<MetricKey, number>}
 */
export function metrics(r) {
	const happy = r.cost.happy_path_paced;
	const ratio = (/** @type {string} */ prefix) => {
		const t = r.throughput.find((x) => x.route.startsWith(prefix));
		return t && t.errors === 0 ? Math.round(t.ratio_to_health * 1000) / 10 : Number.NaN;
	};
	const d1Queries = r.counters.paced.d1.queries;
	return {
		cpu_happy: perVerification(happy, "worker_cpu_ms"),
		cpu_burst: perVerification(r.cost.burst_even_mix, "worker_cpu_ms"),
		d1_statements: Math.round((d1Queries / happy.verifications) * 10) / 10,
		d1_rows_written: perVerification(happy, "d1_rows_written"),
		do_rows_written: perVerification(happy, "do_rows_written"),
		queue_operations: perVerification(happy, "queue_operations"),
		burst_all_final_s: r.burst.seconds_until_all_settled ?? Number.POSITIVE_INFINITY,
		burst_rss_mib: r.burst.runtime_peak_rss_mib,
		webhook_p99_paced_ms: r.webhook_latency.paced.p99_ms ?? Number.POSITIVE_INFINITY,
		webhook_p99_burst_ms: r.webhook_latency.burst.p99_ms ?? Number.POSITIVE_INFINITY,
		get_ratio: ratio("GET /api"),
		post_ratio: ratio("POST"),
		usd_per_million: happy.usd_per_million,
		storage_bytes: happy.storage.do_bytes_per_verification + happy.storage.d1_bytes_per_verification,
	};
}

/** @type {(t: Target, v: number) => boolean} */
const meets = (t, v) => (t.better === "lower" ? v <= t.target : v >= t.target);

/**
 * Pass/fail of each target for a finished run; the storage target is "half of the previous run's", so it needs one.
 * @param {BenchResult} r
 * @param {BenchResult} [previous]
 * @returns {Verdicts}
 */
export function verdicts(r, previous) {
	const m = metrics(r);
	const before = previous ? metrics(previous) : undefined;
	return /** @type {Verdicts} */ (
		Object.fromEntries(
			TARGETS.map((t) => [
				t.key,
				t.key === "storage_bytes"
					? before !== undefined && m.storage_bytes <= before.storage_bytes / 2
					: meets(t, m[t.key]),
			]),
		)
	);
}

/** @type {(t: Target, v: number | undefined) => string} */
const show = (t, v) =>
	v === undefined || Number.isNaN(v)
		? "–"
		: `${t.unit === "$" ? "$" : ""}${v.toLocaleString("en")}${t.unit && t.unit !== "$" ? ` ${t.unit}` : ""}`;

/**
 * Before (an earlier run's JSON, e.g. docs/bench-result.json) → now, with each target and whether it is met.
 * @param {BenchResult} r
 * @param {BenchResult} [previous]
 */
export function comparisonTable(r, previous) {
	const now = metrics(r);
	const before = previous ? metrics(previous) : undefined;
	const v = verdicts(r, previous);
	return table(
		TARGETS.map((t) => ({
			measure: t.label,
			before: show(t, before?.[t.key]),
			now: show(t, now[t.key]),
			target: t.key === "storage_bytes" ? "half of before" : `${t.better === "lower" ? "≤" : "≥"} ${show(t, t.target)}`,
			met: mark(v[t.key]),
		})),
		["measure", "before", "now", "target", "met"],
	);
}

/**
 * @param {BenchResult} r
 * @param {BenchResult} [previous] the run to compare with (docs/bench-result.json)
 */
export function printReport(r, previous) {
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
	out.push("\nStatus change → webhook received (event timestamp → receive time at the local receiver)");
	out.push(
		table(
			Object.entries(r.webhook_latency).map(([phase, l]) => ({ phase, ...l })),
			["phase", "samples", "p50_ms", "p99_ms", "max_ms"],
		),
	);
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
	out.push("\nWebhooks: emitted (API event feed) vs received, per (verification, version)");
	out.push(
		table(
			Object.entries(r.webhooks).map(([scope, w]) => ({ scope, ...w })),
			["scope", "emitted", "received", "lost", "duplicates", "missing_from_feed"],
		),
	);
	out.push(`0 lost: ${mark(r.webhooks.whole_run.lost === 0 && r.webhooks.whole_run.missing_from_feed === 0)}`);
	out.push("\nCost per million verifications (USD, marginal, published prices — docs/cost.md)");
	for (const [name, c] of Object.entries(r.cost)) {
		out.push(
			`${name}: $${c.usd_per_million} per million (+ $${c.storage.usd_per_million_per_month_retained}/month storage per million kept)`,
		);
		out.push(table(c.lines, ["unit", "per_verification", "usd_per_million"]));
	}
	if (r.profiles) {
		for (const [phase, p] of Object.entries(r.profiles)) {
			out.push(
				`\nCPU profile, ${phase} (worker isolate, self time, ${p.total_ms} ms sampled; open ${p.file} in DevTools)`,
			);
			out.push(table(p.functions.slice(0, 15), ["function", "where", "self_ms", "self_pct"]));
		}
	}
	if (r.outage) out.push(...outageLines(r.outage));
	if (r.failover) out.push(...failoverLines(r.failover));
	if (r.client_move) {
		const m = r.client_move;
		out.push(
			"",
			`Client move (${m.from} → ${m.to}, ${m.verifications} verifications): ${(m.duration_ms / 1000).toFixed(1)} s, of which ${(m.settle_wait_ms / 1000).toFixed(1)} s settling; ${m.steps} steps; ${m.statements} D1 statements, ${m.statements_per_verification} a verification; ${m.reprojected} re-projected; nothing lost: ${m.after.nothing_lost}`,
		);
	}
	out.push(`\nTargets: before = ${previous ? previous.generated_at : "no earlier run given"}, now = this run`);
	out.push(comparisonTable(r, previous));
	out.push(`\nTotal ${r.total_seconds} s. JSON: ${r.json_path}`);
	console.log(out.join("\n"));
}

/** @type {(n: number | null) => string} */
const ms = (n) => (n === null ? "–" : `${Math.round(n).toLocaleString("en")} ms`);
/** @type {(counts: Record<string, number>) => string} */
const counted = (counts) =>
	Object.entries(counts)
		.map(([k, v]) => `${k} ×${v}`)
		.join(", ") || "—";

/**
 * The failover phase: each case's decisions, then the target for a hanging primary and the recovery.
 * @param {FailoverResult} f
 */
function failoverLines(f) {
	const setting = (/** @type {string} */ name) => {
		const s = f.settings[name];
		return `${name} ${s?.value ?? "?"} (${s?.from ?? "?"})`;
	};
	const { target: t, recovery } = f;
	return [
		"\nTime to a decision with the primary down (live mode, PROVIDERS=interswitch,prembly: both fakes on loopback)",
		[
			setting("PROVIDER_TIMEOUT_MS"),
			setting("PROVIDER_BACKOFF_BASE_MS"),
			setting("PROVIDER_BREAKER_FAILURE_THRESHOLD"),
			setting("PROVIDER_BREAKER_COOLDOWN_MS"),
		].join(" · "),
		"to decision: submitted → decided on the object's clock (timeline); to webhook: POST sent → the decision's webhook " +
			"received; pipeline: to decision − the primary's call − the secondary's call",
		table(
			f.cases.map((c) => ({
				case: c.name,
				n: c.samples,
				"decided by": counted(c.decided_by),
				attempts: c.max_attempts <= 1 ? "1" : `up to ${c.max_attempts}`,
				"primary call p50":
					c.primary_ms.p50 === null ? "not asked" : `${ms(c.primary_ms.p50)} (${counted(c.primary_codes)})`,
				"secondary p50": ms(c.secondary_ms.p50),
				"to decision p50 / max": `${ms(c.to_decision_ms.p50)} / ${ms(c.to_decision_ms.max)}`,
				"to webhook p50 / max": `${ms(c.to_webhook_ms.p50)} / ${ms(c.to_webhook_ms.max)}`,
				"pipeline p50 / max": `${ms(c.excess_ms.p50)} / ${ms(c.excess_ms.max)}`,
			})),
			[
				"case",
				"n",
				"decided by",
				"attempts",
				"primary call p50",
				"secondary p50",
				"to decision p50 / max",
				"to webhook p50 / max",
				"pipeline p50 / max",
			],
		),
		`Target, primary hanging: PROVIDER_TIMEOUT_MS ${ms(t.timeout_ms)} + the secondary's latency ${ms(t.secondary_p50_ms)} (p50) ` +
			`= ${ms(t.target_ms)}, no backoff wait: ${mark(t.met)} (${t.why})`,
		`Primary back → decided by it again after ${recovery.seconds_until_preferred === null ? "NEVER (120 s)" : `${recovery.seconds_until_preferred.toFixed(1)} s`} ` +
			`(${recovery.verifications_meanwhile} verifications, one a second, until the breaker's probe succeeded)`,
		`Live webhooks: emitted ${f.webhooks.emitted}, received ${f.webhooks.received}, lost ${f.webhooks.lost}, duplicates ${f.webhooks.duplicates}`,
	];
}

/**
 * @param {string} path
 * @param {unknown} data
 */
export function writeJson(path, data) {
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, `${JSON.stringify(data, null, "\t")}\n`); // tabs, as Biome formats JSON here
}
