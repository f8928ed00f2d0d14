import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { tokenCacheStats } from "../../src/providers/interswitch/token-cache";
import { runUntil, stubOf } from "../helpers/alarms";
import { getView, passport, submit } from "../helpers/api";
import { until } from "../helpers/wait";
import { useFakeInterswitch } from "./fake";

const isw = useFakeInterswitch();

async function verifyOne(lastDigit = 0) {
	const v = await submit(passport(lastDigit));
	return runUntil(v.id, ["verified", "failed", "requires_action"]);
}

describe("OAuth token handling end to end", () => {
	it("caches the token across lookups", async () => {
		expect((await verifyOne(0)).status).toBe("verified");
		expect((await verifyOne(6)).status).toBe("verified");
		expect((await verifyOne(7)).status).toBe("verified");
		expect(isw.fake.snapshot().counts).toEqual({ token: 1, lookup: 3 });
	});

	it("renews a token that is within 30 s of expiry", async () => {
		// A 30 s token is already inside the renewal margin: it serves the lookup it was fetched for, then is replaced.
		isw.fake.configure({ tokenTtl: 30 });
		await verifyOne(0);
		await verifyOne(6);
		expect(isw.fake.snapshot().counts).toEqual({ token: 2, lookup: 2 });
		isw.fake.configure({ tokenTtl: 3600 });
		await verifyOne(7);
		await verifyOne(8);
		expect(isw.fake.snapshot().counts).toEqual({ token: 3, lookup: 4 });
	});

	it("on a 401 refreshes the token once and retries the lookup once", async () => {
		await verifyOne(0);
		// The fake revokes every token it issued: the cached one now gets a 401.
		isw.fake.configure({ mode: "expired_token" });
		const done = await verifyOne(6);
		expect(done).toMatchObject({ status: "verified", attempts: 1, last_error: null });
		expect(isw.fake.snapshot().counts).toEqual({ token: 2, lookup: 3 });
	});

	it("concurrent verifications share one token request", async () => {
		const ids = await Promise.all([0, 6, 7, 8, 9].map(async (d) => (await submit(passport(d))).id));
		const release = isw.holdTokens();
		const alarms = Promise.all(ids.map((id) => runDurableObjectAlarm(stubOf(id))));
		// Every lookup is now waiting for a token: with no stampede, all of them wait on the same request.
		await until(() => tokenCacheStats().waiting === ids.length, "all five lookups wait for a token");
		expect(tokenCacheStats().fetches).toBe(1);
		release();
		await alarms;
		for (const id of ids) expect((await getView(id)).status).toBe("verified");
		expect(isw.fake.snapshot().counts).toEqual({ token: 1, lookup: 5 });
	});
});
