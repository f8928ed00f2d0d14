#!/usr/bin/env node
// @ts-check
// `npm run bench:year`: a simulated year of production against local D1, days compressed. Each simulated day, the
// real projection statements write that day's verifications (reducer-built history, the one fan-out, deliveries
// recorded as delivered; bench/year/entry.ts), the cron's jobs run at the day's simulated time as production would,
// and the retention prune runs until nothing is due. On the measured days, a feed poller and a list reader page
// through the real API and each statement's D1 rows read are recorded. Prints the year's figures and writes
// bench/results/year-latest.json (docs/bench-year-result.json is a committed run). See docs/benchmarks.md.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { bundleWorker } from "./lib/build.mjs";
import { Runtime } from "./lib/runtime.mjs";
import { d1Footprint, measurePages, shardsNeeded, yearReport } from "./lib/year.mjs";

const root = join(import.meta.dirname, "..");
const { values: opt } = parseArgs({
	options: {
		days: { type: "string", default: "365" },
		intake: { type: "string", default: "10000" },
		clients: { type: "string", default: "20" },
		measure: { type: "string", default: "1,180,365" },
		// On disk by default: a year of D1 does not fit in tmpfs.
		"state-dir": { type: "string", default: tmpdir() },
		out: { type: "string", default: join(root, "bench", "results", "year-latest.json") },
		keep: { type: "boolean", default: false },
	},
});
const DAY_MS = 86_400_000;
const CHUNK = 2_000;
/** Cloudflare runs the cron once a minute: a day has this many prune runs to keep up. */
const RUNS_A_DAY = 1_440;
const ADMIN_TOKEN = "dev_admin_token_do_not_use_in_production";
const days = Number(opt.days);
const intake = Number(opt.intake);
const measureDays = new Set(opt.measure.split(",").map(Number));
const started = Date.now();
/** @param {string} msg */
const step = (msg) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${msg}`);

const dir = mkdtempSync(join(opt["state-dir"], "kyc-year-"));
const script = await bundleWorker(root, join(dir, "build"), { entry: join(root, "bench", "year", "entry.ts") });
const runtime = new Runtime({ root, script, persistDir: join(dir, "state"), logFile: join(dir, "runtime.log") });
/**
 * @param {string} path
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 * @returns {Promise<any>}
 */
async function post(path, body, headers = {}) {
	const res = await fetch(`${runtime.url}${path}`, {
		method: "POST",
		headers: { "content-type": "application/json", ...headers },
		body: JSON.stringify(body),
	});
	if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
	return res.json();
}

try {
	step(`bundling and starting workerd (state in ${dir})`);
	await runtime.start({ fresh: true });
	/** @type {{ id: string, livemode: boolean, key: string }[]} */
	const clients = [];
	for (let i = 0; i < Number(opt.clients); i++) {
		const mode = i % 2 === 0 ? "test" : "live";
		const made = await post("/admin/clients/", { name: `year-${i}`, mode }, { authorization: `Bearer ${ADMIN_TOKEN}` });
		const key = made.api_key?.key ?? made.key;
		const auth = { authorization: `Bearer ${key}` };
		await post("/api/webhook-endpoints/", { url: "http://127.0.0.1:9/hook" }, auth);
		clients.push({ id: made.id, livemode: mode === "live", key });
	}
	const first = Math.ceil(Date.now() / DAY_MS) * DAY_MS + DAY_MS;
	step(`${clients.length} clients (both modes), one endpoint each; ${intake} verifications a day for ${days} days`);
	/** @type {Record<string, unknown>[]} */
	const dayRows = [];
	/** @type {Record<string, unknown>[]} */
	const measured = [];
	for (let day = 1; day <= days; day++) {
		const at = first + (day - 1) * DAY_MS;
		const t0 = Date.now();
		for (let offset = 0; offset < intake; offset += CHUNK) {
			const count = Math.min(CHUNK, intake - offset);
			await post("/__year/day", { at, count, offset, perDay: intake, clients });
		}
		const seedMs = Date.now() - t0;
		// One full cron run as production runs it each minute (every job), at the end of the simulated day.
		const cron = await post("/__year/cron", { at: at + DAY_MS - 60_000 });
		// Then the prune alone, run after run, until nothing is due: how many of the day's 1,440 runs it needs.
		let runs = 0;
		let pruned = 0;
		let maxRun = 0;
		for (; runs < RUNS_A_DAY; runs++) {
			const r = await post("/__year/prune", { at: at + DAY_MS - 30_000 });
			const n = r.result.deleted.verifications + r.result.deleted.deliveries + r.result.deleted.events;
			pruned += n;
			maxRun = Math.max(maxRun, n);
			if (n === 0) break;
		}
		dayRows.push({
			day,
			seed_ms: seedMs,
			cron_ms: cron.ms,
			cron_rows_read: sum(cron.statements, "rowsRead"),
			prune_runs: runs,
			pruned,
			max_pruned_in_a_run: maxRun,
		});
		if (day % 10 === 0 || measureDays.has(day))
			step(`day ${day}: seeded in ${seedMs} ms, cron ${cron.ms} ms, prune ${pruned} rows in ${runs} runs`);
		if (measureDays.has(day)) {
			const pages = await measurePages(post, clients, at);
			const footprint = await d1Footprint(runtime);
			measured.push({ day, pages, footprint });
			step(`day ${day}: ${footprint.verifications} verifications retained, ${footprint.bytesPerVerification} B each`);
		}
	}
	// The default windows (src/config.ts): the record 400 days, events and the delivery log 30.
	const windows = { recordDays: 400, eventDays: 30, deliveryDays: 30 };
	const result = yearReport({
		intake,
		days,
		clients: clients.length,
		dayRows,
		measured,
		runsADay: RUNS_A_DAY,
		windows,
	});
	mkdirSync(join(root, "bench", "results"), { recursive: true });
	writeFileSync(opt.out, `${JSON.stringify(result, null, "\t")}\n`);
	step(`wrote ${opt.out}`);
	console.table(result.measured_days);
	console.log("steady state:", result.steady_state);
	console.log("shards needed at 10k / 50k / 100k a day:", shardsNeeded(result));
} finally {
	await runtime.stop().catch(() => {});
	if (!opt.keep) rmSync(dir, { recursive: true, force: true });
}

/**
 * @param {{ [k: string]: number }[]} rows
 * @param {string} key
 */
function sum(rows, key) {
	return rows.reduce((a, r) => a + (r[key] ?? 0), 0);
}
