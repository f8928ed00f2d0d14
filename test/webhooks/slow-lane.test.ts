import { http } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import { RETRY_LADDER_SECONDS } from "../../src/webhooks/retry-policy";
import { newClient } from "../helpers/api";
import { d1Endpoint } from "../helpers/inspect";
import { deliveries, fanOutEvents, type QueueSim, statusEvent } from "../helpers/webhooks-harness";
import { msw, Receiver, registerEndpoint, useMsw } from "../helpers/webhooks-receiver";
import { freshWorld, type WebhookWorld } from "../helpers/webhooks-world";

useMsw();

/** A receiver that never answers: each request ends only when the sender's timeout aborts it. */
const hang = (url: string, seen: { count: number }) =>
	http.post(url, () => {
		seen.count++;
		return new Promise<never>(() => {});
	});

describe("one slow endpoint does not hold up anyone else's deliveries", () => {
	let world: WebhookWorld;
	let sim: QueueSim;
	let healthy: { client: { id: string; key: string }; receiver: Receiver; endpoint: { id: string } };
	const hanging = { count: 0 };

	/** Queues `n` status changes for a client through fan-out: one delivery message each on the main lane. */
	const emit = async (clientId: string, n: number) => {
		for (let v = 1; v <= n; v++) await fanOutEvents(clientId, [statusEvent(v)]);
	};

	beforeEach(async () => {
		world = await freshWorld();
		sim = world.sim;
		hanging.count = 0;
		msw.use(hang(world.receiver.url, hanging));
		const client = await newClient();
		const receiver = new Receiver(client.id);
		healthy = { client, receiver, endpoint: await registerEndpoint(client.key, receiver) };
	});

	it("a timeout moves the endpoint to the slow lane; the main lane then hands its deliveries over unsent", async () => {
		await emit(world.client.id, 3);
		await emit(healthy.client.id, 3);
		const first = await sim.runOnce("kyc-deliveries");
		// The healthy partner's three were delivered; the hanging one's three timed out on the short main-lane timeout
		// and were parked: the endpoint's catch-up (one probe at a time, on the slow lane) attempts them from now on.
		expect(healthy.receiver.received).toHaveLength(3);
		expect(hanging.count).toBe(3);
		expect(first?.retryMessages).toHaveLength(0);
		const timedOut = await deliveries(world.client.key, world.endpoint.id);
		expect(timedOut.map((d) => [d.status, d.attempts, d.error_class])).toEqual(
			Array(3).fill(["pending", 1, "timeout"]),
		);
		// The message states the main lane's limit (WEBHOOK_FAST_LANE_TIMEOUT_MS, 1 s in the tests), not the slow lane's.
		expect(timedOut.map((d) => d.error)).toEqual(Array(3).fill("No response within 1 s."));
		expect((await d1Endpoint(world.endpoint.id))?.slowUntil).toBeGreaterThan(Date.now());
		expect(sim.queued.get("kyc-deliveries-slow")?.map((m) => m.body)).toEqual([
			{ catchUp: world.endpoint.id, at: expect.any(Number), shard: expect.any(String) },
		]);

		// From now on the main lane never waits for it: its new deliveries go to the slow lane unsent, while the
		// healthy partner's go out in the same round.
		await emit(world.client.id, 2);
		await emit(healthy.client.id, 2);
		const second = await sim.runOnce("kyc-deliveries");
		expect(second?.retryMessages).toHaveLength(0);
		expect(hanging.count).toBe(3);
		expect(healthy.receiver.received).toHaveLength(5);
		expect(sim.size("kyc-deliveries-slow")).toBe(3);
	});

	it("the slow lane keeps the ladder and the attempt count, ignores a duplicate hand-over, and a fast success ends it", async () => {
		await emit(world.client.id, 1);
		await sim.runOnce("kyc-deliveries"); // attempt 1: timeout
		await sim.runOnce("kyc-deliveries"); // the retry is handed to the slow lane
		const [handedOver] = sim.sent.filter((m) => m.queue === "kyc-deliveries-slow");
		expect(handedOver?.body).toMatchObject({ priorAttempts: 1 });
		// The receiver answers again, but fails this attempt: the ladder goes on at attempt 2's step, not attempt 1's.
		msw.use(world.receiver.handler());
		world.receiver.script = [500];
		const failed = await sim.runOnce("kyc-deliveries-slow");
		const delay = failed?.retryMessages[0]?.delaySeconds ?? -1;
		const step = RETRY_LADDER_SECONDS[1] ?? 0;
		expect(delay).toBeGreaterThanOrEqual(Math.floor(step * 0.9));
		expect(delay).toBeLessThanOrEqual(step);
		// A duplicate of the hand-over (its send retried after it had succeeded) is acked without a second POST.
		sim.push("kyc-deliveries-slow", handedOver?.body);
		const before = world.receiver.requests;
		await sim.drain();
		expect(world.receiver.requests).toBe(before + 1);
		const [d] = await deliveries(world.client.key, world.endpoint.id);
		expect(d).toMatchObject({ status: "succeeded", attempts: 3 });
		expect(world.receiver.received).toHaveLength(1);
		// Answered well within the main lane's timeout: the endpoint is back on the main lane.
		expect(await d1Endpoint(world.endpoint.id)).toMatchObject({ slowUntil: null, failingSince: null });
	});
});
