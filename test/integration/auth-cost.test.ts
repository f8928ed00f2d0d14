import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { call, newClient } from "../helpers/api";

afterEach(() => vi.restoreAllMocks());

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
