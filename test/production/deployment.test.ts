import { describe, expect, it } from "vitest";
import { type VerificationView } from "../../src/verification/view";
import { runUntil } from "../helpers/alarms";
import { ADMIN_TOKEN, call, DEV_KEY, json, newClient, passport, submit } from "../helpers/api";
import { useFakeInterswitch } from "../interswitch/fake";

// This project runs the worker as production does (vitest.config.ts, PRODUCTION_BINDINGS).
const isw = useFakeInterswitch();

describe("one production deployment serves both modes", () => {
	it("a live key verifies through Interswitch; a test key uses the sandbox and makes zero Interswitch calls", async () => {
		const live = await newClient("Live partner", "live");
		const test = await newClient("Integrating partner", "test");

		const l = await submit(passport(0), live.key);
		const liveDone = await runUntil(l.id, ["verified", "failed", "requires_action"], live.key);
		expect(liveDone).toMatchObject({ status: "verified", provider: "interswitch", livemode: true });
		const afterLive = isw.fake.snapshot().counts;
		expect(afterLive.lookup).toBe(1);

		for (const digit of [0, 1, 2, 3, 8]) {
			const t = await submit(passport(digit), test.key);
			const done = await runUntil(t.id, ["verified", "failed", "requires_action"], test.key);
			expect(done).toMatchObject({ provider: "sandbox", livemode: false });
		}
		expect(isw.fake.snapshot().counts).toEqual(afterLive);
	});

	it("neither mode sees the other's objects or events", async () => {
		const client = await newClient("Both");
		const res = await call(`/admin/clients/${client.id}/keys/`, { key: ADMIN_TOKEN, body: { mode: "live" } });
		const liveKey = (await json<{ key: string }>(res)).key;
		const t = await submit(passport(0), client.key);
		const l = await submit(passport(0), liveKey);
		expect((await call(`/api/verifications/${t.id}/`, { key: liveKey })).status).toBe(404);
		expect((await call(`/api/verifications/${l.id}/`, { key: client.key })).status).toBe(404);
		await runUntil(l.id, ["verified"], liveKey);
		await runUntil(t.id, ["verified"], client.key);
		const feed = await json<{ data: { verification_id: string }[] }>(await call("/api/events/", { key: liveKey }));
		expect(new Set(feed.data.map((e) => e.verification_id))).toEqual(new Set([l.id]));
	});

	it("the test clock works on production: digit 5 expires at once; live keys have no test helpers", async () => {
		const test = await newClient("Clock", "test");
		const live = await newClient("Clock live", "live");
		const v = await submit(passport(5), test.key);
		const res = await call(`/api/test/verifications/${v.id}/advance`, { key: test.key, body: { seconds: 86_400 } });
		expect(res.status).toBe(200);
		expect((await json<VerificationView>(res)).status).toBe("expired");
		const l = await submit(passport(0), live.key);
		expect(
			(await call(`/api/test/verifications/${l.id}/advance`, { key: live.key, body: { seconds: 60 } })).status,
		).toBe(404);
		await runUntil(l.id, ["verified"], live.key);
	});

	it("the published dev key and the dev admin token do not work", async () => {
		expect((await call("/api/verifications/", { key: DEV_KEY })).status).toBe(401);
		const devAdmin = "dev_admin_token_do_not_use_in_production";
		expect((await call("/admin/clients/", { key: devAdmin, body: { name: "x" } })).status).toBe(401);
	});
});
