import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config";
import { PRUNE_BATCH, PRUNE_ROUNDS, pruneExpired } from "../../src/cron/prune";
import { runFirstAlarm, runUntil } from "../helpers/alarms";
import { ADMIN_TOKEN, call, json, newClient, passport, submit } from "../helpers/api";
import { type HistoryTemplate, historyTemplate, seedHistory } from "../helpers/history";
import {
	d1ClientCounts,
	d1Deliveries,
	d1Endpoint,
	d1Events,
	d1IdempotencyKeys,
	d1Verification,
	verificationStorage,
} from "../helpers/inspect";
import { ageProjection } from "../helpers/scenarios";
import { shardFor } from "../helpers/shards";
import { useMsw } from "../helpers/webhooks-receiver";
import { endpointsApi, freshWorld, type WebhookWorld } from "../helpers/webhooks-world";

useMsw();

const DAY = 86_400_000;
const { retention } = loadConfig(env);

/** Runs the prune until nothing is due, so a test starts from no backlog whatever ran before it. */
async function pruneAll(): Promise<void> {
	for (let i = 0; i < 50; i++) {
		const r = await pruneExpired(env, Date.now());
		if (Object.values(r.deleted).every((n) => n === 0)) return;
	}
	throw new Error("the prune never caught up");
}

describe("D1 retention: old records go, in bounded batches, never active ones", () => {
	it("a final verification older than RECORD_RETENTION_SECONDS loses its projection, timeline and key; a recent one stays", async () => {
		const oldOne = await submit(passport(0), undefined, { "idempotency-key": `old-${Date.now()}` });
		await runUntil(oldOne.id, ["verified"]);
		const recent = await submit(passport(0));
		await runUntil(recent.id, ["verified"]);
		const agedId = await ageProjection(oldOne.id, retention.recordsMs + DAY);
		expect(await d1Events(agedId)).not.toHaveLength(0);

		const pruned = await pruneExpired(env, Date.now());
		expect(pruned.deleted.verifications).toBeGreaterThanOrEqual(1);
		expect(await d1Verification(agedId)).toBeNull();
		expect(await d1Events(agedId)).toHaveLength(0);
		expect(await d1IdempotencyKeys(agedId)).toHaveLength(0);
		expect(await d1Verification(recent.id)).not.toBeNull();
	});

	it("events are a window: past EVENT_RETENTION_SECONDS they leave the feed and the timeline; the verification stays", async () => {
		const client = await newClient("event-window");
		const v = await submit(passport(0), client.key);
		await runUntil(v.id, ["verified"], client.key);
		const events = await d1Events(v.id);
		expect(events.length).toBeGreaterThanOrEqual(3);
		const feedBefore = await json<{ data: { id: string }[] }>(await call("/api/events?limit=100", { key: client.key }));
		expect(feedBefore.data.length).toBeGreaterThanOrEqual(3);
		// A month and a day later (the verification's record retention is far off), the prune takes its events.
		const later = Date.now() + retention.eventsMs + DAY;
		const pruned = await pruneExpired(env, later);
		expect(pruned.deleted.events).toBeGreaterThanOrEqual(events.length);
		expect(await d1Events(v.id)).toHaveLength(0);
		expect(await d1Verification(v.id)).not.toBeNull();
		const view = await json<{ status: string }>(await call(`/api/verifications/${v.id}`, { key: client.key }));
		expect(view.status).toBe("verified");
		const feedAfter = await json<{ data: unknown[] }>(await call("/api/events?limit=100", { key: client.key }));
		expect(feedAfter.data).toHaveLength(0);
		// A cursor past the window is told so, with the way back.
		const stale = await call(`/api/events?starting_after=${feedBefore.data[0]?.id}`, { key: client.key });
		expect(stale.status).toBe(400);
		expect((await json<{ code: string }>(stale)).code).toBe("cursor_not_found");
	});

	it("an active verification is kept however old", async () => {
		const active = await submit(passport(5));
		await runFirstAlarm(active.id);
		const agedId = await ageProjection(active.id, retention.recordsMs + DAY);
		await pruneExpired(env, Date.now());
		expect(await d1Verification(agedId)).not.toBeNull();
	});
});

describe("D1 retention at scale: far more than 100 rows due (D1 binds at most 100 values a statement)", () => {
	let world: WebhookWorld;
	let template: HistoryTemplate;

	beforeAll(async () => {
		world = await freshWorld();
		template = await historyTemplate(world.client.key, world.endpoint.id);
	});

	const account = () => ({ clientId: world.client.id, livemode: false, endpointId: world.endpoint.id });

	it("one run prunes 340 verifications (their 1,020 events and 170 keys) and 1,020 deliveries; the recent ones stay", async () => {
		await pruneAll();
		const client = await newClient("retention-scale");
		const endpoint = await json<{ id: string }>(
			await call("/api/webhook-endpoints/", { key: client.key, body: { url: "http://127.0.0.1:9/hook" } }),
		);
		const accounts = [{ clientId: client.id, livemode: false, endpointId: endpoint.id }];
		const now = Date.now();
		const old = await seedHistory(template, {
			accounts,
			perAccount: 340,
			from: now - retention.recordsMs - 90 * DAY,
			to: now - retention.recordsMs - DAY,
		});
		expect(old).toEqual({ verifications: 340, events: 340 * template.events.length, deliveries: 1_020 });
		// Recent history: its deliveries are past DELIVERY_RETENTION_SECONDS for the most part, its verifications are not.
		await seedHistory(template, {
			accounts,
			perAccount: 30,
			from: now - 60 * DAY,
			to: now - DAY,
			generation: 1,
		});
		const before = await d1ClientCounts(client.id);

		const pruned = await pruneExpired(env, now);
		expect(pruned.deleted.verifications).toBe(340);
		expect(pruned.deleted.deliveries).toBeGreaterThan(1_020);
		expect(pruned).toMatchObject({ backlog: { verifications: 0, deliveries: 0 }, behind: false });
		const after = await d1ClientCounts(client.id);
		expect(after.verifications).toBe(before.verifications - 340);
		// The old verifications' events, and the recent ones' past the 30-day event window.
		expect(pruned.deleted.events).toBe(before.events - after.events - 340 * template.events.length);
		expect(after.events).toBeLessThan(before.events - 340 * template.events.length);
		expect(after.idempotencyKeys).toBe(before.idempotencyKeys - 170);
		// What is left is recent: 30 verifications, and the deliveries younger than 30 days.
		expect(after.verifications).toBe(30);
		expect(after.oldestDeliveryAt).toBeGreaterThanOrEqual(now - retention.deliveriesMs);
		expect(after.deliveries).toBeGreaterThan(0);
	});

	it("a run that cannot catch up records its backlog for the operator and logs an error", async () => {
		await pruneAll();
		const errors = vi.spyOn(console, "error");
		const now = Date.now();
		const due = PRUNE_BATCH.verifications * PRUNE_ROUNDS + 100;
		await seedHistory(template, {
			accounts: [account()],
			perAccount: due,
			from: now - retention.recordsMs - 30 * DAY,
			to: now - retention.recordsMs - DAY,
			generation: 2,
		});

		const first = await pruneExpired(env, now);
		expect(first.deleted.verifications).toBe(PRUNE_BATCH.verifications * PRUNE_ROUNDS);
		expect(first.backlog.verifications).toBe(100);
		expect(first.behind).toBe(true);
		expect(first.lag_seconds.verifications).toBeGreaterThan(DAY / 1000);
		const logged = errors.mock.calls.map(([line]) => JSON.parse(String(line)) as { event: string });
		errors.mockRestore();
		expect(logged).toContainEqual(expect.objectContaining({ event: "retention.prune_behind" }));
		// The operator's view of the last run.
		const status = await json<{ jobs: { job: string; state: { behind: boolean; backlog: object } }[] }>(
			await call("/admin/cron/", { key: ADMIN_TOKEN }),
		);
		const shard = (await shardFor(world.client.id)).name;
		expect(status.jobs.find((j) => j.job === `prune@${shard}`)?.state).toMatchObject({
			behind: true,
			backlog: { verifications: 100 },
		});

		const second = await pruneExpired(env, now);
		expect(second.deleted.verifications).toBe(100);
		expect(second).toMatchObject({ backlog: { verifications: 0 }, behind: false });
	});

	it("a deleted endpoint is gone for the API at once; its 1,200-row log goes with the prune, then its row", async () => {
		await pruneAll();
		const endpoint = await json<{ id: string }>(
			await endpointsApi(world, "/", { body: { url: "https://hooks.partner.example.com/deleted" } }),
		);
		await seedHistory(template, {
			accounts: [{ ...account(), endpointId: endpoint.id }],
			perAccount: 400,
			from: Date.now() - 20 * DAY,
			to: Date.now() - DAY,
			generation: 3,
		});
		expect(await d1Deliveries(endpoint.id)).toHaveLength(1_200);

		expect((await endpointsApi(world, `/${endpoint.id}/`, { method: "DELETE" })).status).toBe(200);
		expect((await endpointsApi(world, `/${endpoint.id}/`)).status).toBe(404);
		expect((await endpointsApi(world, `/${endpoint.id}/deliveries/`)).status).toBe(404);
		const listed = await json<{ data: { id: string }[] }>(await endpointsApi(world, "/"));
		expect(listed.data.map((e) => e.id)).not.toContain(endpoint.id);
		expect(await d1Endpoint(endpoint.id)).toMatchObject({
			deletedAt: expect.any(Number),
			disabledAt: expect.any(Number),
		});

		const pruned = await pruneExpired(env, Date.now());
		expect(pruned.deleted).toMatchObject({ deliveries: 1_200, endpoints: 1 });
		expect(await d1Deliveries(endpoint.id)).toHaveLength(0);
		expect(await d1Endpoint(endpoint.id)).toBeNull();
	});
});

describe("fingerprints do not outlive redaction", () => {
	it("redaction clears the blind index and request hash in the object and in D1", async () => {
		const headers = { "idempotency-key": `redact-${Date.now()}` };
		const body = passport(1);
		const v = await submit(body, undefined, headers);
		await runUntil(v.id, ["failed"]);
		expect((await call(`/api/verifications/${v.id}/`, { method: "DELETE" })).status).toBe(200);
		const { meta } = await verificationStorage(v.id);
		expect(meta.blindIndex).toBeNull();
		expect(meta.requestHash).toBe("redacted");
		expect((await d1Verification(v.id))?.blindIndex).toBeNull();
		expect((await d1IdempotencyKeys(v.id)).map((k) => k.requestHash)).toEqual(["redacted"]);
		// The key still answers: replaying it is refused, it does not create a new verification.
		const replay = await call("/api/verifications/", { body, headers });
		expect(replay.status).toBe(422);
		expect(await json(replay)).toMatchObject({ code: "idempotency_key_reused" });
	});
});
