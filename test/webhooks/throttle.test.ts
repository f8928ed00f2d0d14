import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pacing } from "../../src/webhooks/throttle";
import { deliveries, fanOutEvents, statusEvent } from "../helpers/webhooks-harness";
import { useMsw } from "../helpers/webhooks-receiver";
import { endpointsApi, freshWorld, type WebhookWorld } from "../helpers/webhooks-world";

useMsw();

/** The rate the deliveries left at, per second: how many went out after the first, over the time they took. */
const rateOf = (times: number[]) => ((times.length - 1) * 1000) / ((times.at(-1) ?? 0) - (times[0] ?? 0));

/** The most sends in any one-second window starting at a send. */
const busiestSecond = (times: number[]) =>
	Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));

describe("per-endpoint throttle (rate_limit)", () => {
	let world: WebhookWorld;

	beforeEach(async () => {
		world = await freshWorld();
		vi.useFakeTimers({ toFake: ["Date"] });
		// The consumer waits for a slot by moving the fake clock, never by sleeping: the times below are the ones it
		// sends at.
		vi.spyOn(pacing, "wait").mockImplementation(async (ms) => {
			vi.setSystemTime(Date.now() + ms);
		});
	});

	afterEach(() => {
		vi.useRealTimers();
	});

	it.each([1, 5, 20])(
		"holds %i deliveries a second within 10 %%, in order, dropping none and counting no attempt",
		async (rate) => {
			const patched = await endpointsApi(world, `/${world.endpoint.id}/`, {
				method: "PATCH",
				body: { rate_limit: rate },
			});
			expect(patched.status).toBe(200);
			expect(await patched.json()).toMatchObject({ rate_limit: rate });
			const n = Math.max(30, rate * 6);
			const events = Array.from({ length: n }, (_, i) => {
				vi.setSystemTime(Date.now() + 1);
				return statusEvent(i + 1);
			});
			// One fan-out: messages of 25 deliveries, all due at once (a burst well above the rate).
			await fanOutEvents(world.client.id, events);
			await world.sim.runInTime(() => world.receiver.received.length === n);
			// The send times, in time order (runs take turns, each on its own timeline: see runInTime).
			const times = world.receiver.received.map((r) => r.at).sort((a, b) => a - b);
			expect(times).toHaveLength(n);
			const measured = rateOf(times);
			console.log(
				`throttle ${rate}/s: ${n} deliveries at ${measured.toFixed(3)}/s, busiest second ${busiestSecond(times)}`,
			);
			expect(Math.abs(measured - rate) / rate).toBeLessThanOrEqual(0.1);
			expect(busiestSecond(times)).toBeLessThanOrEqual(rate);
			// In order: the fan-out's order, one after another.
			const inTime = [...world.receiver.received].sort((a, b) => a.at - b.at);
			expect(inTime.map((r) => r.body.data.version)).toEqual(events.map((e) => e.data.version));
			const log = await deliveries(world.client.key, world.endpoint.id, "?limit=100");
			expect(log.every((d) => d.status === "succeeded" && d.attempts === 1)).toBe(true);
			// Waiting for a slot went through the queue as new messages, never as a retry (which would count an attempt).
			expect(world.sim.retries).toEqual([]);
		},
	);

	it("an endpoint without a rate_limit sends a burst at once", async () => {
		const events = Array.from({ length: 30 }, (_, i) => statusEvent(i + 1));
		await fanOutEvents(world.client.id, events);
		await world.sim.runInTime(() => world.receiver.received.length === 30);
		const times = world.receiver.received.map((r) => r.at);
		expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBe(0);
	});

	it.each([0, -1, 1.5, 1001])("refuses rate_limit %s", async (rate) => {
		const res = await endpointsApi(world, `/${world.endpoint.id}/`, { method: "PATCH", body: { rate_limit: rate } });
		expect(res.status).toBe(422);
	});
});
