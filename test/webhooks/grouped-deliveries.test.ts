/**
 * One delivery message per drain and endpoint: a verification's status changes that drain together reach each
 * endpoint in one message, POSTed in version order. A failure ends the run; what follows it goes on in a message
 * of its own, so every delivery keeps its own retry ladder and nothing is sent twice or lost.
 */
import { beforeEach, describe, expect, it } from "vitest";
import {
	type DeliveryMessage,
	deliveriesOf,
	isDeliveryMessage,
	MAX_DELIVERIES_PER_MESSAGE,
} from "../../src/webhooks/messages";
import { runUntil } from "../helpers/alarms";
import { passport, submit } from "../helpers/api";
import { deliveryPlans, recordD1Statements } from "../helpers/inspect";
import { deliveries } from "../helpers/webhooks-harness";
import { Receiver, registerEndpoint, useMsw } from "../helpers/webhooks-receiver";
import { endpointsApi, freshWorld, type WebhookWorld } from "../helpers/webhooks-world";

useMsw();

let world: WebhookWorld;

beforeEach(async () => {
	world = await freshWorld();
});

/** A digit-0 verification run to `verified` in its first alarm: one drain of its three status changes. */
async function verified(): Promise<string> {
	const v = await submit(passport(0), world.client.key);
	await runUntil(v.id, ["verified"], world.client.key);
	return v.id;
}

const sentDeliveries = () =>
	world.sim.sent.filter((m) => m.queue === "kyc-deliveries").map((m) => deliveriesOf(m.body as DeliveryMessage));

/** The endpoint's deliveries, oldest first, as [status, attempts]. */
async function log(endpointId = world.endpoint.id) {
	const rows = await deliveries(world.client.key, endpointId);
	return rows.reverse().map((d) => [d.status, d.attempts]);
}

describe("a drain's deliveries travel together, one message per endpoint", () => {
	it("each endpoint gets one message and the events in version order", async () => {
		const other = new Receiver(`${world.client.id}-other`);
		const second = await registerEndpoint(world.client.key, other);
		const id = await verified();
		expect(sentDeliveries().map((refs) => refs.length)).toEqual([3, 3]);
		await world.sim.drain();
		for (const r of [world.receiver, other]) {
			// In arrival order, not sorted: the message POSTs them one after another.
			expect(r.received.filter((x) => x.body.data.id === id).map((x) => x.body.data.version)).toEqual([1, 2, 3]);
		}
		expect(await log()).toEqual(Array(3).fill(["succeeded", 1]));
		expect(await log(second.id)).toEqual(Array(3).fill(["succeeded", 1]));
	});

	it("a failure ends the run: it and the delivery after it are parked, the catch-up's probe sends the oldest and releases the other, each once", async () => {
		world.receiver.script = [200, 503];
		const id = await verified();
		const first = await world.sim.runOnce("kyc-deliveries");
		// Version 1 was delivered, version 2 failed, version 3 was not attempted: both are parked (no retry of their own)
		// and the endpoint's catch-up probes it one second later.
		expect(first?.retryMessages).toHaveLength(0);
		expect(await log()).toEqual([
			["succeeded", 1],
			["pending", 1],
			["pending", 0],
		]);
		const queued = world.sim.queued.get("kyc-deliveries") ?? [];
		expect(queued.map((m) => m.body)).toEqual([
			{ catchUp: world.endpoint.id, at: expect.any(Number), shard: expect.any(String) },
		]);
		expect(world.sim.sent.at(-1)?.delaySeconds).toBe(1);
		await world.sim.drain();
		expect(world.receiver.forVerification(id).map((r) => r.body.data.version)).toEqual([1, 2, 3]);
		expect(world.receiver.received.filter((r) => r.body.data.id === id)).toHaveLength(3);
		expect(await log()).toEqual([
			["succeeded", 1],
			["succeeded", 2],
			["succeeded", 1],
		]);
	});

	it("an endpoint disabled before its message runs gets every delivery skipped, and no request", async () => {
		await verified();
		expect((await endpointsApi(world, `/${world.endpoint.id}/disable/`, { method: "POST" })).status).toBe(200);
		await world.sim.drain();
		expect(world.receiver.requests).toBe(0);
		const rows = await deliveries(world.client.key, world.endpoint.id);
		expect(rows.map((d) => [d.status, d.error_class])).toEqual(Array(3).fill(["skipped", "endpoint_disabled"]));
	});

	it("the dead-letter consumer marks every delivery its message carries failed", async () => {
		await verified();
		const [message] = world.sim.sent.filter((m) => m.queue === "kyc-deliveries");
		world.sim.lose("kyc-deliveries");
		world.sim.push("kyc-deliveries-dlq", message?.body);
		await world.sim.drain();
		const rows = await deliveries(world.client.key, world.endpoint.id);
		expect(rows.map((d) => [d.status, d.error_class])).toEqual(Array(3).fill(["failed", "exhausted"]));
	});

	it("a message is readable with or without further deliveries; a malformed list is refused", () => {
		const first = { deliveryId: "del_1", generation: 1 };
		expect(isDeliveryMessage(first)).toBe(true);
		expect(isDeliveryMessage({ ...first, more: [{ deliveryId: "del_2", generation: 2 }] })).toBe(true);
		expect(isDeliveryMessage({ ...first, more: [{ deliveryId: "del_2" }] })).toBe(false);
		expect(isDeliveryMessage({ ...first, more: "del_2" })).toBe(false);
		// At most MAX_DELIVERIES_PER_MESSAGE (each is a bound value of the statements that claim and record them).
		const refs = (n: number) => Array.from({ length: n }, (_, i) => ({ deliveryId: `del_${i + 2}`, generation: 1 }));
		expect(isDeliveryMessage({ ...first, more: refs(MAX_DELIVERIES_PER_MESSAGE - 1) })).toBe(true);
		expect(isDeliveryMessage({ ...first, more: refs(MAX_DELIVERIES_PER_MESSAGE) })).toBe(false);
	});
});

describe("a delivery's statements find their rows by key, however many deliveries D1 holds", () => {
	it("no statement of the drain or the consumer scans the deliveries table", async () => {
		// Other endpoints' pending deliveries, so a plan that scans by status would have rows to read.
		await verified();
		const recorded = recordD1Statements();
		try {
			await verified();
			await world.sim.drain();
		} finally {
			recorded.restore();
		}
		// By primary key, or by the unique (endpoint, event) index the deliveries insert conflicts on: never a scan,
		// never by status (which would read every pending delivery).
		const steps = await deliveryPlans(recorded.texts);
		expect(steps.length).toBeGreaterThanOrEqual(3);
		const unkeyed = steps.filter(
			({ step }) =>
				!/USING (INDEX sqlite_autoindex_webhook_deliveries_1|INDEX webhook_deliveries_event_idx|PRIMARY KEY)/.test(
					step,
				),
		);
		expect(unkeyed).toEqual([]);
	});
});
