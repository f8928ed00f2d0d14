// @ts-check
// Cost per million verifications from operation counts measured in the run, at Cloudflare's published
// Workers Paid prices (see docs/cost.md for the source and date). Marginal cost: monthly included allowances
// and the $5 plan fee are left out, as they vanish at the scale a per-million figure is about.

/**
 * What GET /__bench/counters returns (bench/instrument/counters.ts; that file is worker code, typed for workerd).
 * @typedef {object} ObjectClassCounters
 * @property {Record<string, number>} rpc
 * @property {number} alarms
 * @property {number} wallMs
 * @property {number} sqlRowsRead
 * @property {number} sqlRowsWritten
 * @property {number} setAlarm
 *
 * @typedef {object} Counters
 * @property {{ fetch: number, scheduled: number, queue: Record<string, { batches: number, messages: number, redelivered: number }> }} worker
 * @property {Record<string, ObjectClassCounters>} durableObjects
 * @property {{ instrumented: boolean, queries: number, rowsRead: number, rowsWritten: number, byStatement: Record<string, { queries: number, rowsRead: number, rowsWritten: number, sqliteMs: number }> }} d1
 *
 * Billable units (the keys of PRICES that scale with traffic).
 * @typedef {Record<"worker_requests" | "worker_cpu_ms" | "do_requests" | "do_gb_s" | "do_rows_read" | "do_rows_written" | "d1_rows_read" | "d1_rows_written" | "queue_operations", number>} Units
 *
 * @typedef {{ unit: keyof Units, per_verification: number, usd_per_million: number }} CostLine
 * @typedef {{ verifications: number, lines: CostLine[], usd_per_million: number, storage: { do_bytes_per_verification: number, d1_bytes_per_verification: number, usd_per_million_per_month_retained: number } }} Cost
 */

/** USD per unit. */
export const PRICES = {
	worker_requests: 0.3 / 1e6,
	worker_cpu_ms: 0.02 / 1e6,
	do_requests: 0.15 / 1e6,
	do_gb_s: 12.5 / 1e6,
	do_rows_read: 0.001 / 1e6,
	do_rows_written: 1.0 / 1e6,
	d1_rows_read: 0.001 / 1e6,
	d1_rows_written: 1.0 / 1e6,
	queue_operations: 0.4 / 1e6,
	do_storage_gb_month: 0.2,
	d1_storage_gb_month: 0.75,
};
export const PRICES_SOURCE =
	"developers.cloudflare.com pricing pages for Workers, Durable Objects (SQLite backend), D1 and Queues (Workers Paid)";

const DO_MEMORY_GB = 0.125; // duration is billed on 128 MB per object, whatever it uses

/**
 * counters(after) − counters(before), for the numeric leaves. The result has `after`'s shape.
 * @template T
 * @param {T} after
 * @param {unknown} before
 * @returns {T}
 */
export function diff(after, before) {
	if (typeof after === "number") return /** @type {T} */ (after - Number(before ?? 0));
	if (typeof after !== "object" || after === null) return after;
	/** @type {(k: string) => unknown} `before?.[k]` */
	const prior = (k) =>
		before === null || before === undefined ? undefined : /** @type {Record<string, unknown>} */ (before)[k];
	return /** @type {T} */ (Object.fromEntries(Object.entries(after).map(([k, v]) => [k, diff(v, prior(k))])));
}

/** @type {(o: Record<string, number> | undefined) => number} */
const sum = (o) => Object.values(o ?? {}).reduce((a, b) => a + b, 0);

/**
 * Billable units in a counters delta (see bench/instrument/counters.ts for what each counts).
 * @param {Counters} delta
 * @param {number} cpuSeconds
 * @returns {Units}
 */
export function units(delta, cpuSeconds) {
	const queues = Object.values(delta.worker.queue ?? {});
	const objects = Object.values(delta.durableObjects ?? {});
	// A message costs a write, a read and a delete; each redelivery after a retry one more read.
	const firstDeliveries = queues.reduce((a, q) => a + q.messages - q.redelivered, 0);
	const redeliveries = queues.reduce((a, q) => a + q.redelivered, 0);
	return {
		worker_requests: delta.worker.fetch + delta.worker.scheduled + queues.reduce((a, q) => a + q.batches, 0),
		worker_cpu_ms: cpuSeconds * 1000,
		do_requests: objects.reduce((a, o) => a + sum(o.rpc) + o.alarms, 0),
		do_gb_s: (objects.reduce((a, o) => a + o.wallMs, 0) / 1000) * DO_MEMORY_GB,
		do_rows_read: objects.reduce((a, o) => a + o.sqlRowsRead, 0),
		// setAlarm() is billed as one row written.
		do_rows_written: objects.reduce((a, o) => a + o.sqlRowsWritten + o.setAlarm, 0),
		d1_rows_read: delta.d1.rowsRead,
		d1_rows_written: delta.d1.rowsWritten,
		queue_operations: 3 * firstDeliveries + redeliveries,
	};
}

/**
 * Per-verification units and USD per million verifications, line by line, plus storage per month retained
 * (`bytesEach`: stored bytes per verification in the Durable Objects and in D1).
 * @param {Units} u
 * @param {number} verifications
 * @param {{ do: number, d1: number }} [bytesEach]
 * @returns {Cost}
 */
export function costPerMillion(u, verifications, bytesEach = { do: 0, d1: 0 }) {
	// Object.entries forgets the key type; the keys are those of `Units`.
	const entries = /** @type {[keyof Units, number][]} */ (Object.entries(u));
	const lines = entries.map(([unit, total]) => {
		const perVerification = total / verifications;
		return {
			unit,
			per_verification: round(perVerification),
			usd_per_million: round(perVerification * 1e6 * PRICES[unit]),
		};
	});
	const storage = {
		do_bytes_per_verification: Math.round(bytesEach.do),
		d1_bytes_per_verification: Math.round(bytesEach.d1),
		usd_per_million_per_month_retained: round(
			((bytesEach.do * 1e6) / 1e9) * PRICES.do_storage_gb_month +
				((bytesEach.d1 * 1e6) / 1e9) * PRICES.d1_storage_gb_month,
		),
	};
	const total = lines.reduce((a, l) => a + l.usd_per_million, 0);
	return { verifications, lines, usd_per_million: round(total), storage };
}

/** @type {(n: number) => number} */
const round = (n) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 1000) / 1000);
