// Retry, backoff and error mapping with a fake fetch and fake timers: exact delays, no network, no waiting.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
	backoffDelay,
	createClient,
	type FetchInit,
	KycApiError,
	type KycClient,
	KycConnectionError,
	parseRetryAfter,
	responseOf,
} from "../src/index.js";

type Step = Response | Error | "hang";

/** A fetch that answers each call with the next step, recording what it was sent. */
function fakeFetch(steps: Step[]) {
	const calls: { url: string; init: FetchInit }[] = [];
	const fetch = (url: string, init: FetchInit): Promise<Response> => {
		calls.push({ url, init });
		const step = steps.shift() ?? new Error("fake fetch: no more steps");
		if (step === "hang") {
			return new Promise((_resolve, reject) => {
				init.signal.addEventListener("abort", () => reject(init.signal.reason), { once: true });
			});
		}
		return step instanceof Error ? Promise.reject(step) : Promise.resolve(step);
	};
	return { fetch, calls };
}

const problem = (status: number, code: string, headers: Record<string, string> = {}) =>
	new Response(
		JSON.stringify({
			type: `https://kyc.example/errors/${code}`,
			title: code,
			status,
			code,
			detail: `${code}!`,
			request_id: "req_1",
		}),
		{
			status,
			headers: { "content-type": "application/problem+json", "request-id": "req_1", ...headers },
		},
	);
const ok = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
	new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

const VERIFICATION = { id: "ver_1", object: "verification", status: "submitted" };

function clientWith(
	steps: Step[],
	options: { maxRetries?: number; timeoutMs?: number; retryMaxDelayMs?: number } = {},
) {
	const fake = fakeFetch(steps);
	const kyc: KycClient = createClient({
		apiKey: "kyc_test_x",
		baseUrl: "https://kyc.example/",
		fetch: fake.fetch,
		...options,
	});
	return { kyc, calls: fake.calls };
}

/** Lets the client run until its next timer, then moves the clock by `ms`. */
const elapse = (ms: number) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
	vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
	vi.spyOn(Math, "random").mockReturnValue(0.5);
});
afterEach(() => {
	vi.useRealTimers();
	vi.restoreAllMocks();
});

describe("retries", () => {
	it("429 with Retry-After in seconds waits exactly that long, then succeeds", async () => {
		const { kyc, calls } = clientWith([problem(429, "rate_limited", { "retry-after": "3" }), ok(VERIFICATION)]);
		const pending = kyc.verifications.get("ver_1");
		await elapse(2_999);
		expect(calls).toHaveLength(1);
		await elapse(1);
		const v = await pending;
		expect(calls).toHaveLength(2);
		expect(v).toEqual(VERIFICATION);
		expect(responseOf(v)).toMatchObject({ status: 200, attempts: 2 });
		expect(calls[0]?.url).toBe("https://kyc.example/api/verifications/ver_1");
		expect(calls[0]?.init.headers.authorization).toBe("Bearer kyc_test_x");
	});

	it("429 with Retry-After as an HTTP date waits until then", async () => {
		vi.setSystemTime(new Date("2026-11-25T12:00:00Z"));
		const { kyc, calls } = clientWith([
			problem(429, "rate_limited", { "retry-after": "Wed, 25 Nov 2026 12:00:05 GMT" }),
			ok({ object: "list", data: [], has_more: false, next_cursor: null }),
		]);
		const pending = kyc.events.list();
		await elapse(4_999);
		expect(calls).toHaveLength(1);
		await elapse(1);
		await expect(pending).resolves.toMatchObject({ object: "list" });
	});

	it("429 is retried even for a POST that is not idempotent (the rate limit answers before the route runs)", async () => {
		const { kyc, calls } = clientWith([problem(429, "rate_limited", { "retry-after": "1" }), ok(VERIFICATION, 202)]);
		const pending = kyc.verifications.retry("ver_1");
		await elapse(1_000);
		await expect(pending).resolves.toEqual(VERIFICATION);
		expect(calls).toHaveLength(2);
	});

	it("503 then success: exponential backoff with jitter (500 ms base → 375 ms at random 0.5)", async () => {
		const { kyc, calls } = clientWith([
			problem(503, "service_unavailable"),
			problem(502, "internal_error"),
			ok(VERIFICATION),
		]);
		const pending = kyc.verifications.get("ver_1");
		await elapse(374);
		expect(calls).toHaveLength(1);
		await elapse(1);
		expect(calls).toHaveLength(2);
		await elapse(749); // second retry: step 1000 ms → 750 ms
		expect(calls).toHaveLength(2);
		await elapse(1);
		await expect(pending).resolves.toEqual(VERIFICATION);
		expect(calls).toHaveLength(3);
	});

	it("gives up after maxRetries and throws the last problem", async () => {
		const { kyc, calls } = clientWith(
			[problem(503, "service_unavailable"), problem(503, "service_unavailable"), problem(503, "service_unavailable")],
			{ maxRetries: 2 },
		);
		const pending = kyc.verifications.list().catch((e: unknown) => e);
		await elapse(10_000);
		const error = await pending;
		expect(error).toBeInstanceOf(KycApiError);
		expect(error).toMatchObject({
			status: 503,
			code: "service_unavailable",
			requestId: "req_1",
			detail: "service_unavailable!",
		});
		expect(calls).toHaveLength(3);
	});

	it("never retries 400, 404, 409 or 422", async () => {
		for (const [status, code] of [
			[400, "bad_request"],
			[404, "not_found"],
			[409, "invalid_state"],
			[422, "validation_failed"],
		] as const) {
			const { kyc, calls } = clientWith([problem(status, code), ok(VERIFICATION)]);
			const error = await kyc.verifications.get("ver_1").catch((e: unknown) => e);
			expect(error).toMatchObject({ status, code });
			expect(calls).toHaveLength(1);
		}
	});

	it("create retries 5xx and network errors with the same Idempotency-Key", async () => {
		const { kyc, calls } = clientWith([
			problem(500, "internal_error"),
			new TypeError("fetch failed"),
			ok(VERIFICATION, 202),
		]);
		const pending = kyc.verifications.create({
			passport_number: "A12345670",
			last_name: "Okafor",
			date_of_birth: "1990-04-15",
		});
		await elapse(10_000);
		await expect(pending).resolves.toEqual(VERIFICATION);
		expect(calls).toHaveLength(3);
		const keys = calls.map((c) => c.init.headers["idempotency-key"]);
		expect(new Set(keys).size).toBe(1);
		expect(keys[0]).toBeTruthy();
		expect(calls[0]?.init.body).toBe(
			'{"passport_number":"A12345670","last_name":"Okafor","date_of_birth":"1990-04-15"}',
		);
		expect(calls[0]?.init.headers["content-type"]).toBe("application/json");
	});

	it("a caller's Idempotency-Key is sent as given", async () => {
		const { kyc, calls } = clientWith([ok(VERIFICATION, 202)]);
		await kyc.verifications.create(
			{ passport_number: "A1", last_name: "B", date_of_birth: "1990-01-01" },
			{ idempotencyKey: "signup-1" },
		);
		expect(calls[0]?.init.headers["idempotency-key"]).toBe("signup-1");
	});

	it("a POST that is not idempotent is not retried after a 5xx or a network error", async () => {
		const a = clientWith([problem(503, "service_unavailable"), ok(VERIFICATION, 202)]);
		await expect(a.kyc.verifications.retry("ver_1")).rejects.toMatchObject({ status: 503 });
		expect(a.calls).toHaveLength(1);
		const b = clientWith([new TypeError("fetch failed"), ok({})]);
		const error = await b.kyc.test.advance("ver_1", 60).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(KycConnectionError);
		expect(error).toMatchObject({ timedOut: false, message: expect.stringContaining("fetch failed") });
		expect(b.calls).toHaveLength(1);
	});

	it("a Retry-After longer than retryMaxDelayMs is not waited for", async () => {
		const { kyc, calls } = clientWith([problem(429, "rate_limited", { "retry-after": "60" }), ok(VERIFICATION)], {
			retryMaxDelayMs: 10_000,
		});
		const error = await kyc.verifications.get("ver_1").catch((e: unknown) => e);
		expect(error).toMatchObject({ status: 429, code: "rate_limited", retryAfterSeconds: 60 });
		expect(calls).toHaveLength(1);
	});

	it("times out each attempt, retries idempotent calls, then throws a KycConnectionError", async () => {
		const { kyc, calls } = clientWith(["hang", "hang"], { timeoutMs: 1_000, maxRetries: 1 });
		const pending = kyc.verifications.get("ver_1").catch((e: unknown) => e);
		await elapse(1_000);
		expect(calls).toHaveLength(1);
		await elapse(375 + 1_000);
		const error = await pending;
		expect(calls).toHaveLength(2);
		expect(error).toBeInstanceOf(KycConnectionError);
		expect(error).toMatchObject({ timedOut: true });
	});

	it("the caller's AbortSignal ends the call at once, without retrying", async () => {
		const { kyc, calls } = clientWith(["hang", ok(VERIFICATION)]);
		const controller = new AbortController();
		const pending = kyc.verifications.get("ver_1", { signal: controller.signal }).catch((e: unknown) => e);
		await elapse(10);
		controller.abort(new Error("user cancelled"));
		expect(await pending).toMatchObject({ message: "user cancelled" });
		expect(calls).toHaveLength(1);
	});

	it("a non-problem error body (a proxy's HTML) still becomes a KycApiError", async () => {
		const html = new Response("<html>Bad gateway</html>", { status: 502, headers: { "content-type": "text/html" } });
		const { kyc } = clientWith([html], { maxRetries: 0 });
		const error = await kyc.verifications.get("ver_1").catch((e: unknown) => e);
		expect(error).toBeInstanceOf(KycApiError);
		expect(error).toMatchObject({
			status: 502,
			code: "internal_error",
			detail: "<html>Bad gateway</html>",
			requestId: null,
		});
	});

	it("list queries skip undefined values; ids are encoded", async () => {
		const { kyc, calls } = clientWith([ok({ object: "list", data: [], has_more: false, next_cursor: null })]);
		await kyc.webhookEndpoints.deliveries("we/1", { status: "failed", limit: 5, starting_after: undefined });
		expect(calls[0]?.url).toBe("https://kyc.example/api/webhook-endpoints/we%2F1/deliveries?status=failed&limit=5");
	});
});

describe("arguments", () => {
	it("an empty id rejects before any request (it would otherwise name the list route)", async () => {
		const { kyc, calls } = clientWith([ok(VERIFICATION)]);
		await expect(kyc.verifications.get("")).rejects.toBeInstanceOf(TypeError);
		expect(calls).toHaveLength(0);
	});

	it("iterators pass next_cursor as starting_after until has_more is false", async () => {
		const page = (ids: string[], next: string | null) =>
			ok({ object: "list", data: ids.map((id) => ({ id })), has_more: next !== null, next_cursor: next });
		const { kyc, calls } = clientWith([page(["ver_3", "ver_2"], "ver_2"), page(["ver_1"], null)]);
		const ids: string[] = [];
		for await (const v of kyc.verifications.iterate({ status: "verified", limit: 2 })) ids.push(v.id);
		expect(ids).toEqual(["ver_3", "ver_2", "ver_1"]);
		expect(calls.map((c) => c.url)).toEqual([
			"https://kyc.example/api/verifications?status=verified&limit=2",
			"https://kyc.example/api/verifications?status=verified&limit=2&starting_after=ver_2",
		]);
	});
});

describe("backoff and Retry-After parsing", () => {
	it("doubles per retry with equal jitter, capped", () => {
		expect(backoffDelay(0, 500, 8_000, () => 0)).toBe(250);
		expect(backoffDelay(0, 500, 8_000, () => 1)).toBe(500);
		expect(backoffDelay(3, 500, 8_000, () => 0.5)).toBe(3_000);
		expect(backoffDelay(10, 500, 8_000, () => 1)).toBe(8_000);
	});

	it("reads delta-seconds and HTTP dates; ignores garbage", () => {
		const now = Date.parse("2026-11-25T12:00:00Z");
		expect(parseRetryAfter("120", now)).toBe(120);
		expect(parseRetryAfter("Wed, 25 Nov 2026 12:00:30 GMT", now)).toBe(30);
		expect(parseRetryAfter("Wed, 25 Nov 2026 11:00:00 GMT", now)).toBe(0);
		expect(parseRetryAfter("soon", now)).toBeNull();
		expect(parseRetryAfter(null, now)).toBeNull();
	});
});
