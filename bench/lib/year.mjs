// @ts-check
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
	const deep = await page("list next", `/api/verifications/?limit=100&starting_after=${list.body.next_cursor}`);
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
 * D1's footprint from its SQLite file: pages in use (the file less its free pages), by table and index where SQLite
 * can tell (dbstat), and per retained verification.
 * @param {Runtime} runtime
 */
export async function d1Footprint(runtime) {
	const one = async (/** @type {string} */ sql) => /** @type {any} */ ((await runtime.d1(sql))[0]);
	const pageSize = (await one("PRAGMA page_size")).page_size;
	const pages = (await one("PRAGMA page_count")).page_count;
	const free = (await one("PRAGMA freelist_count")).freelist_count;
	const count = async (/** @type {string} */ table) => (await one(`SELECT count(*) AS n FROM ${table}`)).n;
	const verifications = await count("verifications");
	const usedBytes = (pages - free) * pageSize;
	/** @type {Record<string, number> | null} */
	let byObject = null;
	try {
		const rows = await runtime.d1("SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC");
		byObject = Object.fromEntries(rows.map((r) => [String(r.name), Number(r.bytes)]));
	} catch {
		// This SQLite build has no dbstat: the total stands alone.
	}
	return {
		file_bytes: pages * pageSize,
		used_bytes: usedBytes,
		verifications,
		events: await count("verification_events"),
		deliveries: await count("webhook_deliveries"),
		bytesPerVerification: verifications > 0 ? Math.round(usedBytes / verifications) : 0,
		by_object: byObject,
	};
}

/**
 * The year's figures: per measured day, rows read per page and the footprint; the prune's pace against intake; the
 * cron's duration; and days until the 10 GB cap at 10k, 50k and 100k a day (from the measured bytes per retained
 * verification at the last measured day, the retention windows and the intake).
 * @param {{ intake: number, days: number, clients: number, dayRows: Record<string, any>[], measured: Record<string, any>[], runsADay: number }} r
 */
export function yearReport(r) {
	const last = r.measured.at(-1);
	const prunedDays = r.dayRows.filter((d) => d.pruned > 0);
	const cronMs = r.dayRows.map((d) => d.cron_ms).sort((a, b) => a - b);
	return {
		intake_per_day: r.intake,
		days: r.days,
		clients: r.clients,
		bytes_per_retained_verification: last?.footprint.bytesPerVerification ?? null,
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
			...Object.fromEntries(Object.entries(m.pages).map(([label, p]) => [`rows read: ${label}`, p.rows_read])),
		})),
		footprint_by_object_last_day: last?.footprint.by_object ?? null,
		per_day: r.dayRows,
	};
}

/**
 * Days until one database reaches D1's 10 GB at 10k, 50k and 100k verifications a day, from the bytes a retained
 * verification took at the end of the run (which folds in its events and deliveries at this run's retention windows).
 * @param {ReturnType<typeof yearReport>} result
 */
export function daysToCap(result) {
	const per = result.bytes_per_retained_verification;
	if (!per) return null;
	return Object.fromEntries([10_000, 50_000, 100_000].map((n) => [n, Math.floor(D1_CAP_BYTES / (per * n))]));
}
