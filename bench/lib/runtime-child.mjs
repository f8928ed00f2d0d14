// @ts-check
// The runtime under test, in its own process so chaos runs can SIGKILL it: Miniflare (no wrangler dev proxy)
// drives workerd with the bindings wrangler.toml declares, the bench bundle, and persistence in a directory
// the parent chooses, so a restart picks up the same D1, Durable Objects and alarms.
//
// Config arrives as JSON in BENCH_RUNTIME; the parent gets `{type: "ready", url}` over IPC.
//
// Nothing here may use Miniflare's binding proxies (mf.getWorker(), mf.getD1Database()) once traffic flows:
// they block this process's main thread on a synchronous round trip to workerd, while workerd blocks writing
// its logs to this same thread: a deadlock. So the cron goes over HTTP, and D1 is read from its file.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { convertV4MiniflareOptions, Log, LogLevel, Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { d1Bindings } from "../../scripts/lib/d1-bindings.mjs";
import { developmentVars } from "../../scripts/lib/dotenv.mjs";

/**
 * @import { V4WorkerOptionsShape } from "miniflare"
 * @import { ChildConfig, ReadyMessage, RuntimeOptions } from "./runtime.mjs"
 */

const config = process.env.BENCH_RUNTIME;
if (config === undefined) throw new Error("BENCH_RUNTIME is not set: runtime.mjs forks this with its config");
/** @type {ChildConfig} */
const cfg = JSON.parse(config);
const CRON = "* * * * *";
/** Far above anything the bench sends: the point is the runtime's limit, not the abuse limits'. */
const UNLIMITED = 1_000_000_000;

function workerOptions() {
	const { workerOptions } = unstable_getMiniflareWorkerOptions(join(cfg.root, "wrangler.toml"));
	// wrangler declares these options as an Omit<> of Miniflare's V4 worker options, whose string index signature
	// erases every named key; the keys read here get their types back from Miniflare's own declaration.
	const w =
		/** @type {typeof workerOptions & Pick<V4WorkerOptionsShape, "bindings" | "queueConsumers" | "ratelimits">} */ (
			workerOptions
		);
	const ratelimits = Object.fromEntries(
		Object.entries(w.ratelimits ?? {}).map(([name, r]) => [name, { ...r, simple: { ...r.simple, limit: UNLIMITED } }]),
	);
	const { rootPath: _root, modulesRules: _rules, ...rest } = w;
	return {
		...rest,
		name: "kyc",
		rootPath: dirname(cfg.script), // module names are relative to it
		modules: true,
		scriptPath: cfg.script,
		// wrangler.toml's [vars] are production values: the bench runs development.env over them, like the tests.
		bindings: { ...w.bindings, ...developmentVars(cfg.root), ...cfg.vars },
		ratelimits,
		queueConsumers: patchConsumers(w.queueConsumers, cfg.queueConsumers ?? {}),
	};
}

/**
 * Optional per-queue overrides (e.g. `maxBatchTimeout`) for what-if runs; none by default.
 * @param {V4WorkerOptionsShape["queueConsumers"]} consumers
 * @param {NonNullable<RuntimeOptions["queueConsumers"]>} overrides
 */
function patchConsumers(consumers, overrides) {
	// Miniflare also takes a bare list of queue names (default options); wrangler hands out the record form.
	const byQueue = Array.isArray(consumers) ? Object.fromEntries(consumers.map((q) => [q, {}])) : consumers;
	return Object.fromEntries(Object.entries(byQueue ?? {}).map(([q, c]) => [q, { ...c, ...(overrides[q] ?? {}) }]));
}

/**
 * Applies each D1 database's migrations (wrangler.toml's `migrations_dir`: the directory's, and the shards') in
 * order, like `wrangler d1 migrations apply`, on fresh databases only.
 * @param {Miniflare} mf
 */
async function migrate(mf) {
	for (const { binding, migrationsDir } of d1Bindings(cfg.root)) {
		const db = await mf.getD1Database(binding);
		const dir = join(cfg.root, migrationsDir);
		for (const file of readdirSync(dir)
			.filter((f) => f.endsWith(".sql"))
			.sort()) {
			const statements = readFileSync(join(dir, file), "utf8")
				.split("--> statement-breakpoint")
				.map((s) => s.trim())
				.filter(Boolean);
			await db.batch(statements.map((s) => db.prepare(s)));
		}
	}
}

// wrangler hands out options in Miniflare's v4 shape; Miniflare 5 converts them itself.
const mf = new Miniflare(
	convertV4MiniflareOptions({
		host: "127.0.0.1",
		port: cfg.port ?? 0,
		resourcePersistencePath: cfg.persistDir,
		cf: false, // loopback only: no fetch of the Request.cf fixture from the internet
		unsafeTriggerHandlers: true, // GET /cdn-cgi/local/scheduled runs the cron handler
		...(cfg.inspectorPort ? { inspectorPort: cfg.inspectorPort } : {}), // for CPU profiles (bench/lib/profile.mjs, `npm run bench -- --profile`)
		log: new Log(LogLevel.WARN),
		workers: [workerOptions()],
	}),
);
const url = await mf.ready;
if (cfg.fresh) await migrate(mf); // before any traffic, so the proxy round trip cannot deadlock

// Cloudflare runs `* * * * *` at the start of every wall-clock minute; Miniflare does not, so this stands in for
// it, with the minute as `scheduledTime`. On the clock, not every 60 s from start: a runtime restarted more often
// than once a minute (chaos) still gets its sweeps, and misses only a minute it was down for, as a deployment would.
const MINUTE_MS = 60_000;
/** @type {NodeJS.Timeout | undefined} */
let cron;
function scheduleCron() {
	const at = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
	cron = setTimeout(() => {
		const cronUrl = new URL(`/cdn-cgi/local/scheduled?cron=${encodeURIComponent(CRON)}&time=${at}`, url);
		console.log(JSON.stringify({ level: "info", event: "bench.cron", scheduled_time: at })); // counted by runtime-log.mjs
		fetch(cronUrl).catch(() => {});
		scheduleCron();
	}, at - Date.now());
}
scheduleCron();

async function shutdown() {
	clearTimeout(cron);
	await mf.dispose().catch(() => {});
	process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("disconnect", shutdown); // the bench died: do not leave workerd behind
if (!process.send) throw new Error("no IPC channel: runtime.mjs forks this with one");
process.send(/** @satisfies {ReadyMessage} */ ({ type: "ready", url: url.href }));
