/**
 * End to end in workerd: HTTP → verification Durable Object → outbox → the projection's batch (with the one fan-out)
 * → `deliveries` queue → signed POST → a receiver that verifies every signature with the npm `standardwebhooks` package.
 * Queues are simulated by test/webhooks-harness.ts (delays recorded, not waited for).
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { type VerificationView } from "../../src/verification/view";
import { type DeliveryMessage, deliveriesOf } from "../../src/webhooks/messages";
import { RETRY_LADDER_SECONDS } from "../../src/webhooks/retry-policy";
import { runUntil, stubOf } from "../helpers/alarms";
import { call, json, passport, submit } from "../helpers/api";
import { verificationStorage } from "../helpers/inspect";
import { passDeadline } from "../helpers/scenarios";
import { deliveries, type QueueSim } from "../helpers/webhooks-harness";
import { msw, type Receiver, useMsw } from "../helpers/webhooks-receiver";
import { freshWorld, type WebhookWorld } from "../helpers/webhooks-world";

useMsw();

let sim: QueueSim;
let client: WebhookWorld["client"];
let receiver: Receiver;
let endpoint: WebhookWorld["endpoint"];

beforeEach(async () => {
	({ sim, client, receiver, endpoint } = await freshWorld());
});

async function retry(id: string, body?: unknown): Promise<void> {
	const res = await call(
		`/api/verifications/${id}/retry/`,
		body ? { key: client.key, body } : { key: client.key, method: "POST" },
	);
	expect(res.status, await res.clone().text()).toBe(202);
}

/** The status changes of a verification, from its own timeline. */
async function statusChanges(id: string): Promise<{ id: string; type: string; version: number }[]> {
	const res = await call(`/api/verifications/${id}/events/?limit=100`, { key: client.key });
	const body = await json<{ data: { id: string; type: string; version: number; status_change: boolean }[] }>(res);
	return body.data
		.filter((e) => e.status_change)
		.map(({ id: eventId, type, version }) => ({ id: eventId, type, version }));
}

/** Exactly one signed event per status change arrived, versions 1..n without a gap, matching the timeline. */
async function expectEveryStatusChange(v: VerificationView, types: string[]): Promise<void> {
	await sim.drain();
	const got = receiver.forVerification(v.id);
	expect(got.map((r) => r.body.type)).toEqual(types.map((t) => `verification.${t}`));
	expect(got.map((r) => r.body.data.version)).toEqual(types.map((_, i) => i + 1));
	expect(new Set(got.map((r) => r.id)).size).toBe(got.length);
	expect(got.every((r) => r.id === r.body.id)).toBe(true);
	const timeline = await statusChanges(v.id);
	expect(got.map((r) => ({ id: r.body.id, type: r.body.type, version: r.body.data.version }))).toEqual(timeline);
	const last = got.at(-1)?.body.data;
	expect(last).toMatchObject({ id: v.id, status: types.at(-1), previous_status: types.at(-2) ?? null });
	expect(JSON.stringify(got)).not.toMatch(/A1234567|Okafor|1990-04-15/);
}

describe("every sandbox outcome reaches the receiver, one signed event per status change", () => {
	it("0 → verified", async () => {
		const v = await submit(passport(0), client.key);
		await runUntil(v.id, ["verified"], client.key);
		await expectEveryStatusChange(v, ["submitted", "processing", "verified"]);
	});

	it("1 → failed (not retryable)", async () => {
		const v = await submit(passport(1), client.key);
		await runUntil(v.id, ["failed"], client.key);
		await expectEveryStatusChange(v, ["submitted", "processing", "failed"]);
		expect(receiver.forVerification(v.id).at(-1)?.body.data.last_error).toMatchObject({
			code: "passport_not_found",
			retryable: false,
		});
	});

	it("2 → requires_action, corrected → verified", async () => {
		const v = await submit(passport(2), client.key);
		await runUntil(v.id, ["requires_action"], client.key);
		await retry(v.id, { date_of_birth: "1990-05-14" });
		await runUntil(v.id, ["verified"], client.key);
		await expectEveryStatusChange(v, [
			"submitted",
			"processing",
			"requires_action",
			"submitted",
			"processing",
			"verified",
		]);
		expect(receiver.forVerification(v.id)[2]?.body.data.required_action).toMatchObject({
			code: "date_of_birth_mismatch",
		});
	});

	it("3 → unavailable twice, then verified", async () => {
		const v = await submit(passport(3), client.key);
		await runUntil(v.id, ["verified"], client.key);
		await expectEveryStatusChange(v, ["submitted", "processing", "verified"]);
	});

	it("4 → failed (retryable), retried → verified", async () => {
		const v = await submit(passport(4), client.key);
		await runUntil(v.id, ["failed"], client.key);
		await retry(v.id);
		await runUntil(v.id, ["verified"], client.key);
		await expectEveryStatusChange(v, ["submitted", "processing", "failed", "submitted", "processing", "verified"]);
	});

	it("5 → expired at the deadline", async () => {
		const v = await submit(passport(5), client.key);
		await runUntil(v.id, ["processing"], client.key);
		await passDeadline(v.id);
		await runUntil(v.id, ["expired"], client.key);
		await expectEveryStatusChange(v, ["submitted", "processing", "expired"]);
	});

	it("6 → verified after a short delay", async () => {
		const v = await submit(passport(6), client.key);
		await runUntil(v.id, ["verified"], client.key);
		await expectEveryStatusChange(v, ["submitted", "processing", "verified"]);
	});
});

describe("nothing is lost", () => {
	it("a receiver answering 500 to each event's first 4 attempts still gets every event: the catch-up probes, then releases", async () => {
		receiver.failEachFirst = 4;
		const v = await submit(passport(0), client.key);
		await runUntil(v.id, ["verified"], client.key);
		await expectEveryStatusChange(v, ["submitted", "processing", "verified"]);
		// Each event is POSTed 5 times, as on the ladder. The first failure parks the drain's three deliveries and the
		// catch-up probes the oldest (1 s, 2 s later, then the ladder's 5 s rung) until it gets through, then releases
		// the other two; the second does the same. The last one, alone, has a budget for no probe sooner than the
		// ladder: it stays on the ladder (its message retried 5 s, 5 min, 30 min, 2 h later, as before).
		expect(receiver.requests).toBe(3 * 5);
		const probes = sim.sent.filter((m) => (m.body as { catchUp?: string }).catchUp === endpoint.id);
		expect(probes).toHaveLength(8);
		const delays = sim.retries.filter((r) => r.queue === "kyc-deliveries");
		for (const r of delays) {
			const step = RETRY_LADDER_SECONDS[r.attempts - 1] ?? 0;
			expect(r.delaySeconds).toBeGreaterThanOrEqual(Math.floor(step * 0.9));
			expect(r.delaySeconds).toBeLessThanOrEqual(step);
		}
		expect(delays.map((r) => r.attempts)).toEqual([1, 2, 3, 4]);
		const log = await deliveries(client.key, endpoint.id);
		expect(log.map((d) => [d.status, d.attempts])).toEqual(Array(3).fill(["succeeded", 5]));
	});

	it("a queue failure between the state commit and the send is recovered by the alarm", async () => {
		const v = await submit(passport(0), client.key);
		sim.down.add("kyc-deliveries");
		// The alarm commits processing (and the provider's answer) and projects all three changes with `submitted`,
		// but cannot send: the outbox keeps them pending, and nothing reaches the receiver.
		expect(await runDurableObjectAlarm(stubOf(v.id))).toBe(true);
		const { state, outbox } = await verificationStorage(v.id);
		expect(outbox).toMatchObject({ from: 1, through: state.revision, lastError: "queue_send_failed" });
		await sim.drain();
		expect(receiver.forVerification(v.id)).toEqual([]);
		sim.down.delete("kyc-deliveries");
		// Whatever the status now, the alarm is armed for the outbox retry and drains it.
		expect(await runDurableObjectAlarm(stubOf(v.id))).toBe(true);
		await runUntil(v.id, ["verified"], client.key);
		await expectEveryStatusChange(v, ["submitted", "processing", "verified"]);
	});

	it("a replayed delivery message (a send retried after it had succeeded) is delivered once", async () => {
		const v = await submit(passport(0), client.key);
		await runUntil(v.id, ["verified"], client.key);
		await sim.drain();
		// One drain, one endpoint: one message carries the three deliveries.
		const sent = sim.sent.filter((m) => m.queue === "kyc-deliveries");
		expect(sent).toHaveLength(1);
		expect(deliveriesOf(sent[0]?.body as DeliveryMessage)).toHaveLength(3);
		for (const s of sent) sim.push("kyc-deliveries", s.body);
		await sim.drain();
		await expectEveryStatusChange(v, ["submitted", "processing", "verified"]);
		expect(receiver.requests).toBe(3);
		expect(await deliveries(client.key, endpoint.id)).toHaveLength(3);
	});

	it("each attempt is signed afresh: a retry keeps its webhook-id and carries the retry's own timestamp", async () => {
		receiver.failEachFirst = 1;
		const seen: { id: string | null; ts: number }[] = [];
		msw.events.on("request:start", ({ request }) => {
			if (request.url === receiver.url) {
				seen.push({ id: request.headers.get("webhook-id"), ts: Number(request.headers.get("webhook-timestamp")) });
			}
		});
		const v = await submit(passport(0), client.key);
		await runUntil(v.id, ["verified"], client.key);
		await sim.runOnce("kyc-deliveries");
		// Ten minutes pass before the retry (only Date is faked; nothing waits).
		vi.useFakeTimers({ toFake: ["Date"] });
		vi.setSystemTime(Date.now() + 600_000);
		try {
			await sim.drain();
		} finally {
			vi.useRealTimers();
			msw.events.removeAllListeners();
		}
		// Each of the three status changes: a failed attempt, then its retry, with the same webhook-id. The first
		// failed before the ten minutes (the other two then went on in a message of their own, after them).
		const delivered = receiver.forVerification(v.id).map((r) => r.id);
		expect(delivered).toHaveLength(3);
		expect(seen).toHaveLength(6);
		for (const id of delivered) expect(seen.filter((s) => s.id === id)).toHaveLength(2);
		const [first, second] = seen.filter((s) => s.id === delivered[0]);
		expect((second?.ts ?? 0) - (first?.ts ?? 0)).toBeGreaterThanOrEqual(599);
	});
});
