import { createExecutionContext, runDurableObjectAlarm, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/http/app";
import { runUntil, stubOf } from "../helpers/alarms";
import { ADMIN_TOKEN, call, DEV_KEY, getView, json, newClient, passport, submit } from "../helpers/api";
import { verificationStorage } from "../helpers/inspect";
import { setStoredPii } from "../helpers/scenarios";

const refusing: RateLimit = { limit: async () => ({ success: false }) };

async function fetchWith(overrides: Partial<Env>, path: string, init: RequestInit = {}): Promise<Response> {
	const ctx = createExecutionContext();
	const res = await createApp().fetch(new Request(`https://kyc.test${path}`, init), { ...env, ...overrides }, ctx);
	await waitOnExecutionContext(ctx);
	return res;
}

describe("abuse limits", () => {
	afterEach(() => {
		vi.restoreAllMocks();
	});

	it("a rate-limited API key gets 429 with Retry-After and RateLimit fields for its mode's window", async () => {
		const res = await fetchWith({ API_RATE_LIMITER_TEST: refusing }, "/api/verifications/", {
			headers: { authorization: `Bearer ${DEV_KEY}` },
		});
		expect(res.status).toBe(429);
		expect(res.headers.get("content-type")).toBe("application/problem+json");
		expect(res.headers.get("retry-after")).toBe("10");
		expect(res.headers.get("ratelimit")).toBe('"test";r=0;t=10');
		expect(res.headers.get("ratelimit-policy")).toBe('"test";q=250;w=10');
		expect(await json(res)).toMatchObject({ code: "rate_limited" });
	});

	it("each mode has its own limit: a test-mode flood leaves the same client's live key alone", async () => {
		const client = await newClient("two modes");
		const issued = await call(`/admin/clients/${client.id}/keys/`, { key: ADMIN_TOKEN, body: { mode: "live" } });
		const live = (await json<{ key: string }>(issued)).key;
		const asLive = await fetchWith({ API_RATE_LIMITER_TEST: refusing }, "/api/verifications/", {
			headers: { authorization: `Bearer ${live}` },
		});
		expect(asLive.status).toBe(200);
		expect(asLive.headers.get("ratelimit-policy")).toBe('"live";q=1000;w=10');
		const refused = await fetchWith({ API_RATE_LIMITER_LIVE: refusing }, "/api/verifications/", {
			headers: { authorization: `Bearer ${live}` },
		});
		expect(refused.status).toBe(429);
		expect(refused.headers.get("ratelimit")).toBe('"live";r=0;t=10');
	});

	it("every authenticated answer states the key's policy, 304s and errors included; unauthenticated ones do not", async () => {
		const { key } = await newClient("policy");
		const list = await call("/api/verifications/", { key });
		expect(list.headers.get("ratelimit-policy")).toBe('"test";q=250;w=10');
		const tag = list.headers.get("etag") ?? "";
		const unchanged = await call("/api/verifications/", { key, headers: { "if-none-match": tag } });
		expect(unchanged.status).toBe(304);
		expect(unchanged.headers.get("ratelimit-policy")).toBe('"test";q=250;w=10');
		const missing = await call("/api/verifications/ver_01JD2X4R8B7Q0V3C5N6M9K1H2G/", { key });
		expect(missing.status).toBe(404);
		expect(missing.headers.get("ratelimit-policy")).toBe('"test";q=250;w=10');
		expect((await call("/api/verifications/", { key: null })).headers.get("ratelimit-policy")).toBeNull();
	});

	it("a client over its provider-call quota is deferred, visibly, without counting a provider failure", async () => {
		const v = await submit(passport(0));
		// The Durable Object holds the same binding object as the test, so the spy refuses its next provider call.
		const quota = vi.spyOn(env.PROVIDER_RATE_LIMITER, "limit").mockResolvedValue({ success: false });
		await runDurableObjectAlarm(stubOf(v.id));
		expect(quota).toHaveBeenCalledOnce();
		const deferred = await getView(v.id);
		expect(deferred).toMatchObject({
			status: "processing",
			attempts: 0,
			last_error: { code: "provider_quota_exceeded", retryable: true },
		});
		// The quota's minute plus up to half a minute of jitter; and no history row for it, in the object or in D1.
		const wait = new Date(deferred.next_attempt_at ?? 0).getTime() - Date.now();
		expect(wait).toBeGreaterThan(50_000);
		expect(wait).toBeLessThanOrEqual(90_000);
		const timeline = await json<{ data: { type: string }[] }>(await call(`/api/verifications/${v.id}/events/`));
		expect(timeline.data.map((e) => e.type)).toEqual(["verification.submitted", "verification.processing"]);
		quota.mockRestore();
		expect((await runUntil(v.id, ["verified"])).last_error).toBeNull();
	});
});

describe("CORS", () => {
	it("is off by default", async () => {
		const res = await call("/api/verifications/", { headers: { origin: "https://evil.example" } });
		expect(res.headers.get("access-control-allow-origin")).toBeNull();
	});

	it("allows only configured origins", async () => {
		const allowed = { CORS_ALLOWED_ORIGINS: "https://app.partner.example" };
		const preflight = await fetchWith(allowed, "/api/verifications/", {
			method: "OPTIONS",
			headers: { origin: "https://app.partner.example", "access-control-request-method": "POST" },
		});
		expect(preflight.status).toBe(204);
		expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.partner.example");
		const other = await fetchWith(allowed, "/api/verifications/", {
			headers: { origin: "https://evil.example", authorization: `Bearer ${DEV_KEY}` },
		});
		expect(other.headers.get("access-control-allow-origin")).toBeNull();
	});
});

describe("hostile input", () => {
	const post = (rawBody: BodyInit, headers: Record<string, string> = { "content-type": "application/json" }) =>
		call("/api/verifications/", { method: "POST", rawBody, headers });

	it("a deeply nested body is a 422, not a crash", async () => {
		const deep = `${"[".repeat(5_000)}${"]".repeat(5_000)}`;
		const res = await post(JSON.stringify({ ...passport(0), metadata: "x" }).replace('"x"', deep));
		expect([400, 413, 422]).toContain(res.status);
		expect(res.headers.get("content-type")).toBe("application/problem+json");
	});

	it("invalid UTF-8 is a clean 4xx", async () => {
		const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
		const res = await post(bytes);
		expect(res.status).toBeGreaterThanOrEqual(400);
		expect(res.status).toBeLessThan(500);
	});

	it("a lying Content-Length larger than the cap is a 413", async () => {
		const res = await post("{}", { "content-type": "application/json", "content-length": "999999999" });
		expect([400, 413]).toContain(res.status);
	});

	it("header injection attempts do not reach responses", async () => {
		const crlf = await call("/api/verifications/?reference=a%0d%0aSet-Cookie:%20x=1");
		expect(crlf.status).toBe(200);
		expect(crlf.headers.get("set-cookie")).toBeNull();
	});

	it("an authorization header with extra schemes or spaces is a 401", async () => {
		for (const value of [`Basic ${DEV_KEY}`, `Bearer  ${DEV_KEY}`, `Bearer ${DEV_KEY} extra`, `${DEV_KEY}`]) {
			const res = await call("/api/verifications/", { key: null, headers: { authorization: value } });
			expect(res.status, value).toBe(401);
		}
	});
});

describe("personal data at rest", () => {
	it("tampered ciphertext fails closed: the verification reports an error, never garbage", async () => {
		const v = await submit(passport(0));
		const { pii } = (await verificationStorage(v.id)).meta;
		if (pii === null) throw new Error("no personal data stored");
		const parts = pii.split(".");
		const ct = parts[3] ?? "";
		parts[3] = (ct[0] === "A" ? "B" : "A") + ct.slice(1);
		await setStoredPii(v.id, parts.join("."));
		const done = await runUntil(v.id, ["failed", "verified"]);
		expect(done.status).toBe("failed");
		expect(done.last_error).toMatchObject({ code: "personal_data_unreadable", retryable: false });
	});

	it("a ciphertext moved to another verification does not decrypt", async () => {
		const a = await submit(passport(0));
		const b = await submit(passport(0));
		const stolen = (await verificationStorage(a.id)).meta.pii;
		await setStoredPii(b.id, stolen);
		expect((await runUntil(b.id, ["failed", "verified"])).last_error?.code).toBe("personal_data_unreadable");
		await runUntil(a.id, ["verified"]);
	});
});
