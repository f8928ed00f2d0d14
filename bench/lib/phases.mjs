// @ts-check
// The measured phases of `npm run bench` besides the burst: route throughput, and webhook latency under a
// paced (unsaturated) stream of verifications.
import { pool, sleep } from "./api.mjs";
import { submitMany } from "./burst.mjs";
import { waitQuiet } from "./ledger.mjs";
import { measure, withRatios } from "./load.mjs";
import { submissions } from "./outcomes.mjs";
import { percentile } from "./report.mjs";
import { Tracker } from "./tracker.mjs";

/**
 * @import { Counters } from "./cost.mjs"
 * @import { Throughput } from "./load.mjs"
 * @import { Stack } from "./stack.mjs"
 */

/** @typedef {{ samples: number, p50_ms: number | null, p99_ms: number | null, max_ms: number | null }} LatencySummary */

/**
 * Bare /health, GET one verification (rotating over `seedCount` of them), POST with a unique passport each.
 * @param {Stack} stack
 * @param {{ connections: number, seconds: number, warmupSeconds: number, seedCount: number }} options
 * @returns {Promise<{ results: (Throughput & { ratio_to_health: number })[], postWindow: { before: Counters, cpuBefore: number } }>}
 */
export async function throughputPhase(stack, { connections, seconds, warmupSeconds, seedCount }) {
	const { api, receiver } = stack;
	const base = stack.runtime.url;
	if (base === undefined) throw new Error("the runtime is not started"); // startStack started it
	receiver.phase = "seed";
	const next = submissions();
	const seeded = await pool(Array.from({ length: seedCount }), 16, async () => (await api.submit(next(0))).body.id);
	// Let the seeds' own processing (alarms, webhooks) finish, so it does not eat into the measurements.
	await waitQuiet(receiver, { quietMs: 2_000, maxMs: 60_000 });
	receiver.phase = "throughput";
	const common = { connections, seconds, warmupSeconds };
	const health = await measure(base, { ...common, name: "GET /health", path: "/health" });
	let i = 0;
	const get = await measure(base, {
		...common,
		name: "GET /api/verifications/{id}/",
		path: "/api/verifications/",
		headers: api.headers,
		requests: [{ setupRequest: (req) => ({ ...req, path: `/api/verifications/${seeded[i++ % seeded.length]}/` }) }],
	});
	const before = await stack.counters();
	const cpuBefore = stack.runtime.cpu();
	const post = await measure(base, {
		...common,
		name: "POST /api/verifications/",
		path: "/api/verifications/",
		method: "POST",
		headers: api.headers,
		requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(next(0)) }) }],
	});
	return { results: withRatios([health, get, post], health), postWindow: { before, cpuBefore } };
}

/**
 * Latency percentiles of a list of samples.
 * @type {(samples: number[]) => LatencySummary}
 */
export const latencySummary = (samples) => ({
	samples: samples.length,
	p50_ms: percentile(samples, 50),
	p99_ms: percentile(samples, 99),
	max_ms: samples.length ? Math.max(...samples) : null,
});

/**
 * `rate` verifications a second for `seconds` (digit 0: verified at the first lookup, the production happy
 * path), then followed until verified. Far below the runtime's limit, so latency is the pipeline's, not a backlog's.
 * @param {Stack} stack
 * @param {{ rate: number, seconds: number, settleTimeoutMs: number }} options
 */
export async function pacedPhase(stack, { rate, seconds, settleTimeoutMs }) {
	const { api, receiver } = stack;
	receiver.phase = "paced";
	const tracker = new Tracker(api, receiver);
	const count = rate * seconds;
	const next = submissions();
	const started = Date.now();
	/** @type {ReturnType<typeof submitMany>[]} */
	const sends = [];
	for (let n = 0; n < count; n++) {
		const due = started + (n * 1000) / rate;
		await sleep(Math.max(0, due - Date.now()));
		sends.push(submitMany(api, tracker, { digits: [0], next, concurrency: 1 }));
	}
	const errors = (await Promise.all(sends)).reduce((a, s) => a + Object.values(s.errors).reduce((x, y) => x + y, 0), 0);
	const settled = await tracker.waitSettled(settleTimeoutMs);
	return { tracker, count, errors, settled };
}
