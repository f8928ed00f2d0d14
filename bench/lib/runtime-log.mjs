// @ts-check
// What the service's own safety nets did, read from the runtime's log (src/log.ts writes one JSON object per line;
// workerd's output reaches runtime.log through the runtime child): evidence that recovery came from the cron sweeps
// and the objects' alarms, not from the partner.
import { closeSync, openSync, readSync, statSync } from "node:fs";

/**
 * @typedef {object} SweepWork
 * @property {number} bytes the log's size when read (pass it as `from` next time)
 * @property {number} cron_runs cron triggers the runtime child fired (`bench.cron`, one per wall-clock minute it was up)
 * @property {number} verifications_rearmed `sweep.rearmed`: overdue wake-ups poked
 * @property {number} unprojected_revived `sweep.unprojected`: verifications found through their claim only
 * @property {number} events_requeued `reconcile.events_requeued`: status changes with no delivery row, queued again
 * @property {number} deliveries_resent `sweep.deliveries_overdue`: pending deliveries whose message was lost
 * @property {number} deliveries_failed `sweep.deliveries_overdue`: ended `failed` (dead letter lost)
 * @property {number} provider_calls_interrupted `provider.call_interrupted`: a provider call cut off by a kill
 * @property {number} outbox_failures `outbox.d1_failed` + `outbox.queue_failed`
 */

/** @type {(fields: Record<string, unknown>, key: string) => number} */
const num = (fields, key) => (typeof fields[key] === "number" ? fields[key] : 0);

/**
 * Tallies the log from byte `from` on.
 * @param {string} file
 * @param {number} [from]
 * @returns {SweepWork}
 */
export function sweepWork(file, from = 0) {
	/** @type {SweepWork} */
	const w = {
		bytes: 0,
		cron_runs: 0,
		verifications_rearmed: 0,
		unprojected_revived: 0,
		events_requeued: 0,
		deliveries_resent: 0,
		deliveries_failed: 0,
		provider_calls_interrupted: 0,
		outbox_failures: 0,
	};
	let size = 0;
	try {
		size = statSync(file).size;
	} catch {
		return w;
	}
	w.bytes = size;
	const fd = openSync(file, "r");
	const buf = Buffer.alloc(Math.max(0, size - from));
	try {
		readSync(fd, buf, 0, buf.length, from);
	} finally {
		closeSync(fd);
	}
	for (const line of buf.toString("utf8").split("\n")) {
		const start = line.indexOf('{"level"');
		if (start < 0) continue;
		/** @type {Record<string, unknown>} */
		let f;
		try {
			f = JSON.parse(line.slice(start));
		} catch {
			continue;
		}
		if (f.event === "bench.cron") w.cron_runs++;
		else if (f.event === "sweep.rearmed") w.verifications_rearmed += num(f, "count");
		else if (f.event === "sweep.unprojected") w.unprojected_revived += num(f, "revived");
		else if (f.event === "reconcile.events_requeued") w.events_requeued += num(f, "count");
		else if (f.event === "sweep.deliveries_overdue") {
			w.deliveries_resent += num(f, "resent");
			w.deliveries_failed += num(f, "failed");
		} else if (f.event === "provider.call_interrupted") w.provider_calls_interrupted++;
		else if (f.event === "outbox.d1_failed" || f.event === "outbox.queue_failed") w.outbox_failures++;
	}
	return w;
}
