import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { reconcileEvents } from "../src/cron/reconcile-events";
import { newId } from "../src/ids";
import type { EventMessage } from "../src/verification/outbox";
import { call, newClient } from "./helpers";

afterEach(() => vi.restoreAllMocks());

/** Projects a status change into D1 as the outbox would, `ageMs` ago, without any delivery rows. */
async function projectedEvent(clientId: string, ageMs: number): Promise<string> {
	const at = Date.now() - ageMs;
	const verificationId = newId("ver", at);
	const eventId = newId("evt", at);
	await env.DB.prepare(
		`INSERT INTO verifications (id, client_id, status, version, revision, reference, passport_last3, provider, created_at, updated_at, body)
		 VALUES (?, ?, 'processing', 2, 2, 'ref-1', '670', 'sandbox', ?, ?, '{}')`,
	)
		.bind(verificationId, clientId, at, at)
		.run();
	await env.DB.prepare(
		`INSERT INTO verification_events (id, verification_id, client_id, type, status_change, version, status, previous_status, data, created_at)
		 VALUES (?, ?, ?, 'verification.processing', 1, 2, 'processing', 'submitted', '{"last_error":null,"required_action":null}', ?)`,
	)
		.bind(eventId, verificationId, clientId, at)
		.run();
	return eventId;
}

describe("cron: events lost between queues are queued again", () => {
	it("re-sends a status change that a subscribed endpoint never got a delivery row for, and nothing else", async () => {
		const client = await newClient("reconcile");
		const created = await call("/api/webhook-endpoints/", { key: client.key, body: { url: "http://127.0.0.1:9/hook" } });
		expect(created.status).toBe(201);
		const endpointId = ((await created.json()) as { id: string }).id;
		// The endpoint must predate the event for the event to be owed to it.
		await env.DB.prepare("UPDATE webhook_endpoints SET created_at = ? WHERE id = ?")
			.bind(Date.now() - 3_600_000, endpointId)
			.run();
		const lost = await projectedEvent(client.id, 10 * 60_000);
		const tooFresh = await projectedEvent(client.id, 60_000);
		const delivered = await projectedEvent(client.id, 10 * 60_000);
		await env.DB.prepare(
			`INSERT INTO webhook_deliveries (id, client_id, endpoint_id, event_id, event_type, payload, status, created_at, updated_at)
			 VALUES (?, ?, ?, ?, 'verification.processing', '{}', 'succeeded', ?, ?)`,
		)
			.bind(newId("del"), client.id, endpointId, delivered, Date.now(), Date.now())
			.run();

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
});
