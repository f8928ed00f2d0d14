/**
 * `webhook-timestamp` is the moment of each POST, not of its message: a message carries up to 25 deliveries, POSTed
 * one after another, and on the slow lane each may wait 15 s, so a timestamp taken once would be minutes old by the
 * last POST, and a receiver that enforces the usual 5-minute tolerance (`standardwebhooks` does) would refuse it.
 */
import { http } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type DeliveryMessage, deliveriesOf } from "../../src/webhooks/messages";
import { fanOutEvents, statusEvent } from "../helpers/webhooks-harness";
import { msw, useMsw } from "../helpers/webhooks-receiver";
import { freshWorld } from "../helpers/webhooks-world";

useMsw();
afterEach(() => vi.useRealTimers());

/** How long each POST keeps the consumer waiting (the clock moves; nothing waits). */
const SLOW_ANSWER_MS = 70_000;

describe("each POST is stamped and signed when it is sent", () => {
	it("the later POSTs of a long message carry later timestamps and verify within the receiver's tolerance", async () => {
		const world = await freshWorld();
		const events = Array.from({ length: 6 }, (_, i) => statusEvent(i + 1));
		await fanOutEvents(world.client.id, events);
		const queued = world.sim.sent.filter((m) => m.queue === "kyc-deliveries");
		expect(queued.map((m) => deliveriesOf(m.body as DeliveryMessage).length)).toEqual([6]);

		// A receiver that takes 70 s per request: the sixth POST leaves almost six minutes after the message started.
		vi.useFakeTimers({ toFake: ["Date"] });
		const startedAt = Date.now();
		msw.use(
			http.post(world.receiver.url, () => {
				vi.setSystemTime(Date.now() + SLOW_ANSWER_MS);
				return undefined; // on to the partner's receiver, which checks the signature at its (later) time
			}),
		);
		await world.sim.runOnce("kyc-deliveries");

		expect(world.sim.retries).toEqual([]);
		// In delivery-id order (one millisecond's event ids sort at random): every one arrived, once, and verified.
		expect(world.receiver.received.map((r) => r.id)).toEqual(events.map((e) => e.id).sort());
		const stamps = world.receiver.received.map((r) => Number(r.timestamp) * 1000);
		stamps.forEach((at, i) => {
			// Stamped as it left: the slow answers before it have moved the clock on.
			expect(at).toBeGreaterThanOrEqual(Math.floor((startedAt + i * SLOW_ANSWER_MS) / 1000) * 1000);
		});
		expect(stamps.at(-1) ?? 0).toBeGreaterThan(startedAt + 5 * 60_000);
	});
});
