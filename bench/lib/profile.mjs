// @ts-check
// `npm run bench -- --profile`: a V8 CPU profile of the worker's isolate, taken over workerd's inspector (Miniflare's
// `inspectorPort`) with the Chrome DevTools protocol, written as a `.cpuprofile` DevTools opens (Performance panel →
// load profile), and summarised as the top functions by self time.

/**
 * The parts of a V8 `Profiler.Profile` the summary reads.
 * @typedef {{ id: number, hitCount?: number, callFrame: { functionName: string, url: string, lineNumber: number } }} ProfileNode
 * @typedef {{ nodes: ProfileNode[], startTime: number, endTime: number, samples?: number[], timeDeltas?: number[] }} CpuProfile
 * @typedef {{ function: string, where: string, self_ms: number, self_pct: number }} HotFunction
 */

/** Samples every 200 µs: fine enough for sub-millisecond handlers, cheap enough not to skew the run much. */
const SAMPLING_INTERVAL_US = 200;

export class Profiler {
	/** @param {WebSocket} ws */
	constructor(ws) {
		this.ws = ws;
		this.nextId = 1;
		/** @type {Map<number, { resolve: (v: any) => void, reject: (e: Error) => void }>} */
		this.waiting = new Map();
		ws.addEventListener("message", (ev) => {
			const msg = JSON.parse(String(ev.data));
			const w = typeof msg.id === "number" ? this.waiting.get(msg.id) : undefined;
			if (!w) return; // an event (console, script parsed): not asked for
			this.waiting.delete(msg.id);
			if (msg.error) w.reject(new Error(`${msg.error.message} (${msg.error.code})`));
			else w.resolve(msg.result);
		});
	}

	/**
	 * Attaches to the named worker's isolate on workerd's inspector and starts sampling.
	 * @param {number} port the inspector port Miniflare was given
	 * @param {string} worker the worker's name (its target is `core:user:<name>`)
	 */
	static async start(port, worker) {
		const ws = new WebSocket(`ws://127.0.0.1:${port}/core:user:${worker}`);
		await new Promise((resolve, reject) => {
			ws.addEventListener("open", resolve, { once: true });
			ws.addEventListener("error", () => reject(new Error(`no inspector target core:user:${worker} on port ${port}`)), {
				once: true,
			});
		});
		const p = new Profiler(ws);
		await p.send("Profiler.enable");
		await p.send("Profiler.setSamplingInterval", { interval: SAMPLING_INTERVAL_US });
		await p.send("Profiler.start");
		return p;
	}

	/**
	 * @param {string} method
	 * @param {Record<string, unknown>} [params]
	 * @returns {Promise<any>}
	 */
	send(method, params = {}) {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.waiting.set(id, { resolve, reject });
			this.ws.send(JSON.stringify({ id, method, params }));
		});
	}

	/** Stops sampling and detaches. @returns {Promise<CpuProfile>} */
	async stop() {
		const { profile } = await this.send("Profiler.stop");
		this.ws.close();
		return profile;
	}
}

/**
 * Maps a line of an esbuild bundle (not minified) to the module it came from: esbuild writes `// path/to/file.ts`
 * before each module's code. Returns null for lines before the first marker.
 * @param {string} bundle the bundle's source
 * @returns {(line: number) => string | null} line is 0-based, as in V8's call frames
 */
export function moduleLocator(bundle) {
	/** @type {{ line: number, path: string }[]} */
	const starts = [];
	bundle.split("\n").forEach((text, line) => {
		const m = /^\/\/ ((?:src|bench|node_modules)\/\S+\.[cm]?[jt]s)$/.exec(text);
		if (m?.[1]) starts.push({ line, path: m[1].replace(/^node_modules\/(?:\.pnpm\/)?/, "") });
	});
	return (line) => {
		let lo = 0;
		let hi = starts.length - 1;
		let found = null;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const s = starts[mid];
			if (s && s.line <= line) {
				found = s.path;
				lo = mid + 1;
			} else hi = mid - 1;
		}
		return found;
	};
}

/**
 * Self time per function (summed over every node of the same name and place), largest first. Idle and the
 * collector's pseudo-frames are kept: they say how busy the isolate was.
 * @param {CpuProfile} profile
 * @param {{ top?: number, moduleOf?: (line: number) => string | null }} [options]
 * @returns {{ total_ms: number, functions: HotFunction[] }}
 */
export function hotFunctions(profile, { top = 25, moduleOf } = {}) {
	const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
	/** @type {Map<string, { fn: string, where: string, us: number }>} */
	const tally = new Map();
	const samples = profile.samples ?? [];
	const deltas = profile.timeDeltas ?? [];
	let total = 0;
	for (let i = 0; i < samples.length; i++) {
		const node = byNode.get(samples[i] ?? -1);
		// A sample's time is the gap to the next one (V8's convention; the last sample gets no time).
		const us = deltas[i + 1] ?? 0;
		if (!node) continue;
		total += us;
		const { functionName, url, lineNumber } = node.callFrame;
		const fn = functionName || "(anonymous)";
		const where = url ? (moduleOf?.(lineNumber) ?? `${url.split("/").pop()}:${lineNumber + 1}`) : "";
		const key = `${fn}\u0000${where}`;
		const t = tally.get(key) ?? { fn, where, us: 0 };
		t.us += us;
		tally.set(key, t);
	}
	const functions = [...tally.values()]
		.sort((a, b) => b.us - a.us)
		.slice(0, top)
		.map((t) => ({
			function: t.fn,
			where: t.where,
			self_ms: Math.round(t.us / 100) / 10,
			self_pct: total > 0 ? Math.round((t.us / total) * 1000) / 10 : 0,
		}));
	return { total_ms: Math.round(total / 1000), functions };
}
