#!/usr/bin/env node
// @ts-check
// A fake Interswitch (token endpoint + international passport lookup) for `npm run dev` and the tests.
// `npm run fake:interswitch` serves it on 127.0.0.1:8790; switch its behaviour at runtime with
//   curl -X POST http://127.0.0.1:8790/__behaviour -d '{"mode":"429","retryAfter":20}'
// See docs/interswitch.md. The core speaks web-standard Request/Response so the workerd tests (MSW) drive
// exactly this code; only `serve()` touches node:http.
//
// The types below are what test/interswitch/fake-interswitch.d.ts declares for the tests.

/**
 * @typedef {typeof MODES[number]} FakeMode
 *
 * @typedef {object} FakeBehaviour
 * @property {FakeMode} mode
 * @property {"lookup" | "token"} target where transport faults (429, 500, hang, reset, malformed, missing_fields) apply
 * @property {number | null} times answer this many requests with `mode`, then go back to success; null: until switched
 * @property {number} retryAfter
 * @property {number} tokenTtl
 * @property {string[]} fields
 *
 * @typedef {FakeBehaviour & { dateFormat: "dmy" | "iso", counts: { token: number, lookup: number }, liveTokens: number }} FakeSnapshot
 *
 * The parts of a fetch Request the fake reads (so MSW's and the Workers runtime's Request both fit).
 * @typedef {object} FakeRequest
 * @property {string} url
 * @property {string} method
 * @property {{ get(name: string): string | null }} headers
 * @property {() => Promise<unknown>} json
 * @property {() => Promise<{ get(name: string): unknown }>} formData
 *
 * @typedef {{ kind: "respond", response: Response }} Respond
 * @typedef {Respond | { kind: "reset" } | { kind: "hang" }} FakeResult
 *
 * @typedef {object} FakeInterswitch
 * @property {(request: FakeRequest) => Promise<FakeResult>} handle
 * @property {(patch: unknown) => FakeSnapshot} configure
 * @property {() => FakeSnapshot} snapshot
 */

export const MODES = /** @type {const} */ ([
	"success",
	"mismatch",
	"not_found",
	"incomplete",
	"expired_token",
	"invalid_credentials",
	"product_not_enabled",
	"429",
	"500",
	"hang",
	"reset",
	"malformed",
	"missing_fields",
]);
// Faults that can hit the token endpoint instead of the lookup (`"target":"token"`).
/** @type {ReadonlySet<FakeMode>} */
const TRANSPORT = new Set(["429", "500", "hang", "reset", "malformed", "missing_fields"]);
const PHOTO = "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwc";
const DATE = { dmy: /^(\d{2})\/(\d{2})\/(\d{4})$/, iso: /^(\d{4})-(\d{2})-(\d{2})$/ };

/** @type {(status: number, body: unknown, headers?: Record<string, string>) => Respond} */
const json = (status, body, headers = {}) => ({
	kind: "respond",
	response: new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } }),
});
/** @type {(status: number, message: string, headers?: Record<string, string>) => Respond} */
const envelope = (status, message, headers) =>
	json(status, { responseCode: "ERROR", message, logId: crypto.randomUUID(), errors: [] }, headers);
/** @type {() => FakeBehaviour} */
const defaults = () => ({
	mode: "success",
	target: "lookup",
	times: null,
	retryAfter: 30,
	tokenTtl: 3600,
	fields: ["date_of_birth"],
});
/** @type {(v: unknown) => v is number} */
const count = (v) => typeof v === "number" && Number.isInteger(v) && v >= 0;
/** @type {(v: unknown) => v is FakeMode} */
const isMode = (v) => /** @type {readonly unknown[]} */ (MODES).includes(v);
/** @type {Record<string, (v: unknown) => boolean>} */
const VALID = {
	mode: isMode,
	target: (v) => v === "lookup" || v === "token",
	times: (v) => v === null || (count(v) && v > 0),
	retryAfter: count,
	tokenTtl: count,
	fields: (v) => Array.isArray(v) && v.every((f) => typeof f === "string"),
};
/** @type {(s: string) => string} */
const plain = (s) => s.normalize("NFKD").replace(/\p{M}/gu, "").toUpperCase();
/**
 * A parsed JSON body's properties, to read with `typeof` checks: `{}` for anything but an object.
 * @param {unknown} body
 * @returns {Record<string, unknown>}
 */
const props = (body) => (typeof body === "object" && body !== null ? { ...body } : {});

/**
 * Throws unless `patch` is a behaviour change the fake knows ({mode, target, times, retryAfter, tokenTtl, fields}).
 * @param {unknown} patch
 * @returns {asserts patch is Partial<FakeBehaviour>}
 */
function checkPatch(patch) {
	if (typeof patch !== "object" || patch === null || Array.isArray(patch)) throw new Error("send a JSON object");
	if ("mode" in patch && patch.mode !== undefined && !isMode(patch.mode))
		throw new Error(`mode must be one of ${MODES.join(", ")}`);
	for (const [key, value] of Object.entries(patch)) {
		if (!(key in VALID) || !VALID[key]?.(value)) throw new Error(`invalid ${key} (see docs/interswitch.md)`);
	}
}

/**
 * One fake Interswitch with its own tokens, counters and behaviour.
 * @param {{ clientId?: string, clientSecret?: string, dateFormat?: "dmy" | "iso", now?: () => number }} [options]
 * @returns {FakeInterswitch}
 */
export function createFakeInterswitch({
	clientId = "fake-client-id",
	clientSecret = "fake-client-secret",
	dateFormat = "dmy",
	now = Date.now,
} = {}) {
	let behaviour = defaults();
	const counts = { token: 0, lookup: 0 };
	/** @type {Map<string, number>} */
	const tokens = new Map(); // access_token -> expiry (ms)

	/** @type {() => FakeSnapshot} */
	const snapshot = () => ({ ...behaviour, dateFormat, counts: { ...counts }, liveTokens: tokens.size });

	/**
	 * Applies `patch` ({mode, target, times, retryAfter, tokenTtl, fields}); throws on anything it does not know.
	 * @param {unknown} patch
	 * @returns {FakeSnapshot}
	 */
	function configure(patch) {
		checkPatch(patch);
		behaviour = { ...behaviour, target: "lookup", times: null, ...patch };
		// Revoking every issued token is what makes the next lookup with a cached token answer 401.
		if (patch.mode === "expired_token" || patch.mode === "invalid_credentials") tokens.clear();
		return snapshot();
	}

	/**
	 * The mode that applies to this request at `target`, consuming one of `times`; afterwards back to success.
	 * @param {"lookup" | "token"} target
	 * @returns {FakeMode}
	 */
	function take(target) {
		const { mode, times } = behaviour;
		const applies = TRANSPORT.has(mode) ? behaviour.target === target : target === "lookup";
		if (!applies || mode === "success" || mode === "expired_token") return "success";
		if (times !== null)
			behaviour = times <= 1 ? { ...behaviour, mode: "success", times: null } : { ...behaviour, times: times - 1 };
		return mode;
	}

	/**
	 * @param {FakeMode} mode
	 * @param {unknown} body
	 * @returns {FakeResult}
	 */
	function transport(mode, body) {
		if (mode === "hang") return { kind: "hang" };
		if (mode === "reset") return { kind: "reset" };
		if (mode === "429") return envelope(429, "Too many requests", { "retry-after": String(behaviour.retryAfter) });
		if (mode === "500") return envelope(500, "Internal server error");
		if (mode === "malformed")
			return { kind: "respond", response: new Response(JSON.stringify(body).slice(0, 40), { status: 200 }) };
		return json(200, {
			success: true,
			code: "200",
			message: "request processed successfully",
			data: { document_type: "P" },
		});
	}

	/** @param {FakeRequest} request */
	async function token(request) {
		counts.token++;
		const [id, secret] = atob((request.headers.get("authorization") ?? "").replace(/^Basic /, "")).split(":");
		if (behaviour.mode === "invalid_credentials" || id !== clientId || secret !== clientSecret) {
			return json(401, { error: "invalid_client", error_description: "Bad client credentials" });
		}
		const form = await request.formData().catch(() => new FormData());
		if (form.get("grant_type") !== "client_credentials") return json(400, { error: "unsupported_grant_type" });
		const issued = {
			access_token: `fake_${crypto.randomUUID()}`,
			token_type: "bearer",
			expires_in: behaviour.tokenTtl,
			scope: "profile",
		};
		const mode = take("token");
		if (mode !== "success") return transport(mode, issued);
		tokens.set(issued.access_token, now() + behaviour.tokenTtl * 1000);
		return json(200, { ...issued, jti: crypto.randomUUID() });
	}

	/** @param {FakeRequest} request */
	async function lookup(request) {
		counts.lookup++;
		const bearer = (request.headers.get("authorization") ?? "").replace(/^Bearer /, "");
		if (!((tokens.get(bearer) ?? 0) > now())) return envelope(401, "Invalid or expired token");
		const body = props(await request.json().catch(() => null));
		const dob = typeof body.date_of_birth === "string" ? DATE[dateFormat].exec(body.date_of_birth) : null;
		if (!dob || typeof body.passport_number !== "string" || typeof body.last_name !== "string") {
			const format = dateFormat === "dmy" ? "DD/MM/YYYY" : "YYYY-MM-DD";
			return envelope(400, `passport_number, last_name and date_of_birth (${format}) are required`);
		}
		const [year, month, day] = dateFormat === "dmy" ? [dob[3], dob[2], dob[1]] : [dob[1], dob[2], dob[3]];
		const reference = `isw_${crypto.randomUUID()}`;
		const data = {
			passport_number: body.passport_number.toUpperCase(),
			first_name: "ADAEZE",
			middle_name: "NGOZI",
			last_name: plain(body.last_name),
			dob: `${year}-${month}-${day}`,
			gender: "F",
			issued_date: "2019-06-01",
			expiry_date: "2029-05-31",
			document_type: "P",
			photo: PHOTO,
			reference,
		};
		/** @type {(record: Record<string, string | null>) => Respond} */
		const ok = (record) =>
			json(200, {
				success: true,
				code: "200",
				message: "request processed successfully",
				data: record,
				logId: reference,
			});
		const mode = take("lookup");
		/** @type {Record<string, string | null>} */
		const wrong = { ...data };
		for (const field of mode === "mismatch" ? behaviour.fields : []) {
			if (field === "date_of_birth") wrong.dob = `${Number(year) - 1}-${month}-${day}`;
			else if (field === "first_name") wrong.first_name = "ZAINAB";
			else if (field in wrong) wrong[field] = `${wrong[field]}X`;
		}
		if (mode === "success" || mode === "mismatch") return ok(wrong);
		if (mode === "incomplete") return ok({ ...data, dob: null });
		if (mode === "not_found") return envelope(404, "No record found for the supplied details");
		if (mode === "product_not_enabled") return envelope(403, "Client is not permitted to access this resource");
		return transport(mode, { success: true, data });
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
		if (request.method === "POST" && pathname.endsWith("/oauth/token")) return token(request);
		if (request.method === "POST" && pathname.endsWith("/verify/identity/intl-passport-lookup")) return lookup(request);
		return envelope(404, "No such route");
	}

	return { handle, configure, snapshot };
}

/**
 * Serves a fake on 127.0.0.1 (FAKE_INTERSWITCH_PORT, default 8790) with node:http.
 * @param {NodeJS.ProcessEnv} [env]
 */
export async function serve(env = process.env) {
	const port = Number(env.FAKE_INTERSWITCH_PORT ?? 8790);
	const fake = createFakeInterswitch({
		clientId: env.FAKE_INTERSWITCH_CLIENT_ID,
		clientSecret: env.FAKE_INTERSWITCH_CLIENT_SECRET,
		dateFormat: env.FAKE_INTERSWITCH_DATE_FORMAT === "iso" ? "iso" : "dmy",
	});
	// Imported here, not at the top: the tests load this module inside workerd, which has no node:http.
	const { FakeServer } = await import("./lib/fake-server.mjs");
	const server = new FakeServer(fake, { name: "fake-interswitch", port, log: true });
	await server.start();
	console.log(`fake Interswitch on http://127.0.0.1:${port} — modes: ${MODES.join(", ")}`);
	console.log(`  switch: curl -X POST http://127.0.0.1:${port}/__behaviour -d '{"mode":"500"}'`);
	return server;
}

if (import.meta.main) await serve();
