import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MAX_SEND_BATCH, reconcileEvents } from "../../src/cron/reconcile-events";
import { type EventMessage } from "../../src/verification/history";
import { call, newClient } from "../helpers/api";
import { backdateEndpoint, projectedEvent, seedDelivery } from "../helpers/scenarios";

afterEach(() => vi.restoreAllMocks());

describe("cron: events lost between queues are queued again", () => {
	it("re-sends a status change that a subscribed endpoint never got a delivery row for, and nothing else", async () => {
		const client = await newClient("reconcile");
		const created = await call("/api/webhook-endpoints/", {
			key: client.key,
			body: { url: "http://127.0.0.1:9/hook" },
		});
		expect(created.status).toBe(201);
		const endpointId = ((await created.json()) as { id: string }).id;
		// The endpoint must predate the event for the event to be owed to it.
		await backdateEndpoint(endpointId, Date.now() - 3_600_000);
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

		const sent: EventMessage[] = [];
		vi.spyOn(env.EVENTS_QUEUE, "sendBatch").mockImplementation(async (batch) => {
			for (const m of batch) sent.push(m.body as EventMessage);
			return undefined as never;
		});
		expect(await reconcileEvents(env, Date.now())).toBe(1);
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({
			clientId: client.id,
			event: {
				id: lost,
				type: "verification.processing",
				data: { status: "processing", previous_status: "submitted", version: 2, reference: "ref-1" },
			},
		});
		expect(sent.map((m) => m.event.id)).not.toContain(tooFresh);
	});

	it("SWEEP_LOST_EVENT_SECONDS sets the age at which an event counts as lost", async () => {
		const client = await newClient("reconcile-short");
		const created = await call("/api/webhook-endpoints/", {
			key: client.key,
			body: { url: "http://127.0.0.1:9/hook" },
		});
		const endpointId = ((await created.json()) as { id: string }).id;
		await backdateEndpoint(endpointId, Date.now() - 3_600_000);
		const minuteOld = await projectedEvent(client.id, 60_000);
		const sent: string[] = [];
		vi.spyOn(env.EVENTS_QUEUE, "sendBatch").mockImplementation(async (batch) => {
			for (const m of batch) sent.push((m.body as EventMessage).event.id);
			return undefined as never;
		});
		await reconcileEvents(env, Date.now());
		expect(sent).not.toContain(minuteOld); // the production default waits 5 minutes
		const shorter = { ...env, SWEEP_LOST_EVENT_SECONDS: "30" };
		await reconcileEvents(shorter, Date.now());
		expect(sent).toContain(minuteOld);
	});

	it("leaves clients without endpoints alone", async () => {
		const client = await newClient("no-endpoints");
		const orphan = await projectedEvent(client.id, 10 * 60_000);
		const sent: string[] = [];
		vi.spyOn(env.EVENTS_QUEUE, "sendBatch").mockImplementation(async (batch) => {
			for (const m of batch) sent.push((m.body as EventMessage).event.id);
			return undefined as never;
		});
		await reconcileEvents(env, Date.now());
		expect(sent).not.toContain(orphan);
	});

	it("many lost events go out in batches of at most 100 (the Queues limit), not one failing call", async () => {
		const client = await newClient("reconcile-many");
		const created = await call("/api/webhook-endpoints/", {
			key: client.key,
			body: { url: "http://127.0.0.1:9/hook" },
		});
		const endpointId = ((await created.json()) as { id: string }).id;
		await backdateEndpoint(endpointId, Date.now() - 3_600_000);
		for (let i = 0; i < 150; i++) await projectedEvent(client.id, 10 * 60_000 + i);
		const sizes: number[] = [];
		vi.spyOn(env.EVENTS_QUEUE, "sendBatch").mockImplementation(async (batch) => {
			const messages = [...batch];
			if (messages.length > MAX_SEND_BATCH) throw new Error("batch over the Queues limit");
			sizes.push(messages.length);
			return undefined as never;
		});
		// (Earlier tests in this file may have left a lost event of their own.)
		const requeued = await reconcileEvents(env, Date.now());
		expect(requeued).toBeGreaterThanOrEqual(150);
		expect(sizes.length).toBeGreaterThanOrEqual(2);
		expect(sizes.every((n) => n <= MAX_SEND_BATCH)).toBe(true);
		expect(sizes.reduce((a, b) => a + b, 0)).toBe(requeued);
	});
});
