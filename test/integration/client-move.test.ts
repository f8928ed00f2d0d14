/**
 * Moving a client between shards (docs/operators.md, "Moving a client") while it keeps submitting, its verifications
 * keep running, its webhooks keep going out and it keeps polling the feed: nothing is lost, none is stuck, every
 * status change is delivered, the feed poller skips nothing, and afterwards its rows are in the target and nowhere
 * else.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { clients } from "../../src/db/schema";
import { shardDatabase, shardNames } from "../../src/db/shards";
import worker from "../../src/index";
import { clearAlarms, runFirstAlarm, runUntil } from "../helpers/alarms";
import { ADMIN_TOKEN, call, json, newClient, passport, submit } from "../helpers/api";
import { directory, PER_CLIENT_TABLES, shardFor } from "../helpers/shards";
import { QueueSim } from "../helpers/webhooks-harness";
import { Receiver, registerEndpoint, useMsw } from "../helpers/webhooks-receiver";

useMsw();
afterEach(clearAlarms);

interface Move {
	phase: string;
	wait_ms: number;
	copied: number;
	reprojected: number;
	deleted: number;
	statements: number;
}

/** One step of the move through the operator's route; settling takes no time here (the isolate's cache is forgotten). */
async function step(clientId: string, to: string): Promise<Move> {
	const res = await call(`/admin/clients/${clientId}/move`, {
		key: ADMIN_TOKEN,
		body: { to },
		env: { ...env, CLIENT_MOVE_SETTLE_SECONDS: "0" } as Env,
	});
	expect(res.status, await res.clone().text()).toBe(200);
	return json<Move>(res);
}

/** A partner polling the feed: pages from its cursor until the feed has nothing newer (a 503 ends the round). */
class Poller {
	cursor: string | undefined;
	readonly seen: string[] = [];
	unavailable = 0;

	constructor(private readonly key: string) {}

	async poll(): Promise<void> {
		for (;;) {
			const query = this.cursor ? `&starting_after=${this.cursor}` : "";
			const res = await call(`/api/events?limit=100${query}`, { key: this.key });
			if (res.status === 503) {
				expect(res.headers.get("retry-after")).not.toBeNull();
				this.unavailable++;
				return;
			}
			expect(res.status, await res.clone().text()).toBe(200);
			const page = await json<{ data: { id: string }[]; has_more: boolean }>(res);
			for (const e of page.data) this.seen.push(e.id);
			this.cursor = page.data.at(-1)?.id ?? this.cursor;
			if (!page.has_more) return;
		}
	}
}

/** How many of the client's rows each per-client table of `shard` holds. */
async function rowsIn(shard: string, clientId: string): Promise<Record<string, number>> {
	const d1 = shardDatabase(env, shard);
	const counts: Record<string, number> = {};
	for (const table of PER_CLIENT_TABLES) {
		const row = await d1
			.prepare(`SELECT count(*) AS n FROM ${table} WHERE client_id = ?`)
			.bind(clientId)
			.first<{ n: number }>();
		counts[table] = row?.n ?? 0;
	}
	return counts;
}

async function runCron(): Promise<void> {
	const ctx = createExecutionContext();
	await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "* * * * *" }), env, ctx);
	await waitOnExecutionContext(ctx);
}

describe("moving a client between shards", () => {
	it("under traffic: nothing lost, none stuck, every status change delivered, the feed poller skips nothing", async () => {
		const sim = new QueueSim().install();
		const client = await newClient("mover");
		const receiver = new Receiver(`mover-${crypto.randomUUID()}`);
		await registerEndpoint(client.key, receiver);
		const from = (await shardFor(client.id)).name;
		const to = shardNames(env).find((n) => n !== from) as string;
		const poller = new Poller(client.key);
		const ids: string[] = [];
		const submitOne = async (i: number) => {
			const v = await submit(passport(0), client.key, { "idempotency-key": `mover-${i}` });
			ids.push(v.id);
			return v.id;
		};
		// Before: more verifications than a batch, half of them finished, their webhooks delivered, the feed read.
		for (let i = 0; i < 60; i++) await submitOne(i);
		for (const id of ids.slice(0, 30)) await runUntil(id, ["verified"], client.key);
		for (const id of ids.slice(30)) await runFirstAlarm(id);
		await sim.drain();
		await poller.poll();

		// During: each step interleaved with new submissions, verifications moving on, deliveries and polls.
		let move: Move = { phase: "copy", wait_ms: 0, copied: 0, reprojected: 0, deleted: 0, statements: 0 };
		let steps = 0;
		while (move.phase !== "done") {
			move = await step(client.id, to);
			steps++;
			const fresh = await submitOne(100 + steps);
			await runFirstAlarm(fresh);
			for (const id of ids.slice(30 + (steps - 1) * 4, 30 + steps * 4)) await runUntil(id, ["verified"], client.key);
			await sim.drain();
			await poller.poll();
			expect(steps).toBeLessThan(100);
		}
		expect(move.reprojected).toBeGreaterThanOrEqual(60);

		// After: every verification runs to its end, the cron's sweeps send what a message naming the old shard left.
		for (const id of ids) await runUntil(id, ["verified"], client.key);
		await sim.drain();
		await runCron();
		await sim.drain();
		await poller.poll();

		const placed = await directory()
			.select({ shard: clients.shard, move: clients.move })
			.from(clients)
			.where(eq(clients.id, client.id))
			.get();
		expect(placed).toEqual({ shard: to, move: null });
		const left = await rowsIn(from, client.id);
		expect(
			Object.values(left).every((n) => n === 0),
			JSON.stringify(left),
		).toBe(true);
		const target = await rowsIn(to, client.id);
		expect(target.verifications).toBe(ids.length);

		// Every verification listed, final, and each of its status changes both in the feed and delivered.
		const d1 = shardDatabase(env, to);
		const feed = await d1
			.prepare(
				"SELECT id, verification_id, version FROM verification_events WHERE client_id = ? AND status_change = 1 ORDER BY rowid",
			)
			.bind(client.id)
			.all<{ id: string; verification_id: string; version: number }>();
		for (const id of ids) {
			const versions = feed.results.filter((e) => e.verification_id === id).map((e) => e.version);
			const view = await json<{ version: number; status: string }>(
				await call(`/api/verifications/${id}`, { key: client.key }),
			);
			expect(view.status).toBe("verified");
			expect(
				versions.sort((a, b) => a - b),
				id,
			).toEqual(Array.from({ length: view.version }, (_, i) => i + 1));
			const delivered = new Set(receiver.forVerification(id).map((r) => r.body.data.version));
			expect(
				[...delivered].sort((a, b) => a - b),
				id,
			).toEqual(versions);
		}
		// The poller saw every event of the feed (repeats allowed), without a gap.
		// Some of the feed landed on the source after the copy had passed it (copied late, marked), and was still read.
		const late = await d1
			.prepare("SELECT count(*) AS n FROM verification_events WHERE client_id = ? AND moved IS NOT NULL")
			.bind(client.id)
			.first<{ n: number }>();
		expect(late?.n).toBeGreaterThan(0);
		expect(new Set(poller.seen)).toEqual(new Set(feed.results.map((e) => e.id)));
		const open = await d1
			.prepare(
				"SELECT count(*) AS n FROM webhook_deliveries WHERE status != 'succeeded' AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE client_id = ?)",
			)
			.bind(client.id)
			.first<{ n: number }>();
		expect(open?.n).toBe(0);
		vi.restoreAllMocks();
	});

	it("answers what an operator gets wrong, and a move to where the client is is done at once", async () => {
		const client = await newClient("mover-2");
		const here = (await shardFor(client.id)).name;
		const there = shardNames(env).find((n) => n !== here) as string;
		const post = (id: string, body: unknown) =>
			call(`/admin/clients/${id}/move`, {
				key: ADMIN_TOKEN,
				body,
				env: { ...env, CLIENT_MOVE_SETTLE_SECONDS: "0" } as Env,
			});
		expect((await post(client.id, { to: "SHARD_99" })).status).toBe(422);
		expect((await post("cli_nobody", { to: there })).status).toBe(404);
		expect(await json(await post(client.id, { to: here }))).toMatchObject({ phase: "done", copied: 0 });
		expect((await call(`/admin/clients/${client.id}/move`, { body: { to: there }, key: client.key })).status).toBe(401);
		// A move under way is finished before another starts.
		const first = await json<Move>(await post(client.id, { to: there }));
		expect(first.phase).not.toBe("done");
		const other = shardNames(env).find((n) => n !== there) as string;
		expect(await json(await post(client.id, { to: other }))).toMatchObject({ code: "invalid_state" });
		let phase = first.phase;
		while (phase !== "done") phase = (await json<Move>(await post(client.id, { to: there }))).phase;
		expect((await shardFor(client.id)).name).toBe(there);
	});
});
