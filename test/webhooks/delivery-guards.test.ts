import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { call } from "../helpers/api";
import { forceEndpointUrl } from "../helpers/scenarios";
import { deliveries, type QueueSim, statusEvent } from "../helpers/webhooks-harness";
import { type Receiver, useMsw } from "../helpers/webhooks-receiver";
import { oneDelivery as fanOutOne, freshWorld, type WebhookWorld } from "../helpers/webhooks-world";

useMsw();

describe("delivery consumer guards: duplicates, stale rounds, URL re-checks, dead letters", () => {
	let world: WebhookWorld;
	let sim: QueueSim;
	let client: WebhookWorld["client"];
	let receiver: Receiver;
	let endpoint: WebhookWorld["endpoint"];

	beforeEach(async () => {
		world = await freshWorld();
		({ sim, client, receiver, endpoint } = world);
	});

	const oneDelivery = (queued = 1) => fanOutOne(world, queued);

	it("a duplicated message sends once; a message of an earlier generation sends nothing", async () => {
		await oneDelivery();
		const [queued] = sim.queued.get("kyc-deliveries") ?? [];
		sim.push("kyc-deliveries", queued?.body);
		sim.push("kyc-deliveries", { ...(queued?.body as object), generation: 0 });
		const result = await sim.runOnce("kyc-deliveries");
		expect(result?.explicitAcks).toHaveLength(3);
		expect(receiver.requests).toBe(1);
	});

	it.each(["https://10.0.0.7/kyc", "https://metadata.google.internal../computeMetadata"])(
		"checks the URL again on every attempt: a URL that became disallowed (%s) is never requested",
		async (url) => {
			await oneDelivery();
			await forceEndpointUrl(endpoint.id, url);
			const result = await sim.runOnce("kyc-deliveries");
			expect(result?.explicitAcks).toHaveLength(1);
			expect(receiver.requests).toBe(0);
			expect((await deliveries(client.key, endpoint.id))[0]).toMatchObject({
				status: "failed",
				error_class: "url_not_allowed",
			});
		},
	);

	it("acks messages for a deleted endpoint and unreadable messages, without sending", async () => {
		await oneDelivery();
		expect((await call(`/api/webhook-endpoints/${endpoint.id}/`, { key: client.key, method: "DELETE" })).status).toBe(
			200,
		);
		sim.push("kyc-deliveries", { nonsense: true });
		sim.push("kyc-events", "not an event");
		const deliveriesResult = await sim.runOnce("kyc-deliveries");
		const eventsResult = await sim.runOnce("kyc-events");
		expect(deliveriesResult?.explicitAcks).toHaveLength(2);
		expect(eventsResult?.explicitAcks).toHaveLength(1);
		expect(receiver.requests).toBe(0);
	});

	// The retired `kyc-events` queue: what an earlier release left there goes through the one fan-out.
	it("a status change left on the retired events queue (or its dead letters) is fanned out and delivered", async () => {
		const fresh = { clientId: client.id, event: statusEvent() };
		const dead = { clientId: client.id, event: statusEvent(2, "verification.processing") };
		sim.push("kyc-events", fresh);
		sim.push("kyc-events-dlq", dead);
		await sim.drain();
		expect(receiver.received.map((r) => r.id).sort()).toEqual([fresh.event.id, dead.event.id].sort());
		expect((await deliveries(client.key, endpoint.id)).map((d) => d.status)).toEqual(["succeeded", "succeeded"]);
	});

	it("a left-over event whose queue send fails is retried, and the retry queues the delivery it already recorded", async () => {
		const msg = { clientId: client.id, event: statusEvent() };
		vi.mocked(env.DELIVERIES_QUEUE.sendBatch).mockRejectedValueOnce(new Error("queue unavailable"));
		sim.push("kyc-events", msg);
		const first = await sim.runOnce("kyc-events");
		expect(first?.retryMessages).toEqual([{ msgId: expect.any(String), delaySeconds: 5 }]);
		await sim.drain();
		expect(receiver.received.map((r) => r.id)).toEqual([msg.event.id]);
		expect(await deliveries(client.key, endpoint.id)).toHaveLength(1);
	});
});
