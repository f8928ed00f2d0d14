import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { KEY_CACHE_TTL_MS, UNKNOWN_KEY_CACHE_TTL_MS } from "../../src/auth/api-keys";
import { call, newClient } from "../helpers/api";

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
