#!/usr/bin/env node
// @ts-check
// A fake Prembly (IdentityPass) international passport v2 endpoint for `npm run dev` and the tests.
// `npm run fake:prembly` serves it on 127.0.0.1:8791; switch its behaviour at runtime with
//   curl -X POST http://127.0.0.1:8791/__behaviour -d '{"mode":"retry_later"}'
// See docs/providers.md. Like scripts/fake-interswitch.mjs, the core speaks web-standard Request/Response so the
// workerd tests (MSW) drive exactly this code; only `serve()` touches node:http.
//
// The types below are what test/prembly/fake-prembly.d.ts declares for the tests.

/**
 * @typedef {typeof MODES[number]} FakeMode
 *
 * @typedef {object} FakeBehaviour
 * @property {FakeMode} mode
 * @property {number | null} times answer this many lookups with `mode`, then go back to success; null: until switched
 * @property {number} delayMs how long `slow` waits before answering (success)
 * @property {number} retryAfter seconds sent in `Retry-After` by `503` and `429`
 *
 * @typedef {FakeBehaviour & { counts: { lookup: number } }} FakeSnapshot
 *
 * The parts of a fetch Request the fake reads (so MSW's and the Workers runtime's Request both fit).
 * @typedef {object} FakeRequest
 * @property {string} url
 * @property {string} method
 * @property {{ get(name: string): string | null }} headers
 * @property {() => Promise<unknown>} json
 *
 * @typedef {{ kind: "respond", response: Response }} Respond
 * @typedef {Respond | { kind: "reset" } | { kind: "hang" }} FakeResult
 *
 * @typedef {object} FakePrembly
 * @property {(request: FakeRequest) => Promise<FakeResult>} handle
 * @property {(patch: unknown) => FakeSnapshot} configure
 * @property {() => FakeSnapshot} snapshot
 */

export const MODES = /** @type {const} */ ([
	"success",
	"dob_mismatch",
	"not_found",
	"retry_later",
	"insufficient_funds",
	"payment_required",
	"invalid_key",
	"bad_request",
	"500",
	"503",
	"slow",
	"hang",
	"reset",
	"truncated",
]);
const PATH = "/verification/national_passport_v2";
const DOB = /^(\d{4})-(\d{2})-(\d{2})$/;
/** West Africa Time: Prembly's `currentDateOfBirth` is midnight WAT in epoch milliseconds. */
const WAT_OFFSET_MS = 3_600_000;

/** @type {(status: number, body: unknown, headers?: Record<string, string>) => Respond} */
const json = (status, body, headers = {}) => ({
	kind: "respond",
	response: new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } }),
});
/** @type {() => FakeBehaviour} */
const defaults = () => ({ mode: "success", times: null, delayMs: 2_000, retryAfter: 30 });
/** @type {(v: unknown) => v is number} */
const count = (v) => typeof v === "number" && Number.isInteger(v) && v >= 0;
/** @type {(v: unknown) => v is FakeMode} */
const isMode = (v) => /** @type {readonly unknown[]} */ (MODES).includes(v);
/** @type {Record<string, (v: unknown) => boolean>} */
const VALID = {
	mode: isMode,
	times: (v) => v === null || (count(v) && v > 0),
	delayMs: count,
	retryAfter: count,
};
/** @type {(ms: number) => Promise<void>} */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** @type {(n: number) => string} */
const two = (n) => String(n).padStart(2, "0");

/**
 * Throws unless `patch` is a behaviour change the fake knows ({mode, times, delayMs, retryAfter}).
 * @param {unknown} patch
 * @returns {asserts patch is Partial<FakeBehaviour>}
 */
function checkPatch(patch) {
	if (typeof patch !== "object" || patch === null || Array.isArray(patch)) throw new Error("send a JSON object");
	if ("mode" in patch && patch.mode !== undefined && !isMode(patch.mode))
		throw new Error(`mode must be one of ${MODES.join(", ")}`);
	for (const [key, value] of Object.entries(patch)) {
		if (!(key in VALID) || !VALID[key]?.(value)) throw new Error(`invalid ${key} (see docs/providers.md)`);
	}
}

/**
 * The record Prembly returns for a found passport: echoes the number, last name and date of birth it was asked for
 * (`yearOffset` moves the date of birth, for a mismatch), in all three of Prembly's date forms.
 * @param {string} number
 * @param {string} lastName
 * @param {[number, number, number]} dob year, month, day
 */
function record(number, lastName, [year, month, day]) {
	return {
		currentPassportType: "STANDARD_E_PASSPORT",
		currentPassportNumber: number.toUpperCase(),
		currentTitle: "",
		currentFirstName: "Adaeze",
		currentMiddleName: "Ngozi",
		currentLastName: lastName,
		currentGender: "FEMALE",
		currentDateOfBirth: Date.UTC(year, month - 1, day) - WAT_OFFSET_MS,
		currentDateOfBirthLabel: `${two(day)}/${two(month)}/${year}`,
		currentDateOfBirthDay: two(day),
		currentDateOfBirthMonth: two(month),
		currentDateOfBirthYear: String(year),
		currentPlaceOfBirth: "LAGOS",
		successful: true,
	};
}

/**
 * One fake Prembly with its own counters and behaviour.
 * @param {{ apiKey?: string, appId?: string }} [options]
 * @returns {FakePrembly}
 */
export function createFakePrembly({ apiKey = "fake-prembly-key", appId = "fake-prembly-app" } = {}) {
	let behaviour = defaults();
	const counts = { lookup: 0 };

	/** @type {() => FakeSnapshot} */
	const snapshot = () => ({ ...behaviour, counts: { ...counts } });

	/**
	 * Applies `patch` ({mode, times, delayMs, retryAfter}); throws on anything it does not know.
	 * @param {unknown} patch
	 * @returns {FakeSnapshot}
	 */
	function configure(patch) {
		checkPatch(patch);
		behaviour = { ...behaviour, times: null, ...patch };
		return snapshot();
	}

	/** The mode for this lookup, consuming one of `times`; afterwards back to success. @returns {FakeMode} */
	function take() {
		const { mode, times } = behaviour;
		if (times !== null)
			behaviour = times <= 1 ? { ...behaviour, mode: "success", times: null } : { ...behaviour, times: times - 1 };
		return mode;
	}

	/** @param {FakeRequest} request @returns {Promise<FakeResult>} */
	async function lookup(request) {
		counts.lookup++;
		if (request.headers.get("x-api-key") !== apiKey || request.headers.get("app-id") !== appId) {
			return json(401, { status: false, detail: "Invalid API key or app id" });
		}
		const mode = take();
		if (mode === "invalid_key") return json(401, { status: false, detail: "Invalid API key" });
		/** @type {Record<string, unknown>} */
		const body = await request.json().then(
			(b) => (typeof b === "object" && b !== null ? { ...b } : {}),
			() => ({}),
		);
		const dob = typeof body.dob === "string" ? DOB.exec(body.dob) : null;
		if (mode === "bad_request" || !dob || typeof body.number !== "string" || typeof body.last_name !== "string") {
			return json(400, { status: false, detail: "number, last_name and dob (YYYY-MM-DD) are required" });
		}
		const reference = `prb_${crypto.randomUUID()}`;
		const date = /** @type {[number, number, number]} */ ([Number(dob[1]), Number(dob[2]), Number(dob[3])]);
		switch (mode) {
			case "hang":
				return { kind: "hang" };
			case "reset":
				return { kind: "reset" };
			case "500":
				return json(500, { status: false, detail: "Internal server error" });
			case "503":
				return json(
					503,
					{ status: false, detail: "Service unavailable" },
					{ "retry-after": String(behaviour.retryAfter) },
				);
			case "truncated": {
				const full = JSON.stringify({
					status: true,
					response_code: "00",
					data: record(body.number, body.last_name, date),
				});
				return { kind: "respond", response: new Response(full.slice(0, 60), { status: 200 }) };
			}
			case "not_found":
				// Prembly says "not found" with status: true.
				return json(200, {
					status: true,
					detail: "Record not found",
					response_code: "01",
					data: {},
					verification: { status: "NOT-VERIFIED", reference },
				});
			case "retry_later":
				return json(200, { status: false, detail: "Unable to complete request at the moment", response_code: "02" });
			case "insufficient_funds":
				return json(200, { status: false, detail: "Insufficient wallet balance", response_code: "03" });
			case "payment_required":
				return json(402, { status: false, detail: "Payment required" });
			case "slow":
				await sleep(behaviour.delayMs);
				break;
		}
		const [year, month, day] = date;
		const asked = /** @type {[number, number, number]} */ (mode === "dob_mismatch" ? [year - 1, month, day] : date);
		return json(200, {
			status: true,
			detail: "Intl. Passport Verification Successful",
			response_code: "00",
			data: record(body.number, body.last_name, asked),
			// Prembly's own verdict; the service compares the record itself and never reads this.
			verification: { status: mode === "dob_mismatch" ? "NOT-VERIFIED" : "VERIFIED", reference },
		});
	}

	/**
	 * Answers one request: `{kind:"respond", response}`, or `{kind:"reset"}` / `{kind:"hang"}` for transport faults.
	 * @param {FakeRequest} request
	 * @returns {Promise<FakeResult>}
	 */
	async function handle(request) {
		const { pathname } = new URL(request.url);
		if (pathname === "/__behaviour" && request.method === "GET") return json(200, snapshot());
		if (pathname === "/__behaviour" && request.method === "POST") {
			try {
				return json(200, configure(await request.json()));
			} catch (e) {
				return json(400, { error: e instanceof Error ? e.message : String(e) });
			}
		}
		if (request.method === "POST" && pathname.endsWith(PATH)) return lookup(request);
		return json(404, { status: false, detail: "Not found" });
	}

	return { handle, configure, snapshot };
}

/**
 * Serves a fake on 127.0.0.1 (FAKE_PREMBLY_PORT, default 8791) with node:http.
 * @param {NodeJS.ProcessEnv} [env]
 */
export async function serve(env = process.env) {
	const { createServer } = await import("node:http");
	const port = Number(env.FAKE_PREMBLY_PORT ?? 8791);
	const fake = createFakePrembly({ apiKey: env.FAKE_PREMBLY_API_KEY, appId: env.FAKE_PREMBLY_APP_ID });
	const server = createServer(async (req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const body = req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks);
		const headers = Object.entries(req.headers).flatMap(([name, value]) =>
			[value ?? []].flat().map((v) => /** @satisfies {[string, string]} */ ([name, v])),
		);
		const result = await fake.handle(
			new Request(`http://127.0.0.1:${port}${req.url}`, { method: req.method, headers, body }),
		);
		const outcome = result.kind === "respond" ? result.response.status : result.kind;
		console.log(`[fake-prembly] ${req.method} ${req.url} -> ${outcome} (mode ${fake.snapshot().mode})`);
		if (result.kind === "reset") return void req.socket.destroy();
		if (result.kind === "hang") return; // the socket stays open until the client gives up
		res.writeHead(result.response.status, Object.fromEntries(result.response.headers));
		res.end(Buffer.from(await result.response.arrayBuffer()));
	});
	server.listen(port, "127.0.0.1", () => {
		console.log(`fake Prembly on http://127.0.0.1:${port} — modes: ${MODES.join(", ")}`);
		console.log(`  switch: curl -X POST http://127.0.0.1:${port}/__behaviour -d '{"mode":"retry_later"}'`);
	});
	return server;
}

if (import.meta.main) await serve();
