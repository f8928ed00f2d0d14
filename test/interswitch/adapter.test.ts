import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { type Breaker } from "../../src/providers/breaker/client";
import { type CallReport } from "../../src/providers/breaker/durable-object";
import { type Admission } from "../../src/providers/breaker/policy";
import { interswitchProvider } from "../../src/providers/interswitch";
import { resetTokenCaches } from "../../src/providers/interswitch/token-cache";
import { classify } from "../../src/verification/failover-policy";
import { type ProviderRequest } from "../../src/verification/provider";

type Reply = Response | Error;
const TOKEN = () => Response.json({ access_token: "tok", token_type: "bearer", expires_in: 3600 });
const RECORD = () =>
	Response.json({ data: { passport_number: "A12345670", last_name: "OKAFOR", dob: "15/04/1990" }, logId: "l-1" });
const envelope = (status: number, headers: Record<string, string> = {}) =>
	Response.json({ responseCode: "ERROR", message: "x", logId: "log-9" }, { status, headers });

/** The adapter with a scripted network (one reply per call, per endpoint) and a breaker that records what it is told. */
function setup(token: Reply[], lookup: Reply[], options: { admission?: Admission; vars?: Partial<Env> } = {}) {
	const calls: { url: string; init: RequestInit }[] = [];
	const reports: CallReport[] = [];
	const breaker: Breaker = {
		admit: async () => options.admission ?? { allowed: true, probe: false, report: true },
		record: async (report) => {
			reports.push(report);
		},
	};
	/** What the breaker counted: true for a success, false for a failure. */
	const reported = () => reports.flatMap((r) => (r.breaker === null ? [] : [r.breaker === "success"]));
	const config = loadConfig({ ...env, INTERSWITCH_BASE_URL: "https://isw.test/api/v1/", ...options.vars });
	const provider = interswitchProvider(config, {
		breaker,
		fetch: async (url, init) => {
			calls.push({ url, init });
			const reply = (url.endsWith("/oauth/token") ? token : lookup).shift();
			if (!reply) throw new Error(`unexpected call to ${url}`);
			if (reply instanceof Error) throw reply;
			return reply;
		},
	});
	const request: ProviderRequest = {
		verificationId: "ver_test",
		data: { passport_number: "A12345670", last_name: "Okafor", date_of_birth: "1990-04-15" },
		round: 1,
		attempt: 1,
		pendingReference: null,
		memo: {},
	};
	const lookupOnce = () => provider.lookup(request, new AbortController().signal);
	return { calls, reported, reports, lookupOnce };
}

beforeEach(() => resetTokenCaches());

describe("interswitch adapter", () => {
	it("speaks the wire format: Basic client credentials, then a Bearer JSON lookup", async () => {
		const t = setup([TOKEN()], [RECORD()]);
		expect(await t.lookupOnce()).toMatchObject({
			kind: "verified",
			reference: "l-1",
			memo: { interswitch_reference: "l-1" },
		});
		const [tokenCall, lookupCall] = t.calls;
		expect(tokenCall?.url).toBe(env.INTERSWITCH_AUTH_URL);
		expect(new Headers(tokenCall?.init.headers).get("authorization")).toBe(
			`Basic ${btoa("fake-client-id:fake-client-secret")}`,
		);
		expect(new Headers(tokenCall?.init.headers).get("content-type")).toBe("application/x-www-form-urlencoded");
		expect(tokenCall?.init.body).toBe("grant_type=client_credentials&scope=profile");
		expect(lookupCall?.url).toBe("https://isw.test/api/v1/verify/identity/intl-passport-lookup");
		expect(new Headers(lookupCall?.init.headers).get("authorization")).toBe("Bearer tok");
		expect(JSON.parse(String(lookupCall?.init.body))).toEqual({
			passport_number: "A12345670",
			last_name: "Okafor",
			date_of_birth: "15/04/1990",
		});
		expect(t.reported()).toEqual([true]);
		expect(t.reports).toEqual([{ breaker: "success", answer: "decided", code: null }]);
	});

	it.each<[string, Reply[], Reply[], Record<string, unknown>, boolean[]]>([
		["401, refresh, 200 → verified", [TOKEN(), TOKEN()], [envelope(401), RECORD()], { kind: "verified" }, [true]],
		[
			"401 twice → credentials rejected (one refresh, one retry only)",
			[TOKEN(), TOKEN()],
			[envelope(401), envelope(401)],
			{ kind: "rejected", code: "provider_credentials_invalid", retryable: true },
			[],
		],
		[
			"token 401 → credentials rejected",
			[envelope(401)],
			[],
			{ kind: "rejected", code: "provider_credentials_invalid" },
			[],
		],
		[
			"token 400 invalid_client → credentials rejected",
			[envelope(400)],
			[],
			{ code: "provider_credentials_invalid" },
			[],
		],
		["token 500 → unavailable", [envelope(500)], [], { kind: "unavailable", code: "provider_error" }, [false]],
		[
			"token without access_token",
			[Response.json({})],
			[],
			{ kind: "unavailable", code: "provider_bad_response" },
			[false],
		],
		[
			"token connection reset",
			[new TypeError("Network connection lost")],
			[],
			{ code: "provider_connection_failed" },
			[false],
		],
		[
			"lookup 403 → product not enabled",
			[TOKEN()],
			[envelope(403)],
			{ kind: "rejected", code: "provider_product_not_enabled" },
			[],
		],
		[
			"lookup 400 → request rejected",
			[TOKEN()],
			[envelope(400)],
			{ kind: "rejected", code: "provider_request_rejected" },
			[],
		],
		["lookup 404 → not found", [TOKEN()], [envelope(404)], { kind: "not_found", code: "passport_not_found" }, [true]],
		[
			"lookup 503 + Retry-After",
			[TOKEN()],
			[envelope(503, { "retry-after": "45" })],
			{ kind: "unavailable", code: "provider_error", retryAfterMs: 45_000 },
			[false],
		],
		[
			"lookup 429 without Retry-After",
			[TOKEN()],
			[envelope(429)],
			{ kind: "unavailable", code: "provider_rate_limited" },
			[false],
		],
		["lookup 418 → unavailable", [TOKEN()], [envelope(418)], { kind: "unavailable", code: "provider_error" }, [false]],
		["lookup 302 → unavailable", [TOKEN()], [new Response(null, { status: 302 })], { kind: "unavailable" }, [false]],
		[
			"lookup 200 with HTML",
			[TOKEN()],
			[new Response("<html>")],
			{ kind: "unavailable", code: "provider_bad_response" },
			[false],
		],
	])("%s", async (_name, token, lookup, expected, reported) => {
		const t = setup(token, lookup);
		const outcome = await t.lookupOnce();
		expect(outcome).toMatchObject(expected);
		expect(t.reported()).toEqual(reported);
		// Every call is counted once in the provider's status, with its class and (when it did not answer) its code.
		expect(t.reports).toEqual([
			{
				breaker: reported[0] === undefined ? null : reported[0] ? "success" : "failure",
				answer: classify(outcome),
				code: "code" in outcome ? outcome.code : null,
			},
		]);
	});

	it("while the breaker refuses, makes no call and answers provider_unavailable with the wait", async () => {
		const t = setup([], [], { admission: { allowed: false, retryAfterMs: 12_345 } });
		expect(await t.lookupOnce()).toEqual({
			kind: "unavailable",
			code: "provider_unavailable",
			message: expect.any(String),
			retryAfterMs: 12_345,
		});
		expect(t.calls).toEqual([]);
	});

	it("reports a success only when the breaker asked for it", async () => {
		const t = setup([TOKEN()], [RECORD()], { admission: { allowed: true, probe: false, report: false } });
		expect((await t.lookupOnce()).kind).toBe("verified");
		expect(t.reported()).toEqual([]);
		// The status still counts it.
		expect(t.reports).toEqual([{ breaker: null, answer: "decided", code: null }]);
	});

	it("without credentials fails retryably for the operator and calls nothing", async () => {
		const t = setup([], [], { vars: { INTERSWITCH_CLIENT_SECRET: "" } });
		expect(await t.lookupOnce()).toMatchObject({
			kind: "rejected",
			code: "provider_not_configured",
			retryable: true,
			operator: true,
		});
		expect(t.calls).toEqual([]);
		// An operator problem: the status shows it (down, with this reason); the breaker does not count it.
		expect(t.reports).toEqual([{ breaker: null, answer: "operator", code: "provider_not_configured" }]);
	});

	it("sends ISO dates when INTERSWITCH_DATE_FORMAT=iso", async () => {
		const t = setup([TOKEN()], [RECORD()], { vars: { INTERSWITCH_DATE_FORMAT: "iso" } });
		await t.lookupOnce();
		expect(JSON.parse(String(t.calls[1]?.init.body)).date_of_birth).toBe("1990-04-15");
	});
});
