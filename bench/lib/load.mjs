// @ts-check
// Throughput with a real load generator (autocannon): fixed connections for a fixed time per route, after a
// short warm-up, against the runtime's own bare route for the ceiling.
import autocannon from "autocannon";

/**
 * One route's throughput.
 * @typedef {object} Throughput
 * @property {string} route
 * @property {number} connections
 * @property {number} seconds
 * @property {number} requests
 * @property {number} req_per_s
 * @property {number} p50_ms
 * @property {number} p99_ms
 * @property {number} errors
 * @property {Record<string, number | undefined>} status_codes
 */

/**
 * One autocannon run; returns req/s, latency percentiles and every kind of error.
 * @param {autocannon.Options} opts
 * @returns {Promise<autocannon.Result>}
 */
function run(opts) {
	return new Promise((resolve, reject) => {
		autocannon(opts, (err, r) => (err ? reject(err) : resolve(r)));
	});
}

/**
 * Measures one route. `requests` (autocannon's per-request hooks) lets every POST carry a unique passport and
 * GETs rotate over many verifications. Anything but the expected status counts as an error.
 * @param {string} base
 * @param {{ name: string, path: string, method?: autocannon.Request["method"], headers?: Record<string, string>, requests?: autocannon.Request[], connections: number, seconds: number, warmupSeconds: number }} route
 * @returns {Promise<Throughput>}
 */
export async function measure(
	base,
	{ name, path, method = "GET", headers = {}, requests, connections, seconds, warmupSeconds },
) {
	const opts = { url: `${base}${path}`, method, headers, requests, connections };
	if (warmupSeconds > 0) await run({ ...opts, duration: warmupSeconds });
	const r = await run({ ...opts, duration: seconds });
	return {
		route: name,
		connections,
		seconds,
		requests: r.requests.total,
		req_per_s: Math.round(r.requests.average),
		p50_ms: r.latency.p50,
		p99_ms: r.latency.p99,
		errors: r.errors + r.timeouts + r.non2xx,
		status_codes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count])),
	};
}

/**
 * Adds each route's throughput as a share of the bare route's.
 * @param {Throughput[]} results
 * @param {Throughput} bare
 * @returns {(Throughput & { ratio_to_health: number })[]}
 */
export function withRatios(results, bare) {
	return results.map((r) => ({ ...r, ratio_to_health: Math.round((r.req_per_s / bare.req_per_s) * 1000) / 1000 }));
}
