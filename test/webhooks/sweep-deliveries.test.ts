import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { http } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config";
import { sweepOverdueDeliveries } from "../../src/cron/sweep-deliveries";
import { webhookDeliveries } from "../../src/db/schema";
import { claimLeaseMs } from "../../src/webhooks/dispatch";
import { deliveryIdOf } from "../../src/webhooks/fan-out";
import { ATTEMPT_TIMEOUT_MS } from "../../src/webhooks/http-attempt";
import { deliveryBacklog, lostBefore, MAX_BACKLOG_ALLOWANCE_MS } from "../../src/webhooks/lost-messages";
import { MAX_DELIVERIES_PER_MESSAGE } from "../../src/webhooks/messages";
import { MAX_DELIVERY_ATTEMPTS, RETRY_LADDER_SECONDS } from "../../src/webhooks/retry-policy";
import { call, newClient } from "../helpers/api";
import { d1Deliveries, deliveryPlans, recordD1Statements } from "../helpers/inspect";
import { seedDelivery } from "../helpers/scenarios";
import { onEveryDb } from "../helpers/shards";
import { QueueSim } from "../helpers/webhooks-harness";
import { msw, useMsw } from "../helpers/webhooks-receiver";
import { freshWorld, oneDelivery, type WebhookWorld } from "../helpers/webhooks-world";

/** Every message names the shard of its rows (src/db/shards.ts). */
const SHARD = expect.stringMatching(/^SHARD_\d+$/);

useMsw();
afterEach(() => vi.restoreAllMocks());

const MINUTE = 60_000;
const grace = () => loadConfig(env).sweeps.overdueDeliveryMs;

async function endpointOf(key: string): Promise<string> {
	const res = await call("/api/webhook-endpoints/", { key, body: { url: "http://127.0.0.1:9/hook" } });
	expect(res.status).toBe(201);
	return ((await res.json()) as { id: string }).id;
}

/** Writes a delivery's scheduling fields straight to D1: what a lost or late message leaves behind. */
async function setDelivery(id: string, fields: Partial<typeof webhookDeliveries.$inferInsert>): Promise<void> {
	await onEveryDb((db) => db.update(webhookDeliveries).set(fields).where(eq(webhookDeliveries.id, id)));
}

/** The row of the world's delivery of `eventId`. */
async function rowOf(world: WebhookWorld, eventId: string) {
	const row = (await d1Deliveries(world.endpoint.id)).find((d) => d.eventId === eventId);
	if (!row) throw new Error(`no delivery of ${eventId}`);
	return row;
}

const sentTo = (sim: QueueSim, queue = "kyc-deliveries") =>
	sim.sent.filter((m) => m.queue === queue).map((m) => m.body);

describe("cron: deliveries whose queue message was lost are noticed and ended", () => {
	it("a pending delivery past its next attempt is sent again, its ladder kept; an exhausted one is marked failed", async () => {
		const sim = new QueueSim().install();
		const client = await newClient("sweep-deliveries");
		const endpointId = await endpointOf(client.key);
		const now = Date.now();
		const overdue = now - grace() - MINUTE;
		const base = { clientId: client.id, endpointId, eventType: "verification.verified", status: "pending" };
		const lost = await seedDelivery({ ...base, eventId: "evt_lost", attempts: 0, nextAttemptAt: overdue });
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
		// Claimed by a message that died with its runtime, its lease long over: lost too, and it keeps its rung.
		const abandoned = await seedDelivery({ ...base, eventId: "evt_abandoned", attempts: 2, nextAttemptAt: overdue });
		await setDelivery(abandoned, { owner: "msg-dead" });
		// Claimed a moment ago: its message may still be POSTing it.
		const inFlight = await seedDelivery({
			...base,
			eventId: "evt_in_flight",
			attempts: 0,
			nextAttemptAt: now + MINUTE,
		});
		await setDelivery(inFlight, { owner: "msg-live" });
		const waiting = await seedDelivery({ ...base, eventId: "evt_waiting", attempts: 2, nextAttemptAt: now + MINUTE });
		const done = await seedDelivery({ ...base, eventId: "evt_done", status: "succeeded", nextAttemptAt: null });

		const recorded = recordD1Statements();
		try {
			expect(await sweepOverdueDeliveries(env, now)).toBe(4);
		} finally {
			recorded.restore();
		}
		// Its writes find their rows by id, not by status (which would read every pending delivery).
		const writes = (await deliveryPlans(recorded.texts)).filter(({ text }) => /^\s*update/i.test(text));
		expect(writes.length).toBeGreaterThan(0);
		expect(writes.filter(({ step }) => !step.includes("sqlite_autoindex_webhook_deliveries_1"))).toEqual([]);
		// The same round (a late original still counts), and the rung it had reached.
		expect(sentTo(sim)).toEqual([
			{ shard: SHARD, deliveryId: lost, generation: 1 },
			{ shard: SHARD, deliveryId: abandoned, generation: 1, priorAttempts: 2 },
		]);
		const rows = new Map((await d1Deliveries(endpointId)).map((d) => [d.id, d]));
		expect(rows.get(lost)).toMatchObject({ status: "pending", generation: 1, owner: null, nextAttemptAt: now });
		expect(rows.get(abandoned)).toMatchObject({ status: "pending", generation: 1, owner: null, attempts: 2 });
		expect(rows.get(deadLetterLost)).toMatchObject({ status: "failed", errorClass: "retries_exhausted" });
		expect(rows.get(alsoDead)).toMatchObject({ status: "failed", errorClass: "retries_exhausted" });
		expect(rows.get(inFlight)).toMatchObject({ status: "pending", owner: "msg-live", nextAttemptAt: now + MINUTE });
		expect(rows.get(waiting)).toMatchObject({ status: "pending", generation: 1 });
		expect(rows.get(done)).toMatchObject({ status: "succeeded" });

		// Nothing overdue any more: a second sweep does nothing.
		expect(await sweepOverdueDeliveries(env, now)).toBe(0);
	});

	it("a loss of hundreds is re-sent in one run, not a hundred a minute", async () => {
		const sim = new QueueSim().install();
		const client = await newClient("sweep-deliveries-many");
		const endpointId = await endpointOf(client.key);
		const now = Date.now();
		const overdue = now - grace() - MINUTE;
		const base = {
			clientId: client.id,
			endpointId,
			eventType: "verification.verified",
			status: "pending",
			attempts: 0,
		};
		for (let i = 0; i < 250; i++) await seedDelivery({ ...base, eventId: `evt_many_${i}`, nextAttemptAt: overdue + i });
		expect(await sweepOverdueDeliveries(env, now)).toBe(250);
		expect(new Set(sentTo(sim).map((m) => (m as { deliveryId: string }).deliveryId)).size).toBe(250);
		const rows = await d1Deliveries(endpointId);
		expect(rows.every((d) => d.status === "pending" && d.generation === 1 && d.nextAttemptAt === now)).toBe(true);
	});
});

describe("cron: a late message is not a lost one", () => {
	it("a delivery mid-POST when the sweep runs is not re-sent, and its success is recorded", async () => {
		const world = await freshWorld();
		const event = await oneDelivery(world);
		// Its message waited ten minutes in a backlog: the row fell due long before the consumer took it.
		const id = deliveryIdOf(event.id, world.endpoint.id);
		await setDelivery(id, { nextAttemptAt: Date.now() - 10 * MINUTE });
		world.sim.age("kyc-deliveries", 10 * MINUTE);
		// The cron runs while the partner is still answering the POST.
		const swept: number[] = [];
		msw.use(
			http.post(world.receiver.url, async () => {
				if (swept.length === 0) swept.push(await sweepOverdueDeliveries(env, Date.now()));
				return undefined; // on to the partner's receiver
			}),
		);
		await world.sim.drain();
		expect(swept).toEqual([0]);
		expect(world.receiver.requests).toBe(1);
		expect(await rowOf(world, event.id)).toMatchObject({ status: "succeeded", attempts: 1, generation: 1 });
		expect(sentTo(world.sim)).toHaveLength(1);
	});

	it("a backlog older than the threshold holds the sweep back for what is still queued, not for what was lost", async () => {
		const world = await freshWorld();
		// One delivery lost its message half an hour ago; another's message is still queued, ten minutes behind.
		const lost = await oneDelivery(world);
		world.sim.lose("kyc-deliveries");
		const late = await oneDelivery(world);
		const lostId = deliveryIdOf(lost.id, world.endpoint.id);
		const lateId = deliveryIdOf(late.id, world.endpoint.id);
		await setDelivery(lostId, { nextAttemptAt: Date.now() - 30 * MINUTE });
		await setDelivery(lateId, { nextAttemptAt: Date.now() - 10 * MINUTE });
		world.sim.age("kyc-deliveries", 10 * MINUTE);
		const before = sentTo(world.sim).length;

		expect(await sweepOverdueDeliveries(env, Date.now())).toBe(1);
		expect(sentTo(world.sim).slice(before)).toEqual([{ shard: SHARD, deliveryId: lostId, generation: 1 }]);
		expect(await rowOf(world, late.id)).toMatchObject({ status: "pending", generation: 1, owner: null });

		await world.sim.drain();
		expect(world.receiver.received.map((r) => r.id).sort()).toEqual([lost.id, late.id].sort());
		expect(await rowOf(world, lost.id)).toMatchObject({ status: "succeeded", attempts: 1 });
		expect(await rowOf(world, late.id)).toMatchObject({ status: "succeeded", attempts: 1 });
	});

	it("a re-sent delivery's next retry is the rung after its attempts, not the first", async () => {
		const world = await freshWorld();
		const event = await oneDelivery(world);
		const id = deliveryIdOf(event.id, world.endpoint.id);
		// Three attempts failed; the message holding its fourth was lost.
		world.sim.lose("kyc-deliveries");
		await setDelivery(id, { attempts: 3, owner: "msg-lost", nextAttemptAt: Date.now() - 10 * MINUTE });
		world.receiver.script = [500];

		expect(await sweepOverdueDeliveries(env, Date.now())).toBe(1);
		expect(sentTo(world.sim).at(-1)).toEqual({ shard: SHARD, deliveryId: id, generation: 1, priorAttempts: 3 });
		const startedAt = Date.now();
		await world.sim.runOnce("kyc-deliveries");
		// After failed attempt 4 the ladder waits its fourth step (2 h, up to 10 % earlier), not its first (5 s).
		const step = RETRY_LADDER_SECONDS[3] ?? 0;
		const delay = world.sim.retries.at(-1)?.delaySeconds ?? 0;
		expect(delay).toBeGreaterThanOrEqual(step * 0.9);
		expect(delay).toBeLessThanOrEqual(step);
		const row = await rowOf(world, event.id);
		expect(row).toMatchObject({ status: "pending", attempts: 4, generation: 1 });
		expect(row.nextAttemptAt ?? 0).toBeGreaterThanOrEqual(startedAt + step * 900);
	});

	it("when the queues cannot say how far behind they are, a lost delivery is still re-sent, and a late one sent once", async () => {
		const world = await freshWorld();
		const lost = await oneDelivery(world);
		world.sim.lose("kyc-deliveries");
		const late = await oneDelivery(world);
		for (const e of [lost, late])
			await setDelivery(deliveryIdOf(e.id, world.endpoint.id), { nextAttemptAt: Date.now() - 10 * MINUTE });
		for (const q of [env.DELIVERIES_QUEUE, env.SLOW_DELIVERIES_QUEUE])
			vi.spyOn(q, "metrics").mockRejectedValue(new Error("metrics unavailable"));

		// Both look lost: both are re-sent, in the same round, so the late original and its re-send race for one claim.
		expect(await sweepOverdueDeliveries(env, Date.now())).toBe(2);
		await world.sim.drain();
		expect(world.receiver.requests).toBe(2);
		expect(world.receiver.received.map((r) => r.id).sort()).toEqual([lost.id, late.id].sort());
		expect(await rowOf(world, late.id)).toMatchObject({ status: "succeeded", attempts: 1 });
	});
});

/** A queue that answers `metrics()` with `answer` (or throws it), and sends nothing. */
function queueSaying(answer: QueueMetrics | Error): Queue {
	return {
		metrics: async () => {
			if (answer instanceof Error) throw answer;
			return answer;
		},
		send: async () => ({ metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } }),
		sendBatch: async () => ({ metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } }),
	};
}

describe("the sweep's cut-off", () => {
	const now = 1_000 * MINUTE;
	const g = 5 * MINUTE;
	const empty = { backlogCount: 0, backlogBytes: 0 };
	const waitingSince = (at: number) => ({ backlogCount: 3, backlogBytes: 300, oldestMessageTimestamp: new Date(at) });
	it.each([
		["both lanes empty", [empty, empty], { known: true, oldestAt: null }],
		[
			"the older of the two lanes",
			[waitingSince(now - MINUTE), waitingSince(now - 7 * MINUTE)],
			{ known: true, oldestAt: now - 7 * MINUTE },
		],
		[
			"waiting with no timestamp: as old as the allowance",
			[{ backlogCount: 1, backlogBytes: 9 }, empty],
			{ known: true, oldestAt: now - MAX_BACKLOG_ALLOWANCE_MS },
		],
		["a lane that cannot say", [empty, new Error("not supported")], { known: false }],
	] as const)("what the queues say: %s", async (_name, answers, backlog) => {
		expect(await deliveryBacklog(answers.map(queueSaying), now)).toEqual(backlog);
	});

	it.each([
		["queues empty: grace before now", { known: true, oldestAt: null } as const, now - g],
		[
			"queues 10 min behind: grace before the oldest waiting",
			{ known: true, oldestAt: now - 10 * MINUTE } as const,
			now - 15 * MINUTE,
		],
		[
			"queues a day behind: held back at most the allowance",
			{ known: true, oldestAt: now - 1_440 * MINUTE } as const,
			now - MAX_BACKLOG_ALLOWANCE_MS - g,
		],
		["a message timestamped ahead of now changes nothing", { known: true, oldestAt: now + MINUTE } as const, now - g],
		["queues cannot say: grace before now", { known: false } as const, now - g],
	])("%s", (_name, backlog, cutoff) => {
		expect(lostBefore(now, g, backlog)).toBe(cutoff);
	});

	it("a claim's lease outlasts the slowest message: every delivery it may carry, each at the slow lane's timeout", () => {
		expect(claimLeaseMs(MAX_DELIVERIES_PER_MESSAGE, ATTEMPT_TIMEOUT_MS)).toBeGreaterThan(
			MAX_DELIVERIES_PER_MESSAGE * ATTEMPT_TIMEOUT_MS,
		);
	});
});
