import { beforeEach, describe, expect, it } from "vitest";
import { call, json } from "../helpers/api";
import { backdateDeliveries, seedDelivery } from "../helpers/scenarios";
import { deliveries, fanOutEvents, type QueueSim, statusEvent } from "../helpers/webhooks-harness";
import { type Receiver, registerEndpoint, useMsw } from "../helpers/webhooks-receiver";
import {
	type Endpoint,
	emit as emitEvent,
	endpointsApi,
	freshWorld,
	type WebhookWorld,
} from "../helpers/webhooks-world";

useMsw();

let world: WebhookWorld;
let sim: QueueSim;
let client: WebhookWorld["client"];
let receiver: Receiver;

beforeEach(async () => {
	world = await freshWorld(false);
	({ sim, client, receiver } = world);
});

const api = (path: string, opts: Parameters<typeof call>[1] = {}) => endpointsApi(world, path, opts);
const emit = (type?: string) => emitEvent(world, type);

describe("secret rotation", () => {
	it("signs with both secrets for 24 h; each alone verifies", async () => {
		const ep = await registerEndpoint(client.key, receiver);
		const res = await api(`/${ep.id}/rotate-secret/`, { method: "POST" });
		expect(res.status).toBe(200);
		const rotated = await json<Endpoint>(res);
		expect(rotated.secret).toMatch(/^whsec_/);
		expect(rotated.secret).not.toBe(ep.secret);
		const overlap = Date.parse(rotated.previous_secret_expires_at ?? "") - Date.now();
		expect(overlap).toBeGreaterThan(23.9 * 3_600_000);
		expect(overlap).toBeLessThanOrEqual(24 * 3_600_000);
		receiver.secrets = [ep.secret];
		await emit();
		receiver.secrets = [rotated.secret ?? ""];
		await emit();
		expect(receiver.received).toHaveLength(2);
		expect(receiver.received.every((r) => r.signatures.length === 2)).toBe(true);
	});

	it("with force the old secret stops signing at once", async () => {
		const ep = await registerEndpoint(client.key, receiver);
		const rotated = await json<Endpoint>(await api(`/${ep.id}/rotate-secret/`, { body: { force: true } }));
		expect(rotated.previous_secret_expires_at).toBeNull();
		receiver.secrets = [ep.secret];
		receiver.script = [];
		await emit();
		expect(receiver.received).toHaveLength(0);
		receiver.secrets = [rotated.secret ?? ""];
		await emit();
		expect(receiver.received.map((r) => r.signatures.length)).toEqual([1]);
	});

	it("rotating during an open rotation keeps two signatures: the newest two secrets", async () => {
		const ep = await registerEndpoint(client.key, receiver);
		await api(`/${ep.id}/rotate-secret/`, { method: "POST" });
		const third = await json<Endpoint>(await api(`/${ep.id}/rotate-secret/`, { method: "POST" }));
		receiver.secrets = [ep.secret];
		await emit();
		expect(receiver.received).toHaveLength(0);
		receiver.secrets = [third.secret ?? ""];
		await emit();
		expect(receiver.received[0]?.signatures).toHaveLength(2);
	});
});

describe("test ping, delivery log and recovery", () => {
	it("a test ping is signed, sent at once, recorded, and not retried", async () => {
		const ep = await registerEndpoint(client.key, receiver);
		const ok = await json(await api(`/${ep.id}/test/`, { method: "POST" }));
		expect(ok).toMatchObject({
			object: "webhook_delivery",
			event_type: "webhook.test",
			status: "succeeded",
			attempts: 1,
			response_status: 200,
		});
		expect(receiver.received[0]?.body).toMatchObject({ type: "webhook.test", data: { endpoint_id: ep.id } });
		receiver.script = [500];
		const failed = await json(await api(`/${ep.id}/test/`, { method: "POST" }));
		expect(failed).toMatchObject({
			status: "failed",
			response_status: 500,
			error_class: "http_error",
			next_attempt_at: null,
		});
		expect(sim.size("kyc-deliveries")).toBe(0);
		expect((await deliveries(client.key, ep.id)).map((d) => d.status)).toEqual(["failed", "succeeded"]);
	});

	it("lists deliveries with status, HTTP code, latency, error class, attempts and next attempt; filters by status", async () => {
		const ep = await registerEndpoint(client.key, receiver);
		await emit();
		receiver.script = [503];
		await fanOutEvents(client.id, [statusEvent()]);
		await sim.runOnce("kyc-deliveries");
		const [waiting, done] = await deliveries(client.key, ep.id);
		expect(waiting).toMatchObject({
			status: "pending",
			attempts: 1,
			response_status: 503,
			error_class: "http_error",
			error: "HTTP 503.",
		});
		expect(Date.parse(waiting?.next_attempt_at ?? "")).toBeGreaterThan(Date.now());
		expect(waiting?.latency_ms).toEqual(expect.any(Number));
		expect(done).toMatchObject({
			status: "succeeded",
			attempts: 1,
			response_status: 200,
			error_class: null,
			next_attempt_at: null,
		});
		expect((await deliveries(client.key, ep.id, "?status=succeeded")).map((d) => d.id)).toEqual([done?.id]);
		expect((await call(`/api/webhook-endpoints/${ep.id}/deliveries/?status=lost`, { key: client.key })).status).toBe(
			422,
		);
	});

	it("recover re-sends what has not succeeded since a time, once, superseding the pending retry", async () => {
		const ep = await registerEndpoint(client.key, receiver);
		receiver.script = [500];
		const msg = statusEvent();
		await fanOutEvents(client.id, [msg]);
		await sim.runOnce("kyc-deliveries");
		expect(sim.size("kyc-deliveries")).toBe(1);
		// A delivery that failed before the window: recover leaves it alone.
		const old = statusEvent();
		await seedDelivery({
			clientId: client.id,
			endpointId: ep.id,
			eventId: old.id,
			eventType: old.type,
			status: "failed",
		});
		await backdateDeliveries(old.id, Date.now() - 7_200_000);
		const since = new Date(Date.now() - 3_600_000).toISOString();
		const res = await api(`/${ep.id}/recover/`, { body: { since } });
		expect(await json(res)).toEqual({
			object: "webhook_recovery",
			recovered: 1,
			dry_run: false,
			until: expect.any(String),
			has_more: false,
			next_cursor: null,
		});
		await sim.drain();
		expect(receiver.received.map((r) => r.id)).toEqual([msg.id]);
		expect(receiver.requests).toBe(2);
	});

	it("recover needs an enabled endpoint and a valid time", async () => {
		const ep = await registerEndpoint(client.key, receiver);
		await api(`/${ep.id}/disable/`, { method: "POST" });
		const since = new Date().toISOString();
		expect((await api(`/${ep.id}/recover/`, { body: { since } })).status).toBe(409);
		expect((await api(`/${ep.id}/recover/`, { body: { since: "yesterday" } })).status).toBe(422);
	});
});
