import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RECOVER_LIMIT } from "../../src/webhooks/delivery-log";
import { type DeliveryMessage } from "../../src/webhooks/messages";
import { call, json, newClient } from "../helpers/api";
import { d1Deliveries } from "../helpers/inspect";
import { seedDelivery } from "../helpers/scenarios";

/** Every message names the shard of its rows (src/db/shards.ts). */
const SHARD = expect.stringMatching(/^SHARD_\d+$/);

afterEach(() => vi.restoreAllMocks());

interface Recovery {
	recovered: number;
	dry_run: boolean;
	until: string;
	has_more: boolean;
	next_cursor: string | null;
}

async function setup(failed: number) {
	const client = await newClient("recover-walk");
	const res = await call("/api/webhook-endpoints/", { key: client.key, body: { url: "http://127.0.0.1:9/hook" } });
	const endpointId = ((await res.json()) as { id: string }).id;
	const ids: string[] = [];
	for (let i = 0; i < failed; i++) {
		ids.push(
			await seedDelivery({
				clientId: client.id,
				endpointId,
				eventId: `evt_${i}`,
				eventType: "verification.failed",
				status: "failed",
			}),
		);
	}
	const sent: DeliveryMessage[] = [];
	vi.spyOn(env.DELIVERIES_QUEUE, "sendBatch").mockImplementation(async (batch) => {
		for (const m of batch) sent.push(m.body as DeliveryMessage);
		return undefined as never;
	});
	const recover = async (body: Record<string, unknown>) => {
		const r = await call(`/api/webhook-endpoints/${endpointId}/recover/`, { key: client.key, body });
		expect(r.status, await r.clone().text()).toBe(202);
		return json<Recovery>(r);
	};
	return { client, endpointId, ids, sent, recover };
}

const since = new Date(Date.now() - 3_600_000).toISOString();

describe("recover walks a window once", () => {
	it("past the per-call limit, the cursor reaches every row once; the same call again would not re-send", async () => {
		const w = await setup(RECOVER_LIMIT + 1);
		const first = await w.recover({ since });
		expect(first).toMatchObject({ recovered: RECOVER_LIMIT, has_more: true, dry_run: false });
		const second = await w.recover({ since, until: first.until, starting_after: first.next_cursor });
		expect(second).toMatchObject({ recovered: 1, has_more: false, next_cursor: null });
		expect(new Set(w.sent.map((m) => m.deliveryId)).size).toBe(RECOVER_LIMIT + 1);
		expect(w.sent).toHaveLength(RECOVER_LIMIT + 1);
	});

	it("dry_run counts and sends nothing; event_id re-sends one event's delivery even if it succeeded", async () => {
		const w = await setup(3);
		expect(await w.recover({ since, dry_run: true })).toMatchObject({ recovered: 3, dry_run: true });
		expect(w.sent).toHaveLength(0);
		expect((await d1Deliveries(w.endpointId)).every((d) => d.status === "failed")).toBe(true);

		const eventId = "evt_01M8RHWXP40DWWZKJHDDZMY644";
		const done = await seedDelivery({
			clientId: w.client.id,
			endpointId: w.endpointId,
			eventId,
			eventType: "verification.verified",
			status: "succeeded",
		});
		expect(await w.recover({ since, event_id: eventId })).toMatchObject({ recovered: 1 });
		expect(w.sent).toEqual([{ shard: SHARD, deliveryId: done, generation: 2 }]);
		expect((await d1Deliveries(w.endpointId)).find((d) => d.id === done)?.status).toBe("pending");
		const malformed = await call(`/api/webhook-endpoints/${w.endpointId}/recover/`, {
			key: w.client.key,
			body: { since, event_id: "evt_ok" },
		});
		expect(malformed.status).toBe(422);
	});

	it("test pings are logged as deliveries but never re-sent, by the window or by their event id", async () => {
		const w = await setup(1);
		const pingEvent = "evt_01M8RHWXP40DWWZKJHDDZMY655";
		const ping = await seedDelivery({
			clientId: w.client.id,
			endpointId: w.endpointId,
			eventId: pingEvent,
			eventType: "webhook.test",
			status: "failed",
		});
		expect(await w.recover({ since })).toMatchObject({ recovered: 1 });
		expect(await w.recover({ since, event_id: pingEvent })).toMatchObject({ recovered: 0 });
		expect(w.sent).toEqual([{ shard: SHARD, deliveryId: w.ids[0], generation: 2 }]);
		expect((await d1Deliveries(w.endpointId)).find((d) => d.id === ping)).toMatchObject({
			status: "failed",
			generation: 1,
		});
	});

	it("a window that ends before the rows' creation re-sends nothing", async () => {
		const w = await setup(2);
		expect(await w.recover({ since, until: since })).toMatchObject({ recovered: 0, has_more: false });
		expect(w.sent).toHaveLength(0);
	});
});
