/**
 * The one fan-out (src/webhooks/fan-out.ts): the statement every drain's batch and the reconcile sweep run to turn
 * status changes into delivery rows. Its delivery id is the whole event id and the whole endpoint id, so no two
 * distinct (event, endpoint) pairs share one, and a replay inserts nothing twice.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { deliveryIdOf } from "../../src/webhooks/fan-out";
import { d1Deliveries } from "../helpers/inspect";
import { seedDelivery } from "../helpers/scenarios";
import { fanOutEvents, statusEvent } from "../helpers/webhooks-harness";
import { Receiver, registerEndpoint, useMsw } from "../helpers/webhooks-receiver";
import { freshWorld, type WebhookWorld } from "../helpers/webhooks-world";

useMsw();

let world: WebhookWorld;

beforeEach(async () => {
	world = await freshWorld();
});

/** The same event id but for its last character: a long shared prefix (the old scheme kept only 18 characters). */
function twins() {
	const a = statusEvent(1, "verification.submitted");
	const last = a.id.at(-1) === "0" ? "1" : "0";
	const b = { ...statusEvent(2, "verification.processing"), id: `${a.id.slice(0, -1)}${last}` };
	return [a, b] as const;
}

describe("the one fan-out", () => {
	it("two events whose ids share all but their last character get two deliveries, both delivered", async () => {
		const [a, b] = twins();
		await fanOutEvents(world.client.id, [a, b]);
		const rows = await d1Deliveries(world.endpoint.id);
		expect(rows.map((r) => r.id).sort()).toEqual(
			[deliveryIdOf(a.id, world.endpoint.id), deliveryIdOf(b.id, world.endpoint.id)].sort(),
		);
		await world.sim.drain();
		expect(world.receiver.received.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
	});

	it("the delivery id holds both whole ids, so one event to two endpoints and two events to one never collide", () => {
		const e1 = "evt_01M94KMMEQKZG863PPE4D7QPKX";
		const e2 = "evt_01M94KMMEQKZG863PPE4D7QPKY";
		const w1 = "we_01M94KMM65E6AN4TAZ63D4Z4XK";
		const w2 = "we_01M94KMM65E6AN4TAZ63D4Z4XM";
		const ids = [deliveryIdOf(e1, w1), deliveryIdOf(e1, w2), deliveryIdOf(e2, w1), deliveryIdOf(e2, w2)];
		expect(new Set(ids).size).toBe(4);
		expect(ids[0]).toBe("del_01M94KMMEQKZG863PPE4D7QPKX01M94KMM65E6AN4TAZ63D4Z4XK");
	});

	it("a replay inserts nothing twice and re-sends only what no consumer has picked up", async () => {
		const event = statusEvent();
		await fanOutEvents(world.client.id, [event]);
		await fanOutEvents(world.client.id, [event]);
		expect(await d1Deliveries(world.endpoint.id)).toHaveLength(1);
		// The replay's message is a duplicate of the first: the claim acks it unsent.
		expect(world.sim.size("kyc-deliveries")).toBe(2);
		await world.sim.drain();
		expect(world.receiver.received.map((r) => r.id)).toEqual([event.id]);
		await fanOutEvents(world.client.id, [event]);
		expect(world.sim.size("kyc-deliveries")).toBe(0);
	});

	it("an event whose delivery row has an id of the earlier scheme is not inserted again, nor does the batch fail", async () => {
		const event = statusEvent();
		await seedDelivery({
			clientId: world.client.id,
			endpointId: world.endpoint.id,
			eventId: event.id,
			eventType: event.type,
			status: "succeeded",
		});
		await fanOutEvents(world.client.id, [event]);
		expect(await d1Deliveries(world.endpoint.id)).toHaveLength(1);
		expect(world.sim.size("kyc-deliveries")).toBe(0);
	});

	it("reaches only endpoints of the account subscribed to the type, registered by the time of the event", async () => {
		const onlyVerified = await registerEndpoint(world.client.key, new Receiver(`${world.client.id}-v`), {
			event_types: ["verification.verified"],
		});
		const other = await freshWorld();
		// Every endpoint here was registered after this event happened: none is owed it.
		const before = { ...statusEvent(), timestamp: new Date(Date.now() - 60_000).toISOString() };
		await fanOutEvents(world.client.id, [before]);
		expect(await d1Deliveries(world.endpoint.id)).toHaveLength(0);
		const submitted = statusEvent();
		const verified = statusEvent(3, "verification.verified");
		await fanOutEvents(world.client.id, [submitted, verified]);
		expect((await d1Deliveries(world.endpoint.id)).map((d) => d.eventId).sort()).toEqual(
			[submitted.id, verified.id].sort(),
		);
		expect((await d1Deliveries(onlyVerified.id)).map((d) => d.eventId)).toEqual([verified.id]);
		// Another client's endpoint never sees this client's events.
		expect(await d1Deliveries(other.endpoint.id)).toHaveLength(0);
	});
});
