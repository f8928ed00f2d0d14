import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { KEY_CACHE_TTL_MS, UNKNOWN_KEY_CACHE_TTL_MS } from "../../src/auth/api-keys";
import { AUTH_FAILURE_POLICY } from "../../src/http/middleware/limits";
import { call, json, newClient } from "../helpers/api";

afterEach(() => {
	vi.useRealTimers();
	vi.restoreAllMocks();
});

/** Every way a request reaches D1: the primary binding, or a session opened on it. */
function spyOnD1() {
	return { prepare: vi.spyOn(env.DB, "prepare"), sessions: vi.spyOn(env.DB, "withSession") };
}

// No D1 and no Durable Object behind it: what this route costs is the key check alone.
const NOWHERE = "/api/verifications/not-a-verification-id/";

describe("a bogus bearer token costs no database query", () => {
	it.each([
		["too short", "kyc_test_abc"],
		["wrong prefix", `sk_live_${"a".repeat(37)}`],
		["upper case", `kyc_test_${"A".repeat(37)}`],
		["one character too long", `kyc_test_${"a".repeat(38)}`],
		["random junk", "x".repeat(100)],
	])("%s → 401 without touching D1", async (_name, token) => {
		const prepare = vi.spyOn(env.DB, "prepare");
		const res = await call("/api/verifications/", { key: token });
		expect(res.status).toBe(401);
		expect(prepare).not.toHaveBeenCalled();
	});

	it("a well-formed key is still looked up (and a real one works)", async () => {
		const client = await newClient("cost");
		const prepare = vi.spyOn(env.DB, "prepare");
		expect((await call("/api/verifications/", { key: `kyc_test_${"a".repeat(37)}` })).status).toBe(401);
		expect(prepare).toHaveBeenCalled();
		expect((await call("/api/verifications/", { key: client.key })).status).toBe(200);
	});
});

describe("the key check is cached per isolate", () => {
	it("a repeated valid key costs no D1 query within the TTL, and one look-up after it", async () => {
		vi.useFakeTimers({ toFake: ["Date"] });
		const client = await newClient("cached");
		expect((await call(NOWHERE, { key: client.key })).status).toBe(404);
		const d1 = spyOnD1();
		vi.setSystemTime(Date.now() + KEY_CACHE_TTL_MS - 1);
		for (let i = 0; i < 5; i++) expect((await call(NOWHERE, { key: client.key })).status).toBe(404);
		expect(d1.prepare).not.toHaveBeenCalled();
		expect(d1.sessions).not.toHaveBeenCalled();
		vi.setSystemTime(Date.now() + 1);
		expect((await call(NOWHERE, { key: client.key })).status).toBe(404);
		expect(d1.prepare).toHaveBeenCalledOnce();
	});

	it("a well-formed unknown key is refused from the cache for a short while, then looked up again", async () => {
		vi.useFakeTimers({ toFake: ["Date"] });
		const unknown = `kyc_live_${"c".repeat(37)}`;
		const d1 = spyOnD1();
		expect((await call(NOWHERE, { key: unknown })).status).toBe(401);
		expect(d1.prepare).toHaveBeenCalledOnce();
		vi.setSystemTime(Date.now() + UNKNOWN_KEY_CACHE_TTL_MS - 1);
		expect((await call(NOWHERE, { key: unknown })).status).toBe(401);
		expect(d1.prepare).toHaveBeenCalledOnce();
		vi.setSystemTime(Date.now() + 1);
		expect((await call(NOWHERE, { key: unknown })).status).toBe(401);
		expect(d1.prepare).toHaveBeenCalledTimes(2);
		expect(d1.sessions).not.toHaveBeenCalled();
	});
});

/** A rate-limiting binding that allows `limit` calls per key, and counts every call. */
function countingLimiter(limit: number) {
	const counts = new Map<string, number>();
	let calls = 0;
	const binding: RateLimit = {
		limit: async ({ key }) => {
			calls++;
			const n = (counts.get(key) ?? 0) + 1;
			counts.set(key, n);
			return { success: n <= limit };
		},
	};
	return { binding, calls: () => calls };
}

let addresses = 0;
/** A client address no other test uses (documentation ranges, RFC 5737). */
const newAddress = () => `203.0.113.${addresses++ % 250}`;
const unknownKey = () => `kyc_live_${crypto.randomUUID().replaceAll("-", "").padEnd(37, "0").slice(0, 37)}`;

describe("failed authentications are limited per client address before D1 is read", () => {
	it("distinct unknown keys from one address reach D1 at most the limit (+1) times, then get 429 at no cost", async () => {
		const limiter = countingLimiter(AUTH_FAILURE_POLICY.limit);
		const from = { "cf-connecting-ip": newAddress() };
		const asDeployed = { ...env, AUTH_FAILURE_LIMITER: limiter.binding };
		const d1 = spyOnD1();
		const statuses: number[] = [];
		for (let i = 0; i < AUTH_FAILURE_POLICY.limit + 10; i++) {
			const res = await call(NOWHERE, { key: unknownKey(), headers: from, env: asDeployed });
			statuses.push(res.status);
		}
		expect(statuses.filter((s) => s === 401)).toHaveLength(AUTH_FAILURE_POLICY.limit);
		// The failure over the limit is refused as it is counted; every later one before any look-up.
		expect(statuses.slice(AUTH_FAILURE_POLICY.limit)).toEqual(Array(10).fill(429));
		expect(d1.prepare).toHaveBeenCalledTimes(AUTH_FAILURE_POLICY.limit + 1);
		expect(limiter.calls()).toBe(AUTH_FAILURE_POLICY.limit + 1);

		const res = await call(NOWHERE, { key: unknownKey(), headers: from, env: asDeployed });
		expect(res.status).toBe(429);
		expect(res.headers.get("retry-after")).toBe(String(AUTH_FAILURE_POLICY.windowSeconds));
		expect(await json(res)).toMatchObject({ code: "rate_limited" });
	});

	it("another address, and a valid key already cached, are not slowed: the limiter is not even asked", async () => {
		const limiter = countingLimiter(1);
		const asDeployed = { ...env, AUTH_FAILURE_LIMITER: limiter.binding };
		const throttled = { "cf-connecting-ip": newAddress() };
		const client = await newClient("address-limit");
		expect((await call(NOWHERE, { key: client.key, headers: throttled, env: asDeployed })).status).toBe(404);
		expect((await call(NOWHERE, { key: unknownKey(), headers: throttled, env: asDeployed })).status).toBe(401);
		expect((await call(NOWHERE, { key: unknownKey(), headers: throttled, env: asDeployed })).status).toBe(429);
		expect(limiter.calls()).toBe(2);

		const d1 = spyOnD1();
		expect((await call(NOWHERE, { key: client.key, headers: throttled, env: asDeployed })).status).toBe(404);
		expect(d1.prepare).not.toHaveBeenCalled();
		const other = { "cf-connecting-ip": newAddress() };
		expect((await call(NOWHERE, { key: unknownKey(), headers: other, env: asDeployed })).status).toBe(401);
		expect(d1.prepare).toHaveBeenCalledOnce();
		expect((await call(NOWHERE, { key: client.key, headers: other, env: asDeployed })).status).toBe(404);
		// Only the two failures of the throttled address and the other's one were counted.
		expect(limiter.calls()).toBe(3);
	});

	it("an IPv6 client is counted by its /64, so rotating addresses inside it does not escape the limit", async () => {
		const limiter = countingLimiter(1);
		const asDeployed = { ...env, AUTH_FAILURE_LIMITER: limiter.binding };
		const prefix = `2001:db8:${(addresses++).toString(16)}:1`;
		const statuses = [];
		for (const host of ["::1", "::2", ":abcd::9", "::3"]) {
			const headers = { "cf-connecting-ip": `${prefix}${host}` };
			statuses.push((await call(NOWHERE, { key: unknownKey(), headers, env: asDeployed })).status);
		}
		expect(statuses).toEqual([401, 429, 429, 429]);
	});
});
