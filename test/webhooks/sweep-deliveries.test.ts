import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config";
import { sweepOverdueDeliveries } from "../../src/cron/sweep-deliveries";
import { type DeliveryMessage } from "../../src/webhooks/messages";
import { MAX_DELIVERY_ATTEMPTS } from "../../src/webhooks/retry-policy";
import { call, newClient } from "../helpers/api";
import { d1Deliveries, deliveryPlans, recordD1Statements } from "../helpers/inspect";
import { seedDelivery } from "../helpers/scenarios";

afterEach(() => vi.restoreAllMocks());

async function endpointOf(key: string): Promise<string> {
	const res = await call("/api/webhook-endpoints/", { key, body: { url: "http://127.0.0.1:9/hook" } });
	expect(res.status).toBe(201);
	return ((await res.json()) as { id: string }).id;
}

describe("cron: deliveries whose queue message was lost are noticed and ended", () => {
	it("a pending delivery past its next attempt is sent again in a fresh round; an exhausted one is marked failed", async () => {
		const client = await newClient("sweep-deliveries");
		const endpointId = await endpointOf(client.key);
		const now = Date.now();
		const overdue = now - loadConfig(env).sweeps.overdueDeliveryMs - 60_000;
		const base = { clientId: client.id, endpointId, eventType: "verification.verified", status: "pending" };
		const lost = await seedDelivery({
			...base,
			eventId: "evt_lost",
			attempts: 0,
			nextAttemptAt: overdue,
		});
		const deadLetterLost = await seedDelivery({
			...base,
			eventId: "evt_dead",
			attempts: MAX_DELIVERY_ATTEMPTS,
			nextAttemptAt: overdue,
		});
		const alsoDead = await seedDelivery({
			...base,
			eventId: "evt_dead_too",
			attempts: MAX_DELIVERY_ATTEMPTS,
			nextAttemptAt: overdue,
		});
		const waiting = await seedDelivery({ ...base, eventId: "evt_waiting", attempts: 2, nextAttemptAt: now + 60_000 });
		const done = await seedDelivery({ ...base, eventId: "evt_done", status: "succeeded", nextAttemptAt: null });

		const sent: DeliveryMessage[] = [];
		vi.spyOn(env.DELIVERIES_QUEUE, "sendBatch").mockImplementation(async (batch) => {
			for (const m of batch) sent.push(m.body as DeliveryMessage);
			return undefined as never;
		});
		const recorded = recordD1Statements();
		try {
			expect(await sweepOverdueDeliveries(env, now)).toBe(3);
		} finally {
			recorded.restore();
		}
		// Its writes find their rows by id, not by status (which would read every pending delivery).
		const writes = (await deliveryPlans(recorded.texts)).filter(({ text }) => /^\s*update/i.test(text));
		expect(writes.length).toBeGreaterThan(0);
		expect(writes.filter(({ step }) => !step.includes("sqlite_autoindex_webhook_deliveries_1"))).toEqual([]);
		expect(sent).toEqual([{ deliveryId: lost, generation: 2 }]);
		const rows = new Map((await d1Deliveries(endpointId)).map((d) => [d.id, d]));
		expect(rows.get(lost)).toMatchObject({ status: "pending", generation: 2, owner: null });
		expect(rows.get(deadLetterLost)).toMatchObject({ status: "failed", errorClass: "retries_exhausted" });
		expect(rows.get(alsoDead)).toMatchObject({ status: "failed", errorClass: "retries_exhausted" });
		expect(rows.get(waiting)).toMatchObject({ status: "pending", generation: 1 });
		expect(rows.get(done)).toMatchObject({ status: "succeeded" });

		// Nothing overdue any more: a second sweep does nothing.
		expect(await sweepOverdueDeliveries(env, now)).toBe(0);
	});

	it("a loss of hundreds is re-sent in one run, not a hundred a minute", async () => {
		const client = await newClient("sweep-deliveries-many");
		const endpointId = await endpointOf(client.key);
		const now = Date.now();
		const overdue = now - loadConfig(env).sweeps.overdueDeliveryMs - 60_000;
		const base = {
			clientId: client.id,
			endpointId,
			eventType: "verification.verified",
			status: "pending",
			attempts: 0,
		};
		for (let i = 0; i < 250; i++) await seedDelivery({ ...base, eventId: `evt_many_${i}`, nextAttemptAt: overdue + i });
		const sent: DeliveryMessage[] = [];
		vi.spyOn(env.DELIVERIES_QUEUE, "sendBatch").mockImplementation(async (batch) => {
			for (const m of batch) sent.push(m.body as DeliveryMessage);
			return undefined as never;
		});
		expect(await sweepOverdueDeliveries(env, now)).toBe(250);
		expect(new Set(sent.map((m) => m.deliveryId)).size).toBe(250);
		const rows = await d1Deliveries(endpointId);
		expect(rows.every((d) => d.status === "pending" && d.generation === 2 && d.nextAttemptAt === now)).toBe(true);
	});
});
