// @ts-check
// Parent-side handle on the runtime child (runtime-child.mjs): start, ask D1, sample workerd's memory, stop
// cleanly, or SIGKILL the whole process group (node + workerd) the way a crash would, then start again on the
// same persisted state.
import { fork } from "node:child_process";
import { openSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * @import { ChildProcess } from "node:child_process"
 */

/**
 * What the runtime child runs: the bundle, its persisted state, and overrides of wrangler.toml.
 * @typedef {object} RuntimeOptions
 * @property {string} root
 * @property {string} script
 * @property {string} persistDir
 * @property {string} logFile
 * @property {Record<string, string>} [vars] merged over wrangler.toml's [vars]
 * @property {Record<string, { maxBatchTimeout?: number }>} [queueConsumers] merged over each queue consumer's options
 * @property {number} [inspectorPort]
 *
 * The JSON runtime-child.mjs gets in BENCH_RUNTIME.
 * @typedef {RuntimeOptions & { fresh: boolean, port: number }} ChildConfig
 *
 * The child's message once Miniflare is listening.
 * @typedef {{ type: "ready", url: string }} ReadyMessage
 */

const CHILD = join(import.meta.dirname, "runtime-child.mjs");
const READY_TIMEOUT_MS = 60_000;

/**
 * Fields of /proc/<pid>/status in kB, or null once the process is gone.
 * @param {number} pid
 * @returns {{ rssKb: number, hwmKb: number } | null}
 */
function procStatus(pid) {
	try {
		const text = readFileSync(`/proc/${pid}/status`, "utf8");
		/** @type {(key: string) => number} */
		const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? 0);
		return { rssKb: kb("VmRSS"), hwmKb: kb("VmHWM") };
	} catch {
		return null;
	}
}

/** @param {number} pid */
function openFds(pid) {
	try {
		return readdirSync(`/proc/${pid}/fd`).length;
	} catch {
		return 0;
	}
}

/**
 * CPU seconds (user + system) a process has used so far.
 * @param {number | null | undefined} pid
 * @returns {number | null}
 */
export function cpuSeconds(pid) {
	try {
		const afterComm = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1];
		if (afterComm === undefined) return null; // not a stat line
		const fields = afterComm.split(" ");
		return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
	} catch {
		return null;
	}
}

/**
 * The workerd process Miniflare spawned under `parentPid`.
 * @param {number | undefined} parentPid
 * @returns {number | null}
 */
function findWorkerd(parentPid) {
	for (const entry of readdirSync("/proc")) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
			const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
			const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
			if (ppid === parentPid && comm.startsWith("workerd")) return Number(entry);
		} catch {}
	}
	return null;
}

/**
 * @param {unknown} m an IPC message from the child
 * @returns {m is ReadyMessage}
 */
const isReady = (m) =>
	typeof m === "object" && m !== null && "type" in m && m.type === "ready" && "url" in m && typeof m.url === "string";

/**
 * The child's process group (its negative pid, for process.kill): `detached` made it a group leader.
 * @param {ChildProcess} child
 */
function groupOf(child) {
	if (child.pid === undefined) throw new Error("the runtime child did not spawn");
	return -child.pid;
}

export class Runtime {
	/** @param {RuntimeOptions} opts */
	constructor(opts) {
		this.opts = opts;
		this.peakRssKb = 0;
	}

	/**
	 * Starts the child; `fresh` applies migrations. Keeps the port across restarts so URLs stay valid.
	 * @param {{ fresh: boolean }} options
	 * @returns {Promise<string>} the runtime's base URL
	 */
	async start({ fresh }) {
		const log = openSync(this.opts.logFile, "a");
		/** @type {ChildConfig} */
		const config = { ...this.opts, fresh, port: this.port ?? 0 };
		const child = fork(CHILD, [], {
			detached: true, // its own process group, so a kill takes workerd down with it
			stdio: ["ignore", log, log, "ipc"],
			env: { ...process.env, BENCH_RUNTIME: JSON.stringify(config) },
		});
		this.child = child;
		/** @type {ReadyMessage} */
		const ready = await new Promise((resolve, reject) => {
			const timer = setTimeout(
				() => reject(new Error(`runtime not ready; see ${this.opts.logFile}`)),
				READY_TIMEOUT_MS,
			);
			child.once("exit", (code) => reject(new Error(`runtime exited (${code}); see ${this.opts.logFile}`)));
			child.on("message", (m) => {
				if (!isReady(m)) return;
				clearTimeout(timer);
				resolve(m);
			});
		});
		this.url = ready.url.replace(/\/$/, "");
		this.port = Number(new URL(this.url).port);
		this.workerdPid = findWorkerd(child.pid);
		this.sampler = setInterval(() => this.sample(), 250);
		return this.url;
	}

	/**
	 * Samples workerd's RSS every 250 ms (`peakRssKb`, resettable per phase); VmHWM is the kernel's own peak over
	 * the process's life, which also catches spikes between samples.
	 */
	sample() {
		const pid = this.workerdPid;
		const s = pid && procStatus(pid);
		if (pid && s) {
			this.peakRssKb = Math.max(this.peakRssKb, s.rssKb);
			this.hwmKb = Math.max(this.hwmKb ?? 0, s.hwmKb);
			// Each open SQLite-backed Durable Object holds its database, WAL and shm files: fds/3 ≈ objects in memory.
			this.peakFds = Math.max(this.peakFds ?? 0, openFds(pid));
		}
		return s;
	}

	/** CPU seconds used by workerd so far (the worker, its Durable Objects, and the emulated D1 and Queues). */
	cpu() {
		return cpuSeconds(this.workerdPid) ?? 0;
	}

	/**
	 * A read-only query on every D1 SQLite file (the directory and each shard: a client's rows are in one of them),
	 * from outside the worker (so not in its counters) and without Miniflare's proxies (see runtime-child.mjs): the
	 * rows each file answers, together. A file without the query's table (a shard has no `clients`) adds none.
	 * SQLite's own locking makes reading next to workerd safe.
	 * @param {string} sql
	 */
	async d1(sql) {
		const files = this.d1Files();
		/** @type {Record<string, import("node:sqlite").SQLOutputValue>[]} */
		const rows = [];
		/** @type {unknown[]} */
		const errors = [];
		for (const file of files) {
			try {
				rows.push(...(await readD1(file, sql)));
			} catch (e) {
				errors.push(e);
			}
		}
		// Every file refused it (not only those without its table): the query itself is wrong.
		if (errors.length === files.length) throw errors[0] ?? new Error("no D1 database in the runtime's state");
		return rows;
	}

	/** Each D1 database's SQLite file (Miniflare's own metadata left out). */
	d1Files() {
		const dir = join(this.opts.persistDir, "d1", "miniflare-D1DatabaseObject");
		return readdirSync(dir)
			.filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite")
			.map((f) => join(dir, f));
	}

	/**
	 * Runs the cron handler now, telling it the time is `atMs` (Miniflare's scheduled trigger takes a time), so
	 * a sweep that only looks at events older than a few minutes can be exercised without waiting for them.
	 * @param {number} [atMs]
	 */
	async cron(atMs = Date.now()) {
		const res = await fetch(`${this.url}/cdn-cgi/local/scheduled?cron=${encodeURIComponent("* * * * *")}&time=${atMs}`);
		if (!res.ok) throw new Error(`cron trigger: HTTP ${res.status}`);
	}

	/** SIGKILL node and workerd at once: no shutdown hooks, no flush. */
	async kill() {
		clearInterval(this.sampler);
		this.sample();
		const child = this.child;
		if (!child) throw new Error("the runtime child was never started");
		const exited = new Promise((r) => child.once("exit", r));
		process.kill(groupOf(child), "SIGKILL");
		await exited;
		await this.waitGone(this.workerdPid);
	}

	/** Clean shutdown (Miniflare disposes workerd), escalating to SIGKILL if it hangs. */
	async stop() {
		clearInterval(this.sampler);
		const child = this.child;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise((r) => child.once("exit", r));
		child.kill("SIGTERM");
		const timer = setTimeout(() => process.kill(groupOf(child), "SIGKILL"), 10_000);
		await exited;
		clearTimeout(timer);
		await this.waitGone(this.workerdPid);
	}

	/** @param {number | null | undefined} pid */
	async waitGone(pid) {
		for (let i = 0; pid && i < 100 && procStatus(pid); i++) await new Promise((r) => setTimeout(r, 50));
	}
}

/**
 * One read-only query on one SQLite file.
 * @param {string} file
 * @param {string} sql
 */
export async function readD1(file, sql) {
	const { DatabaseSync } = await import("node:sqlite"); // Node ≥ 22.5; npm scripts run the project's Node 24
	const db = new DatabaseSync(file, { readOnly: true });
	try {
		return db.prepare(sql).all();
	} finally {
		db.close();
	}
}
