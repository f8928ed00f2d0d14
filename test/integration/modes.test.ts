import { beforeEach, describe, expect, it } from "vitest";
import { type VerificationView } from "../../src/verification/view";
import { runUntil } from "../helpers/alarms";
import { ADMIN_TOKEN, call, json, newClient, passport, submit } from "../helpers/api";
import { d1Deliveries } from "../helpers/inspect";
import { QueueSim } from "../helpers/webhooks-harness";
import { Receiver, registerEndpoint, useMsw } from "../helpers/webhooks-receiver";

useMsw();

interface Keys {
	clientId: string;
	test: string;
	live: string;
}

/** One client with a key in each mode, issued through the admin API. */
async function bothModes(): Promise<Keys> {
	const client = await newClient("Two modes");
	const res = await call(`/admin/clients/${client.id}/keys/`, { key: ADMIN_TOKEN, body: { mode: "live" } });
	expect(res.status).toBe(201);
	const live = await json<{ key: string; livemode: boolean; prefix: string }>(res);
	expect(live.livemode).toBe(true);
	expect(live.key.startsWith("kyc_live_")).toBe(true);
	expect(client.key.startsWith("kyc_test_")).toBe(true);
	return { clientId: client.id, test: client.key, live: live.key };
}

let keys: Keys;
let queues: QueueSim;

beforeEach(async () => {
	queues = new QueueSim().install();
	keys = await bothModes();
});

const ids = (page: { data: { id: string }[] }) => page.data.map((d) => d.id);

describe("live and test mode: a key sees only its own mode", () => {
	it("each verification records its mode; test mode always runs on the sandbox", async () => {
		const t = await submit(passport(0), keys.test);
		const l = await submit(passport(0), keys.live);
		expect(t).toMatchObject({ livemode: false, provider: "sandbox" });
		expect(l).toMatchObject({ livemode: true });
	});

	const verificationRoutes: [string, string, unknown][] = [
		["GET", "/api/verifications/{id}/", undefined],
		["GET", "/api/verifications/{id}/events/", undefined],
		["POST", "/api/verifications/{id}/retry/", undefined],
		["DELETE", "/api/verifications/{id}/", undefined],
	];

	it.each(verificationRoutes)(
		"%s %s of the other mode's verification is a 404 (both directions)",
		async (method, path, body) => {
			const t = await submit(passport(1), keys.test);
			const l = await submit(passport(1), keys.live);
			await runUntil(t.id, ["failed"], keys.test);
			await runUntil(l.id, ["failed"], keys.live);
			for (const [id, key] of [
				[t.id, keys.live],
				[l.id, keys.test],
			] as const) {
				const res = await call(path.replace("{id}", id), { method, body, key });
				expect(res.status, `${method} ${id}`).toBe(404);
				expect(await json(res)).toMatchObject({ code: "not_found" });
			}
			// Nothing changed: each owner still sees its verification as it was.
			expect(
				(await json<VerificationView>(await call(`/api/verifications/${t.id}/`, { key: keys.test }))).redacted_at,
			).toBeNull();
			expect(
				(await json<VerificationView>(await call(`/api/verifications/${l.id}/`, { key: keys.live }))).redacted_at,
			).toBeNull();
		},
	);

	it("lists and the event feed hold only the key's own mode", async () => {
		const t = await submit(passport(0), keys.test);
		const l = await submit(passport(0), keys.live);
		await runUntil(t.id, ["verified"], keys.test);
		await runUntil(l.id, ["verified"], keys.live);
		const testList = await json<{ data: { id: string }[] }>(await call("/api/verifications/", { key: keys.test }));
		const liveList = await json<{ data: { id: string }[] }>(await call("/api/verifications/", { key: keys.live }));
		expect(ids(testList)).toEqual([t.id]);
		expect(ids(liveList)).toEqual([l.id]);
		type Feed = { data: { verification_id: string; livemode: boolean }[] };
		const testFeed = await json<Feed>(await call("/api/events/", { key: keys.test }));
		const liveFeed = await json<Feed>(await call("/api/events/", { key: keys.live }));
		expect(new Set(testFeed.data.map((e) => e.verification_id))).toEqual(new Set([t.id]));
		expect(new Set(liveFeed.data.map((e) => e.verification_id))).toEqual(new Set([l.id]));
		expect(testFeed.data.every((e) => !e.livemode)).toBe(true);
		expect(liveFeed.data.every((e) => e.livemode)).toBe(true);
	});

	it("Idempotency-Key and the duplicate guard are scoped per mode", async () => {
		const body = passport(5);
		const headers = { "idempotency-key": "same-key-both-modes" };
		const t = await submit(body, keys.test, headers);
		const l = await submit(body, keys.live, headers);
		expect(l.id).not.toBe(t.id);
		const again = await call("/api/verifications/", { key: keys.live, body: passport(5, { ...body }) });
		expect(again.status).toBe(202);
		expect(again.headers.get("duplicate-of-active")).toBe("true");
		expect((await json<VerificationView>(again)).id).toBe(l.id);
	});

	it("webhook endpoints belong to one mode and receive only that mode's events", async () => {
		const testReceiver = new Receiver(`${keys.clientId}-test`);
		const liveReceiver = new Receiver(`${keys.clientId}-live`);
		const testEp = await registerEndpoint(keys.test, testReceiver);
		const liveEp = await registerEndpoint(keys.live, liveReceiver);

		expect((await call(`/api/webhook-endpoints/${testEp.id}/`, { key: keys.live })).status).toBe(404);
		expect((await call(`/api/webhook-endpoints/${liveEp.id}/`, { key: keys.test })).status).toBe(404);
		expect((await call(`/api/webhook-endpoints/${liveEp.id}/deliveries/`, { key: keys.test })).status).toBe(404);
		const listed = await json<{ data: { id: string; livemode: boolean }[] }>(
			await call("/api/webhook-endpoints/", { key: keys.live }),
		);
		expect(listed.data.map((e) => [e.id, e.livemode])).toEqual([[liveEp.id, true]]);

		const t = await submit(passport(0), keys.test);
		const l = await submit(passport(0), keys.live);
		await runUntil(t.id, ["verified"], keys.test);
		await runUntil(l.id, ["verified"], keys.live);
		await queues.drain();

		expect(new Set(testReceiver.received.map((r) => r.body.data.id))).toEqual(new Set([t.id]));
		expect(new Set(liveReceiver.received.map((r) => r.body.data.id))).toEqual(new Set([l.id]));
		expect(testReceiver.received.every((r) => r.body.livemode === false)).toBe(true);
		expect(liveReceiver.received.every((r) => r.body.livemode === true)).toBe(true);
		expect((await d1Deliveries(liveEp.id)).every((d) => d.livemode)).toBe(true);
		expect((await d1Deliveries(testEp.id)).every((d) => !d.livemode)).toBe(true);
	});

	it("the test-mode trigger sends a signed sample marked as a test; a live key gets 404", async () => {
		const receiver = new Receiver(`${keys.clientId}-trigger`);
		const ep = await registerEndpoint(keys.test, receiver);
		const res = await call(`/api/test/webhook-endpoints/${ep.id}/trigger`, {
			key: keys.test,
			body: { type: "verification.requires_action" },
		});
		expect(res.status, await res.clone().text()).toBe(200);
		expect(await json(res)).toMatchObject({ status: "succeeded", event_type: "verification.requires_action" });
		expect(receiver.received).toHaveLength(1);
		expect(receiver.received[0]?.body).toMatchObject({
			type: "verification.requires_action",
			livemode: false,
			test: true,
			data: { status: "requires_action", required_action: { code: "date_of_birth_mismatch" } },
		});

		const liveReceiver = new Receiver(`${keys.clientId}-trigger-live`);
		const liveEp = await registerEndpoint(keys.live, liveReceiver);
		const refused = await call(`/api/test/webhook-endpoints/${liveEp.id}/trigger`, {
			key: keys.live,
			body: { type: "verification.verified" },
		});
		expect(refused.status).toBe(404);
		expect(liveReceiver.requests).toBe(0);
	});

	it("trigger validates the type", async () => {
		const ep = await registerEndpoint(keys.test, new Receiver(`${keys.clientId}-bad`));
		const res = await call(`/api/test/webhook-endpoints/${ep.id}/trigger`, {
			key: keys.test,
			body: { type: "verification.nope" },
		});
		expect(res.status).toBe(422);
	});
});
