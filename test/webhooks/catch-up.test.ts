import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sweepOverdueDeliveries } from "../../src/cron/sweep-deliveries";
import { LADDER_SPAN_MS } from "../../src/webhooks/catch-up-policy";
import { MAX_DELIVERY_ATTEMPTS } from "../../src/webhooks/retry-policy";
import { d1Endpoint } from "../helpers/inspect";
import { deliveries, fanOutEvents, statusEvent } from "../helpers/webhooks-harness";
import { useMsw } from "../helpers/webhooks-receiver";
import { freshWorld, type WebhookWorld } from "../helpers/webhooks-world";

useMsw();

/**
 * Three status changes of one verification, as one drain fans them out (one message, in version order). Each a
 * millisecond after the last, as a verification's events are stamped (the fake clock stands still otherwise).
 */
const drainOf = (verification: string) =>
	(["submitted", "processing", "verified"] as const).map((s, i) => {
		vi.setSystemTime(Date.now() + 1);
		const e = statusEvent(i + 1, `verification.${s}`);
		return { ...e, data: { ...e.data, id: verification } };
	});

describe("catch-up: a receiver that comes back gets everything pending within seconds", () => {
	let world: WebhookWorld;
	/** When each event first reached the receiver (the fake clock), by webhook-id. */
	const arrivals = () => {
		const first = new Map<string, number>();
		for (const r of world.receiver.received) if (!first.has(r.id)) first.set(r.id, r.at);
		return first;
	};

	beforeEach(async () => {
		world = await freshWorld();
		vi.useFakeTimers({ toFake: ["Date"] });
	});

	afterEach(() => {
		vi.useRealTimers();
	});

	it("after a 10 s outage every pending delivery arrives within 30 s of the receiver being back, in version order", async () => {
		const start = Date.now();
		world.receiver.downUntil = start + 10_000;
		// Five verifications go submitted → processing → verified during the outage, one drain (message) each.
		const events = Array.from({ length: 5 }, (_, i) => drainOf(`ver_01M89C2HAHJXT1F6CR9J1HN1B${i}`));
		for (const drain of events) await fanOutEvents(world.client.id, drain);
		await world.sim.runInTime(() => arrivals().size === 15);
		expect(arrivals().size).toBe(15);
		const lastArrival = Math.max(...arrivals().values());
		const catchUpMs = lastArrival - world.receiver.downUntil;
		console.log(`catch-up after a 10 s outage: every pending delivery ${catchUpMs} ms after the receiver was back`);
		expect(catchUpMs).toBeLessThanOrEqual(30_000);
		for (const drain of events) {
			const received = world.receiver.received.filter((r) => r.body.data.id === drain[0]?.data.id);
			expect(received.map((r) => r.body.data.version)).toEqual([1, 2, 3]);
		}
		const log = await deliveries(world.client.key, world.endpoint.id);
		expect(log.every((d) => d.status === "succeeded")).toBe(true);
		// The catch-up is over: nothing parked, no probe due, the streak ended.
		expect(await d1Endpoint(world.endpoint.id)).toMatchObject({ probeAt: null, failingSince: null, probeCredits: 0 });
		// Only the probes met the outage (one request at a time), not every delivery on its own rung.
		expect(world.receiver.requests).toBeLessThan(15 + 10);
	});

	it("an endpoint that stays down gets no more requests than the ladder would send, and each delivery keeps its span", async () => {
		const start = Date.now();
		world.receiver.downUntil = Number.POSITIVE_INFINITY;
		await fanOutEvents(world.client.id, drainOf("ver_01M89C2HAHJXT1F6CR9J1HN1BQ"));
		await world.sim.runInTime();
		const log = await deliveries(world.client.key, world.endpoint.id);
		expect(log.map((d) => d.status)).toEqual(["failed", "failed", "failed"]);
		// The ladder sends each of the three 12 attempts; the catch-up sent the first, then probed the oldest.
		expect(world.receiver.requests).toBeLessThanOrEqual(3 * MAX_DELIVERY_ATTEMPTS);
		for (const d of log) expect(Date.parse(d.updated_at) - start).toBeGreaterThanOrEqual(LADDER_SPAN_MS);
		expect(await d1Endpoint(world.endpoint.id)).toMatchObject({ probeAt: null });
	});

	it("a lost catch-up message is sent again by the overdue sweep, and the parked deliveries still arrive", async () => {
		world.receiver.downUntil = Date.now() + 2_000;
		await fanOutEvents(world.client.id, drainOf("ver_01M89C2HAHJXT1F6CR9J1HN1BR"));
		await world.sim.runOnce("kyc-deliveries");
		expect(world.sim.lose("kyc-deliveries")).toBe(1);
		const endpoint = await d1Endpoint(world.endpoint.id);
		expect(endpoint?.probeAt).not.toBeNull();
		vi.setSystemTime(Date.now() + 10 * 60_000);
		expect(await sweepOverdueDeliveries(env, Date.now())).toBe(1);
		await world.sim.runInTime(() => arrivals().size === 3);
		expect(world.receiver.received.map((r) => r.body.data.version)).toEqual([1, 2, 3]);
	});
});
