import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config";
import { type Breaker } from "../../src/providers/breaker/client";
import { type CallReport } from "../../src/providers/breaker/durable-object";
import { type Admission } from "../../src/providers/breaker/policy";
import { MAX_RESPONSE_BYTES } from "../../src/providers/http";
import { premblyProvider } from "../../src/providers/prembly";
import { classify } from "../../src/verification/failover-policy";
import { type ProviderRequest } from "../../src/verification/provider";

type Reply = Response | Error;
const found = (dob = "15/04/1990") =>
	Response.json({
		status: true,
		detail: "Intl. Passport Verification Successful",
		response_code: "00",
		data: {
			currentPassportNumber: "A12345670",
			currentFirstName: "Ada",
			currentLastName: "OKAFOR",
			currentDateOfBirth: 640134000000,
			currentDateOfBirthLabel: dob,
		},
		verification: { status: "VERIFIED", reference: "prb-1" },
	});
const code = (responseCode: string, status = 200, headers: Record<string, string> = {}) =>
	Response.json({ status: responseCode === "01", detail: "x", response_code: responseCode }, { status, headers });
const plain = (status: number, headers: Record<string, string> = {}) =>
	Response.json({ status: false, detail: "x" }, { status, headers });

/** The adapter with a scripted network and a breaker that records what it is told. */
function setup(replies: Reply[], options: { admission?: Admission; vars?: Record<string, string> } = {}) {
	const calls: { url: string; init: RequestInit }[] = [];
	const reports: CallReport[] = [];
	const breaker: Breaker = {
		admit: async () => options.admission ?? { allowed: true, probe: false, report: true },
		record: async (report) => {
			reports.push(report);
		},
	};
	const config = loadConfig({ ...env, PREMBLY_BASE_URL: "https://prembly.test/", ...options.vars });
	const provider = premblyProvider(config, {
		breaker,
		now: () => 1_000_000,
		fetch: async (url, init) => {
			calls.push({ url, init });
			const reply = replies.shift();
			if (!reply) throw new Error(`unexpected call to ${url}`);
			if (reply instanceof Error) throw reply;
			return reply;
		},
	});
	const request: ProviderRequest = {
		verificationId: "ver_test",
		data: { passport_number: "A12345670", last_name: "Okafor", date_of_birth: "1990-04-15", first_name: "Ada" },
		round: 1,
		attempt: 1,
		pendingReference: null,
		memo: {},
	};
	const lookupOnce = (signal = new AbortController().signal) => provider.lookup(request, signal);
	return { calls, reports, lookupOnce };
}

describe("prembly adapter", () => {
	it("speaks the wire format: one JSON POST with x-api-key and app-id", async () => {
		const t = setup([found()]);
		expect(await t.lookupOnce()).toMatchObject({
			kind: "verified",
			reference: "prb-1",
			memo: { prembly_reference: "prb-1" },
			result: { passport_number: "match", last_name: "match", date_of_birth: "match", first_name: "match" },
		});
		const [lookup] = t.calls;
		expect(lookup?.url).toBe("https://prembly.test/verification/national_passport_v2");
		const headers = new Headers(lookup?.init.headers);
		const { apiKey, appId } = loadConfig(env).prembly;
		expect(headers.get("x-api-key")).toBe(apiKey);
		expect(headers.get("app-id")).toBe(appId);
		expect(headers.get("content-type")).toBe("application/json");
		expect(lookup?.init.method).toBe("POST");
		expect(JSON.parse(String(lookup?.init.body))).toEqual({
			number: "A12345670",
			last_name: "Okafor",
			dob: "1990-04-15",
		});
		expect(t.reports).toEqual([{ breaker: "success", answer: "decided", code: null }]);
	});

	// [reply, outcome subset, what the breaker counts]
	it.each<[string, Reply, Record<string, unknown>, CallReport["breaker"]]>([
		[
			"00, date of birth a year off → mismatch",
			found("15/04/1989"),
			{ kind: "mismatch", code: "date_of_birth_mismatch" },
			"success",
		],
		[
			"00 without any date of birth → never verified on doubt",
			found(""),
			{ kind: "rejected", code: "registry_record_incomplete", retryable: false },
			"success",
		],
		["01 (status: true) → not found", code("01"), { kind: "not_found", code: "passport_not_found" }, "success"],
		[
			"02 → retry later (could not answer)",
			code("02"),
			{ kind: "unavailable", code: "provider_retry_later" },
			"failure",
		],
		[
			"03 → wallet empty (operator)",
			code("03"),
			{ kind: "rejected", code: "provider_wallet_empty", operator: true },
			null,
		],
		[
			"402 → wallet empty (operator)",
			plain(402),
			{ kind: "rejected", code: "provider_wallet_empty", operator: true },
			null,
		],
		["402 carrying 03 → wallet empty", code("03", 402), { kind: "rejected", code: "provider_wallet_empty" }, null],
		[
			"401 → credentials rejected (operator)",
			plain(401),
			{ kind: "rejected", code: "provider_credentials_invalid", operator: true },
			null,
		],
		[
			"403 → credentials rejected (operator)",
			plain(403),
			{ kind: "rejected", code: "provider_credentials_invalid" },
			null,
		],
		[
			"400 → request rejected (operator)",
			plain(400),
			{ kind: "rejected", code: "provider_request_rejected", operator: true },
			null,
		],
		["404 carrying 01 → not found", code("01", 404), { kind: "not_found" }, "success"],
		["500 → provider error", plain(500), { kind: "unavailable", code: "provider_error" }, "failure"],
		[
			"503 + Retry-After → provider error with the wait",
			plain(503, { "retry-after": "45" }),
			{ kind: "unavailable", code: "provider_error", retryAfterMs: 45_000 },
			"failure",
		],
		["429 → rate limited", plain(429), { kind: "unavailable", code: "provider_rate_limited" }, "failure"],
		[
			"200 with truncated JSON → bad response",
			new Response('{"status":true,"response_code":"00","da'),
			{ kind: "unavailable", code: "provider_bad_response" },
			"failure",
		],
		[
			"200 with HTML → bad response",
			new Response("<html>"),
			{ kind: "unavailable", code: "provider_bad_response" },
			"failure",
		],
		[
			"200 with an unknown code → bad response",
			code("77"),
			{ kind: "unavailable", code: "provider_bad_response" },
			"failure",
		],
		[
			"connection reset → connection failed",
			new TypeError("Network connection lost"),
			{ kind: "unavailable", code: "provider_connection_failed" },
			"failure",
		],
	])("%s", async (_name, reply, expected, counted) => {
		vi.spyOn(console, "error").mockImplementation(() => {});
		vi.spyOn(console, "warn").mockImplementation(() => {});
		const t = setup([reply]);
		const outcome = await t.lookupOnce();
		expect(outcome).toMatchObject(expected);
		expect(t.reports).toEqual([
			{ breaker: counted, answer: classify(outcome), code: "code" in outcome ? outcome.code : null },
		]);
	});

	it("a body larger than MAX_RESPONSE_BYTES is a bad response, not read into memory", async () => {
		const big = new Response("x".repeat(MAX_RESPONSE_BYTES + 1), {
			headers: { "content-length": String(MAX_RESPONSE_BYTES + 1) },
		});
		vi.spyOn(console, "warn").mockImplementation(() => {});
		expect(await setup([big]).lookupOnce()).toMatchObject({ kind: "unavailable", code: "provider_bad_response" });
	});

	it("an aborted call (the chain's per-call timeout) is a timeout", async () => {
		vi.spyOn(console, "warn").mockImplementation(() => {});
		const controller = new AbortController();
		controller.abort();
		const t = setup([new DOMException("aborted", "AbortError") as unknown as Error]);
		expect(await t.lookupOnce(controller.signal)).toMatchObject({ kind: "unavailable", code: "provider_timeout" });
	});

	it("while the breaker refuses, makes no call and answers provider_unavailable with the wait", async () => {
		vi.spyOn(console, "warn").mockImplementation(() => {});
		const t = setup([], { admission: { allowed: false, retryAfterMs: 7_000 } });
		expect(await t.lookupOnce()).toEqual({
			kind: "unavailable",
			code: "provider_unavailable",
			message: expect.any(String),
			retryAfterMs: 7_000,
		});
		expect(t.calls).toEqual([]);
		expect(t.reports).toEqual([]);
	});

	it("without an API key or app id calls nothing and reports an operator problem", async () => {
		const errors = vi.spyOn(console, "error").mockImplementation(() => {});
		const t = setup([], { vars: { PREMBLY_APP_ID: "" } });
		expect(await t.lookupOnce()).toMatchObject({ kind: "rejected", code: "provider_not_configured", operator: true });
		expect(t.calls).toEqual([]);
		expect(t.reports).toEqual([{ breaker: null, answer: "operator", code: "provider_not_configured" }]);
		expect(String(errors.mock.calls[0]?.[0])).toContain("prembly.operator_action_required");
	});

	it("logs ids and codes only: never the request, the record or Prembly's free-text detail", async () => {
		const lines: string[] = [];
		for (const level of ["log", "warn", "error"] as const)
			vi.spyOn(console, level).mockImplementation((line: unknown) => lines.push(String(line)));
		const t = setup([found("15/04/1989"), code("03"), plain(500)]);
		for (let i = 0; i < 3; i++) await t.lookupOnce();
		const text = lines.join("\n");
		expect(text).toContain("prembly.operator_action_required");
		expect(text).not.toMatch(/A12345670|Okafor|OKAFOR|1990|1989|Ada\b|"detail"/);
	});
});
