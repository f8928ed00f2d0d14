// @ts-check
// Everything a run needs, started in order and torn down in reverse: the bundle, the runtime child on a
// fresh persisted state, the local receiver, and the receiver registered as a webhook endpoint via the API.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Api } from "./api.mjs";
import { bundleWorker } from "./build.mjs";
import { Receiver } from "./receiver.mjs";
import { Runtime } from "./runtime.mjs";

/**
 * @import { RegisteredEndpoint } from "./api.mjs"
 * @import { Counters } from "./cost.mjs"
 * @import { RuntimeOptions } from "./runtime.mjs"
 */

/**
 * A started stack: stop it (always) when done.
 * @typedef {object} Stack
 * @property {string} dir
 * @property {string} script the bundle workerd runs
 * @property {Runtime} runtime
 * @property {Receiver} receiver
 * @property {Api} api
 * @property {RegisteredEndpoint} endpoint
 * @property {() => Promise<void>} stop
 * @property {() => Promise<void>} restart
 * @property {(vars: Record<string, string>) => Promise<Record<string, string>>} reconfigure
 * @property {() => { do: number, d1: number }} storageBytes
 * @property {() => Promise<Counters>} counters
 */

/**
 * State lives on tmpfs (/dev/shm) when there is one: the numbers should measure the runtime, not the virtual
 * disk's fsync latency, and a SIGKILL still leaves it intact for the restart. `stateBase` overrides.
 * @param {string | undefined} stateBase
 */
function stateRoot(stateBase) {
	if (stateBase) return stateBase;
	return existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
}

/**
 * Bytes stored under `dir` (D1's or the Durable Objects' SQLite files), database plus write-ahead log: what a
 * database holds once checkpointed. Miniflare's own metadata databases are left out.
 * @param {string} dir
 */
export function bytesUnder(dir) {
	if (!existsSync(dir)) return 0;
	let total = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile() || entry.name.startsWith("metadata.")) continue;
		if (!entry.name.endsWith(".sqlite") && !entry.name.endsWith(".sqlite-wal")) continue;
		// A write-ahead log can be checkpointed away between the listing and this look: it then holds nothing.
		total += statSync(join(entry.parentPath, entry.name), { throwIfNoEntry: false })?.size ?? 0;
	}
	return total;
}

/**
 * @param {{ root: string, vars?: RuntimeOptions["vars"], queueConsumers?: RuntimeOptions["queueConsumers"], stateBase?: string, keep?: boolean, inspectorPort?: number }} options
 * @returns {Promise<Stack>}
 */
export async function startStack({ root, vars, queueConsumers, stateBase, keep = false, inspectorPort }) {
	const dir = mkdtempSync(join(stateRoot(stateBase), "kyc-bench-"));
	const script = await bundleWorker(root, join(dir, "build"));
	const runtime = new Runtime({
		root,
		script,
		persistDir: join(dir, "state"),
		logFile: join(dir, "runtime.log"),
		vars,
		queueConsumers,
		...(inspectorPort ? { inspectorPort } : {}),
	});
	const receiver = new Receiver();
	const stop = async () => {
		await runtime.stop().catch(() => {});
		await receiver.stop().catch(() => {});
		if (!keep) rmSync(dir, { recursive: true, force: true });
	};
	/** @type {Api} */
	let api;
	/** @type {RegisteredEndpoint} */
	let endpoint;
	try {
		const url = await runtime.start({ fresh: true });
		await receiver.start();
		api = new Api(url);
		endpoint = await api.registerEndpoint(receiver.url);
		receiver.setSecret(endpoint.secret);
	} catch (e) {
		await stop();
		throw e;
	}
	return {
		dir,
		script,
		runtime,
		receiver,
		api,
		endpoint,
		stop,
		/** A clean restart on the same state (memory and counters start from zero; URLs stay valid). */
		restart: async () => {
			await runtime.stop();
			await runtime.start({ fresh: false });
		},
		/** A clean restart on the same state with `vars` merged over the current ones; returns the previous vars. */
		reconfigure: async (vars) => {
			const previous = { ...runtime.opts.vars };
			runtime.opts.vars = { ...previous, ...vars };
			await runtime.stop();
			await runtime.start({ fresh: false });
			return previous;
		},
		storageBytes: () => ({ do: bytesUnder(join(dir, "state", "do")), d1: bytesUnder(join(dir, "state", "d1")) }),
		// The worker's own tally, as bench/instrument/counters.ts defines it.
		counters: async () => /** @type {Counters} */ (await (await fetch(`${runtime.url}/__bench/counters`)).json()),
	};
}
