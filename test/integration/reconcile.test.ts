import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { reconcileEvents } from "../../src/cron/reconcile-events";
import { type DeliveryMessage, deliveriesOf, MAX_SEND_BATCH, sendDeliveryMessages } from "../../src/webhooks/messages";
import { call, newClient } from "../helpers/api";
import { readsOf } from "../helpers/d1-cost";
import { d1Deliveries } from "../helpers/inspect";
import { backdateEndpoint, projectedEvent, seedDelivery } from "../helpers/scenarios";

afterEach(() => vi.restoreAllMocks());

/** What the sweep queues: the delivery ids of every message it sends, in order. */
function captureSends(): { ids: string[]; sizes: number[] } {
	const sent = { ids: [] as string[], sizes: [] as number[] };
	vi.spyOn(env.DELIVERIES_QUEUE, "sendBatch").mockImplementation(async (batch) => {
		const messages = [...batch];
		if (messages.length > MAX_SEND_BATCH) throw new Error("batch over the Queues limit");
		sent.sizes.push(messages.length);
		for (const m of messages) sent.ids.push(...deliveriesOf(m.body as DeliveryMessage).map((r) => r.deliveryId));
		return undefined as never;
	});
	return sent;
}

async function endpointFor(key: string): Promise<string> {
	const created = await call("/api/webhook-endpoints/", { key, body: { url: "http://127.0.0.1:9/hook" } });
	expect(created.status).toBe(201);
	const endpointId = ((await created.json()) as { id: string }).id;
	// The endpoint must predate the event for the event to be owed to it.
	await backdateEndpoint(endpointId, Date.now() - 3_600_000);
	return endpointId;
}

describe("cron: status changes an endpoint has no delivery row for are fanned out again", () => {
	it("fans out a status change that a subscribed endpoint never got a delivery row for, and nothing else", async () => {
		const client = await newClient("reconcile");
		const endpointId = await endpointFor(client.key);
		const lost = await projectedEvent(client.id, 10 * 60_000);
		const tooFresh = await projectedEvent(client.id, 60_000);
		const delivered = await projectedEvent(client.id, 10 * 60_000);
		await seedDelivery({
			clientId: client.id,
			endpointId,
			eventId: delivered,
			eventType: "verification.processing",
			status: "succeeded",
		});
		const sent = captureSends();
		expect(await reconcileEvents(env, Date.now())).toBe(1);
		const rows = await d1Deliveries(endpointId);
		const row = rows.find((d) => d.eventId === lost);
		expect(row).toMatchObject({ status: "pending", attempts: 0, eventType: "verification.processing" });
		expect(JSON.parse(row?.payload ?? "{}")).toMatchObject({
			id: lost,
			type: "verification.processing",
			data: { status: "processing", previous_status: "submitted", version: 2, reference: "ref-1" },
		});
		expect(sent.ids).toEqual([row?.id]);
		expect(rows.map((d) => d.eventId)).not.toContain(tooFresh);
		expect(rows.filter((d) => d.eventId === delivered)).toHaveLength(1);
	});

	it("SWEEP_LOST_EVENT_SECONDS sets the age at which an event counts as lost", async () => {
		const client = await newClient("reconcile-short");
		const endpointId = await endpointFor(client.key);
		const minuteOld = await projectedEvent(client.id, 60_000);
		captureSends();
		await reconcileEvents(env, Date.now());
		// the production default waits 5 minutes
		expect((await d1Deliveries(endpointId)).map((d) => d.eventId)).not.toContain(minuteOld);
		const shorter = { ...env, SWEEP_LOST_EVENT_SECONDS: "30" };
		await reconcileEvents(shorter, Date.now());
		expect((await d1Deliveries(endpointId)).map((d) => d.eventId)).toContain(minuteOld);
	});

	it("leaves clients without endpoints alone", async () => {
		const client = await newClient("no-endpoints");
		const orphan = await projectedEvent(client.id, 10 * 60_000);
		const sent = captureSends();
		await reconcileEvents(env, Date.now());
		const rows = await env.DB.prepare("SELECT id FROM webhook_deliveries WHERE event_id = ?").bind(orphan).all();
		expect(rows.results).toEqual([]);
		expect(sent.ids.every((id) => !id.includes(orphan.slice(4)))).toBe(true);
	});

	it("many lost events go out in batches of at most 100 (the Queues limit), not one failing call", async () => {
		const client = await newClient("reconcile-many");
		const endpointId = await endpointFor(client.key);
		for (let i = 0; i < 150; i++) await projectedEvent(client.id, 10 * 60_000 + i);
		const sent = captureSends();
		// (Earlier tests in this file may have left a lost event of their own.)
		const requeued = await reconcileEvents(env, Date.now());
		expect(requeued).toBeGreaterThanOrEqual(150);
		expect(sent.sizes.every((n) => n <= MAX_SEND_BATCH)).toBe(true);
		const rows = await d1Deliveries(endpointId);
		expect(rows).toHaveLength(150);
		expect(new Set(sent.ids)).toEqual(new Set(rows.map((d) => d.id)));
	});

	it("a run reads only what landed or aged since the last run; an event that lands late is still caught", async () => {
		const client = await newClient("reconcile-cursor");
		const endpointId = await endpointFor(client.key);
		captureSends();
		// An hour of delivered status changes: the window earlier releases re-read every minute.
		for (let i = 0; i < 60; i++) {
			const eventId = await projectedEvent(client.id, (50 - (i % 45)) * 60_000);
			await seedDelivery({
				clientId: client.id,
				endpointId,
				eventId,
				eventType: "verification.processing",
				status: "succeeded",
			});
		}
		await reconcileEvents(env, Date.now());

		const second = await readsOf("verification_events", () => reconcileEvents(env, Date.now()));
		expect(second.result).toBe(0);
		expect(second.statements).toBeGreaterThan(0);
		expect(second.rowsRead).toBeLessThan(10);

		// Stamped half an hour ago by its object, landing only now, without its delivery row.
		const late = await projectedEvent(client.id, 30 * 60_000);
		expect(await reconcileEvents(env, Date.now())).toBe(1);
		expect((await d1Deliveries(endpointId)).map((d) => d.eventId)).toContain(late);
	});

	it("sends any number of delivery messages in calls of at most 100", async () => {
		const sent = captureSends();
		const messages = Array.from({ length: 250 }, (_, i) => ({ deliveryId: `del_${i}`, generation: 1 }));
		await sendDeliveryMessages(env.DELIVERIES_QUEUE, messages);
		expect(sent.sizes).toEqual([100, 100, 50]);
		expect(sent.ids).toEqual(messages.map((m) => m.deliveryId));
	});
});
