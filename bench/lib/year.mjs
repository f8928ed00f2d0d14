// @ts-check
import { basename } from "node:path";
import { readD1 } from "./runtime.mjs";

// The measurements of `npm run bench:year` (bench/year.mjs): rows read per API page on a measured day, D1's
// footprint from its SQLite file, and the capacity figures derived from them.

/**
 * @import { Runtime } from "./runtime.mjs"
 * @typedef {{ id: string, livemode: boolean, key: string }} YearClient
 * @typedef {(path: string, body: unknown) => Promise<any>} Post
 * @typedef {{ sql: string, queries: number, rowsRead: number }} StatementRows
 */

const DAY_MS = 86_400_000;
const GB = 1e9;
/** D1's size limit per database. */
const D1_CAP_BYTES = 10 * GB;

/**
 * The pages a partner reads, through the real API, each with the D1 rows its statements read: the feed (first page,
 * the next one by cursor, since yesterday, one type), the verifications list (first page, a deep page by cursor, by
 * status, by reference), a timeline.
 * @param {Post} post
 * @param {YearClient[]} clients
 * @param {number} dayStart
 */
export async function measurePages(post, clients, dayStart) {
	const client = clients[0];
	if (!client) throw new Error("no clients");
	/**
	 * @param {string} label
	 * @param {string} path
	 */
	const page = async (label, path) => {
		const r = await post("/__year/measure", { path, key: client.key });
		if (r.result.status !== 200) throw new Error(`${path}: HTTP ${r.result.status} ${JSON.stringify(r.result.body)}`);
		return {
			label,
			path,
			rows_read: r.statements.reduce((/** @type {number} */ a, /** @type {StatementRows} */ s) => a + s.rowsRead, 0),
			body: r.result.body,
		};
	};
	const feed = await page("feed", "/api/events/?limit=100");
	const cursor = feed.body.next_cursor ?? feed.body.data.at(-1)?.id;
	const next = await page("feed next", `/api/events/?limit=100&starting_after=${cursor}`);
	const since = new Date(dayStart - DAY_MS).toISOString();
	const feedSince = await page(
		"feed since yesterday",
		`/api/events/?limit=100&created[gte]=${encodeURIComponent(since)}`,
	);
	const feedType = await page("feed by type", "/api/events/?limit=100&type=verification.verified");
	const list = await page("list", "/api/verifications/?limit=100");
	// On an early day a client may hold less than a page: the next page then starts after its last.
	const after = list.body.next_cursor ?? list.body.data.at(-1)?.id;
	const deep = await page("list next", `/api/verifications/?limit=100&starting_after=${after}`);
	const byStatus = await page("list by status", "/api/verifications/?limit=100&status=verified");
	const someone = list.body.data[0];
	const byReference = await page("list by reference", `/api/verifications/?limit=100&reference=${someone?.reference}`);
	const timeline = await page("timeline", `/api/verifications/${someone?.id}/events/`);
	return Object.fromEntries(
		[feed, next, feedSince, feedType, list, deep, byStatus, byReference, timeline].map((p) => [
			p.label,
			{ rows_read: p.rows_read, items: p.body.data?.length ?? null, path: p.path },
		]),
	);
}

/**
 * D1's footprint, database by database (the directory and each shard: its SQLite file): pages in use (the file less
 * its free pages), by table with its indexes (dbstat), and per retained verification. The totals add the files up.
 * @param {Runtime} runtime
 */
export async function d1Footprint(runtime) {
	/** @type {{ file: string, directory: boolean, used_bytes: number, file_bytes: number, verifications: number, events: number, deliveries: number, by_table: Record<string, number> }[]} */
	const databases = [];
	for (const file of runtime.d1Files()) {
		const one = async (/** @type {string} */ sql) => /** @type {any} */ ((await readD1(file, sql))[0]);
		const tables = (await readD1(file, "SELECT name FROM sqlite_master WHERE type = 'table'")).map((r) =>
			String(r.name),
		);
		const pageSize = (await one("PRAGMA page_size")).page_size;
		const pages = (await one("PRAGMA page_count")).page_count;
		const free = (await one("PRAGMA freelist_count")).freelist_count;
		const count = async (/** @type {string} */ table) =>
			tables.includes(table) ? Number((await one(`SELECT count(*) AS n FROM ${table}`)).n) : 0;
		/** @type {Record<string, number>} */
		let byTable = {};
		try {
			const rows = await readD1(
				file,
				`SELECT m.tbl_name AS name, SUM(s.pgsize) AS bytes FROM dbstat s JOIN sqlite_master m ON m.name = s.name
				 GROUP BY m.tbl_name ORDER BY bytes DESC`,
			);
			byTable = Object.fromEntries(rows.map((r) => [String(r.name), Number(r.bytes)]));
		} catch {
			// This SQLite build has no dbstat: the totals stand alone.
		}
		databases.push({
			file: basename(file),
			directory: tables.includes("clients"),
			used_bytes: (pages - free) * pageSize,
			file_bytes: pages * pageSize,
			verifications: await count("verifications"),
			events: await count("verification_events"),
			deliveries: await count("webhook_deliveries"),
			by_table: byTable,
		});
	}
	const total = (/** @type {"used_bytes" | "file_bytes" | "verifications" | "events" | "deliveries"} */ k) =>
		databases.reduce((a, d) => a + d[k], 0);
	const verifications = total("verifications");
	return {
		file_bytes: total("file_bytes"),
		used_bytes: total("used_bytes"),
		verifications,
		events: total("events"),
		deliveries: total("deliveries"),
		bytesPerVerification: verifications > 0 ? Math.round(total("used_bytes") / verifications) : 0,
		databases,
	};
}

/**
 * What one verification costs in bytes at steady state, from the measured tables of every shard: what is kept for
 * the record retention (its projection, idempotency key and person claim), for the event window (its timeline and
 * feed rows) and for the delivery window (its deliveries), each over the days of intake the table holds; and the
 * intake a day one 10 GB shard holds at those windows.
 * @param {Awaited<ReturnType<typeof d1Footprint>>} footprint
 * @param {{ intake: number, days: number, recordDays: number, eventDays: number, deliveryDays: number }} w
 */
export function steadyState(footprint, w) {
	const shards = footprint.databases.filter((d) => !d.directory && d.verifications > 0);
	const bytesOf = (/** @type {string[]} */ tables) =>
		shards.reduce((a, d) => a + tables.reduce((b, t) => b + (d.by_table[t] ?? 0), 0), 0);
	const record = ["verifications", "idempotency_keys", "person_claims", "idempotent_requests"];
	const perDay = (/** @type {number} */ bytes, /** @type {number} */ window) =>
		bytes / (w.intake * Math.min(w.days, window));
	const bytes = {
		record: Math.round(perDay(bytesOf(record), w.recordDays)),
		events: Math.round(perDay(bytesOf(["verification_events"]), w.eventDays)),
		deliveries: Math.round(perDay(bytesOf(["webhook_deliveries"]), w.deliveryDays)),
	};
	const perDayOfIntake = bytes.record * w.recordDays + bytes.events * w.eventDays + bytes.deliveries * w.deliveryDays;
	return {
		bytes_per_verification: bytes,
		/** What one day of intake occupies once every window is full, per verification. */
		bytes_retained_per_verification_of_daily_intake: perDayOfIntake,
		/** D1 bytes per retained verification at steady state (the record window holds recordDays of intake). */
		bytes_per_retained_verification: Math.round(perDayOfIntake / w.recordDays),
		verifications_a_day_per_shard: Math.floor(D1_CAP_BYTES / perDayOfIntake),
	};
}

/**
 * The year's figures: per measured day, rows read per page and the footprint; the prune's pace against intake; the
 * cron's duration; and days until the 10 GB cap at 10k, 50k and 100k a day (from the measured bytes per retained
 * verification at the last measured day, the retention windows and the intake).
 * @param {{ intake: number, days: number, clients: number, dayRows: Record<string, any>[], measured: Record<string, any>[], runsADay: number, windows: { recordDays: number, eventDays: number, deliveryDays: number } }} r
 */
export function yearReport(r) {
	const last = r.measured.at(-1);
	const steady = last ? steadyState(last.footprint, { intake: r.intake, days: r.days, ...r.windows }) : null;
	const prunedDays = r.dayRows.filter((d) => d.pruned > 0);
	const cronMs = r.dayRows.map((d) => d.cron_ms).sort((a, b) => a - b);
	return {
		intake_per_day: r.intake,
		days: r.days,
		clients: r.clients,
		windows_days: r.windows,
		/** Measured at the end of the run: used bytes of every database over the verifications they hold. */
		bytes_per_verification_held: last?.footprint.bytesPerVerification ?? null,
		steady_state: steady,
		prune: {
			runs_a_day_available: r.runsADay,
			most_runs_needed_in_a_day: Math.max(0, ...r.dayRows.map((d) => d.prune_runs)),
			most_rows_in_one_run: Math.max(0, ...r.dayRows.map((d) => d.max_pruned_in_a_run)),
			rows_pruned_per_day_mean: prunedDays.length
				? Math.round(prunedDays.reduce((a, d) => a + d.pruned, 0) / prunedDays.length)
				: 0,
			kept_up: r.dayRows.every((d) => d.prune_runs < r.runsADay),
		},
		cron_ms: { p50: cronMs[Math.floor(cronMs.length / 2)] ?? null, max: cronMs.at(-1) ?? null },
		measured_days: r.measured.map((m) => ({
			day: m.day,
			verifications: m.footprint.verifications,
			events: m.footprint.events,
			deliveries: m.footprint.deliveries,
			used_mb: Math.round(m.footprint.used_bytes / 1e6),
			bytes_per_verification: m.footprint.bytesPerVerification,
			databases: m.footprint.databases.length,
			...Object.fromEntries(Object.entries(m.pages).map(([label, p]) => [`rows read: ${label}`, p.rows_read])),
		})),
		databases_last_day: last?.footprint.databases ?? null,
		per_day: r.dayRows,
	};
}

/**
 * Shards needed at 10k, 50k and 100k verifications a day once every retention window is full, from the steady state
 * (one shard holds `verifications_a_day_per_shard`).
 * @param {ReturnType<typeof yearReport>} result
 */
export function shardsNeeded(result) {
	const perShard = result.steady_state?.verifications_a_day_per_shard;
	if (!perShard) return null;
	return Object.fromEntries([10_000, 50_000, 100_000].map((n) => [n, Math.ceil(n / perShard)]));
}
