#!/usr/bin/env node
// @ts-check
// `npm run webhooks:listen`: a local webhook receiver, the way `stripe listen` works. It listens on loopback,
// registers itself as a webhook endpoint with the dev API key (through the public API, like a partner), checks
// every signature with the npm `standardwebhooks` package and prints each event as it arrives.
//
// The endpoint id and its secret are kept in .wrangler/webhooks-listen.json, so a restart reuses the same
// endpoint: events sent while the listener was stopped are retried by the service, and on start the listener
// also asks for them at once (POST …/recover/). `--forget` deletes the endpoint and the saved state.
// `--trigger verification.verified` (repeatable) asks the service for a signed sample event of that type (test mode).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Webhook } from "standardwebhooks";
import { developmentVars } from "./lib/dotenv.mjs";

/**
 * @import { IncomingHttpHeaders } from "node:http"
 */

/**
 * What is kept per (API, listener URL) in .wrangler/webhooks-listen.json.
 * @typedef {{ endpointId: string, secret: string, lastSeenAt?: number }} SavedEndpoint
 *
 * The parts of the API's webhook endpoint and event JSON read here (docs/webhooks.md has the full shapes).
 * @typedef {{ id: string, url: string, description?: string | null, status: string }} EndpointView
 * @typedef {{ id: string, secret: string }} CreatedEndpoint
 * @typedef {{ recovered: number }} Recovered
 * @typedef {{ type: string, data?: { id?: string, version?: number, endpoint_id?: string, last_error?: { code?: string } | null, required_action?: { code?: string } | null } }} WebhookEvent
 */

/**
 * An answer of the webhook endpoints API, its JSON typed as the route's success body (`T`): check `status` first.
 * @template [T=unknown]
 * @typedef {{ status: number, data: T }} ApiResult
 */

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values: opts } = parseArgs({
	options: {
		port: { type: "string", default: process.env.WEBHOOKS_LISTEN_PORT ?? "8780" },
		api: { type: "string", default: process.env.KYC_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? "8787"}` },
		key: { type: "string", default: process.env.KYC_API_KEY ?? developmentVars(root, { local: true }).DEV_API_KEY },
		json: { type: "boolean", default: false },
		forget: { type: "boolean", default: false },
		// Test mode: after registering, ask the service to send a signed sample of each type (like `stripe trigger`).
		trigger: { type: "string", multiple: true, default: [] },
	},
});
const url = `http://127.0.0.1:${opts.port}/webhooks`;
const stateFile = join(root, ".wrangler", "webhooks-listen.json");
const stateKey = `${opts.api} -> ${url}`;
const DESCRIPTION = "npm run webhooks:listen (local)";

/** @type {() => Record<string, SavedEndpoint>} */
const readState = () => {
	try {
		return JSON.parse(readFileSync(stateFile, "utf8"));
	} catch {
		return {};
	}
};
/** @type {(entry: SavedEndpoint | null) => void} */
const saveState = (entry) => {
	const all = readState();
	if (entry) all[stateKey] = entry;
	else delete all[stateKey];
	mkdirSync(dirname(stateFile), { recursive: true });
	writeFileSync(stateFile, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
};

/**
 * `e?.cause?.code` of a caught error (fetch puts the socket error's code, e.g. ECONNREFUSED, in `cause`).
 * @param {unknown} e
 * @returns {unknown}
 */
function causeCode(e) {
	const cause = typeof e === "object" && e !== null && "cause" in e ? e.cause : undefined;
	return typeof cause === "object" && cause !== null && "code" in cause ? cause.code : undefined;
}

/**
 * One API call; waits for the dev server while it is still starting.
 * @template [T=unknown]
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body] sent as JSON
 * @param {string} [prefix] the API part the path is under
 * @returns {Promise<ApiResult<T>>}
 */
async function api(method, path, body, prefix = "/api/webhook-endpoints") {
	for (let wait = 500; ; wait = Math.min(wait * 2, 4000)) {
		try {
			const res = await fetch(`${opts.api}${prefix}${path}`, {
				method,
				headers: { authorization: `Bearer ${opts.key}`, ...(body ? { "content-type": "application/json" } : {}) },
				body: body ? JSON.stringify(body) : undefined,
			});
			// The route's JSON as documented (null for a 204): the caller names the shape it expects.
			const data = /** @type {T} */ (res.status === 204 ? null : await res.json());
			return { status: res.status, data };
		} catch (e) {
			if (causeCode(e) !== "ECONNREFUSED") throw e;
			console.log(`… waiting for the API at ${opts.api} (start it with \`npm run dev\`)`);
			await new Promise((r) => setTimeout(r, wait));
		}
	}
}

/**
 * The data of a 2xx answer; throws on any other.
 * @template T
 * @param {ApiResult<T>} res
 * @param {string} what
 * @returns {T}
 */
const must = (res, what) => {
	if (res.status >= 300) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.data)}`);
	return res.data;
};

/**
 * Reuses the saved endpoint (re-enabling it and recovering what it missed) or registers a new one.
 * @returns {Promise<SavedEndpoint>}
 */
async function ensureEndpoint() {
	const saved = readState()[stateKey];
	if (saved) {
		/** @type {ApiResult<EndpointView>} */
		const found = await api("GET", `/${saved.endpointId}/`);
		if (found.status === 200 && found.data.url === url) {
			state = saved; // recovered deliveries may arrive before this function returns
			if (found.data.status === "disabled") must(await api("POST", `/${saved.endpointId}/enable/`), "enable");
			// Ask at once for what was missed while stopped (retries would bring it too, only later).
			const since = new Date((saved.lastSeenAt ?? Date.now()) - 60_000).toISOString();
			/** @type {ApiResult<Recovered>} */
			const recovered = await api("POST", `/${saved.endpointId}/recover/`, { since });
			const rec = must(recovered, "recover");
			console.log(
				`Reusing endpoint ${saved.endpointId}; ${rec.recovered} undelivered event(s) since ${since} re-sent.`,
			);
			return saved;
		}
	}
	// The saved secret is gone (or never existed): endpoints left by earlier runs cannot be verified, so remove them.
	/** @type {ApiResult<{ data: EndpointView[] }>} */
	const listed = await api("GET", "/?limit=100");
	const list = must(listed, "list");
	for (const stale of list.data.filter((e) => e.url === url && e.description === DESCRIPTION)) {
		must(await api("DELETE", `/${stale.id}/`), "clean up");
		console.log(`Removed stale endpoint ${stale.id} (its secret was not saved here).`);
	}
	/** @type {ApiResult<CreatedEndpoint>} */
	const registered = await api("POST", "/", { url, description: DESCRIPTION });
	const created = must(registered, "register");
	/** @type {SavedEndpoint} */
	const entry = { endpointId: created.id, secret: created.secret, lastSeenAt: Date.now() };
	state = entry;
	saveState(entry);
	console.log(`Registered endpoint ${created.id} → ${url}`);
	return entry;
}

if (opts.forget) {
	const saved = readState()[stateKey];
	if (saved) console.log(`Deleting ${saved.endpointId}: HTTP ${(await api("DELETE", `/${saved.endpointId}/`)).status}`);
	saveState(null);
	process.exit(0);
}

/** @type {SavedEndpoint | undefined} */
let state;
/** @type {Set<string | string[] | undefined>} */
const seen = new Set();
const time = () => new Date().toISOString().slice(11, 19);

/**
 * The request's headers with a single string value (the form the verifier takes). Node joins repeated
 * headers other than set-cookie, so the webhook-* ones are always strings when present.
 * @param {IncomingHttpHeaders} headers
 * @returns {Record<string, string>}
 */
const stringHeaders = (headers) =>
	Object.fromEntries(
		Object.entries(headers).filter(/** @returns {h is [string, string]} */ (h) => typeof h[1] === "string"),
	);

const server = createServer((req, res) => {
	/** @type {Buffer[]} */
	const chunks = [];
	req.on("data", (c) => chunks.push(c));
	req.on("end", () => {
		const body = Buffer.concat(chunks).toString("utf8");
		if (!state) {
			// Not registered yet: ask the service to come back shortly (it honours Retry-After on 503).
			res.writeHead(503, { "retry-after": "5" }).end();
			return;
		}
		/** @type {WebhookEvent} */
		let event;
		try {
			// Signed by the service: the payload is one of its documented webhook events.
			event = /** @type {WebhookEvent} */ (new Webhook(state.secret).verify(body, stringHeaders(req.headers)));
		} catch (e) {
			console.log(`${time()}  ✗ signature check failed (${e instanceof Error ? e.message : e}); answered 400`);
			res.writeHead(400, { "content-type": "application/json" }).end('{"error":"invalid signature"}');
			return;
		}
		const d = event.data ?? {};
		const id = req.headers["webhook-id"];
		const detail = d.last_error?.code ?? d.required_action?.code ?? "";
		const dup = seen.has(id) ? "  (duplicate: already received, skip it by webhook-id)" : "";
		seen.add(id);
		const subject = d.version === undefined ? (d.endpoint_id ?? "") : `${d.id}  v${d.version}`;
		console.log(`${time()}  ✓ ${event.type.padEnd(30)} ${subject}  ${detail}  [${id}]${dup}`.replace(/ {3,}\[/, "  ["));
		if (opts.json) console.log(JSON.stringify(event, null, 2));
		state.lastSeenAt = Date.now();
		saveState(state);
		res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
	});
});

server.listen(Number(opts.port), "127.0.0.1", async () => {
	console.log(`Listening on ${url}`);
	try {
		await ensureEndpoint();
	} catch (e) {
		console.error(String((e instanceof Error ? e.message : undefined) ?? e));
		process.exit(1);
	}
	for (const type of opts.trigger) {
		if (!state) break;
		const sent = await api("POST", `/webhook-endpoints/${state.endpointId}/trigger`, { type }, "/api/test");
		if (sent.status >= 300)
			console.error(`trigger ${type}: HTTP ${sent.status} ${JSON.stringify(sent.data)} (test keys only)`);
	}
	console.log("Signatures are checked with the endpoint's whsec_ secret (saved in .wrangler/webhooks-listen.json).");
	console.log("Ctrl-C stops; the endpoint stays registered so nothing is lost while stopped. --forget removes it.\n");
});

for (const signal of ["SIGINT", "SIGTERM"]) {
	process.on(signal, () => {
		if (state) saveState({ ...state, lastSeenAt: state.lastSeenAt ?? Date.now() });
		server.close();
		process.exit(0);
	});
}
