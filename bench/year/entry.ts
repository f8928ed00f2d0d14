/**
 * Bench-only entry for `npm run bench:year`: the real worker (src/index.ts, with the operation counters of
 * bench/instrument/) plus three control routes that let a simulated year run in minutes instead of a year:
 *
 * - `POST /__year/day` writes one simulated day of verifications into D1 through the real projection statements
 *   (src/pipeline/projection.ts: snapshot, history, the one fan-out), built by the real reducer, and records their
 *   deliveries as delivered, as the queue consumers would. The Durable Objects are left out: a year of them would
 *   take a year; what is measured is D1.
 * - `POST /__year/cron` runs the worker's `scheduled` handler at a simulated time and answers once every job is done.
 * - `POST /__year/measure` makes one API request and answers with the D1 rows each statement of it read.
 */

import { shardOfClient } from "../../src/auth/directory";
import { pruneExpired } from "../../src/cron/prune";
import { database } from "../../src/db/client";
import { shardDatabase } from "../../src/db/shards";
import { prepare } from "../../src/db/statement";
import { newId } from "../../src/ids";
import worker from "../../src/index";
import { projection } from "../../src/pipeline/projection";
import { toHistory } from "../../src/verification/history";
import { initialState } from "../../src/verification/initial";
import { reduce } from "../../src/verification/state-machine";
import { type Policy } from "../../src/verification/transition";
import { type VerificationState } from "../../src/verification/types";
import { countedEnv, counters } from "../instrument/counters";

export { ProviderBreaker, VerificationObject } from "../../src/index";

const DAY_MS = 86_400_000;
/** Verifications projected per D1 batch: each is ~5 statements, and a batch is one transaction. */
const PER_BATCH = 40;

const POLICY: Policy = {
	verificationDeadlineMs: DAY_MS,
	actionDeadlineMs: 7 * DAY_MS,
	backoffBaseMs: 30_000,
	backoffMaxMs: 1_800_000,
	maxAttempts: 8,
	retentionMs: 30 * DAY_MS,
};

interface DayRequest {
	/** Start of the simulated day (ms). */
	at: number;
	count: number;
	clients: { id: string; livemode: boolean }[];
	/** Index of the first verification of this request within the day (spreads them over the day). */
	offset: number;
	perDay: number;
}

/** One verification's life, through the reducer: submitted, processing, verified (one in ten fails once first). */
function lifeOf(n: number, at: number, client: { id: string; livemode: boolean }) {
	const tick = (now: number) => ({ now, random: 0.5, policy: POLICY });
	const data = { passport_number: `A${String(n).padStart(8, "0")}`, last_name: "Okafor", date_of_birth: "1990-04-15" };
	const input = {
		id: newId("ver", at),
		clientId: client.id,
		livemode: client.livemode,
		provider: "sandbox",
		reference: `user-${n}`,
		metadata: {},
		data,
	};
	const first = initialState(input, tick(at));
	let state: VerificationState = first.state;
	const entries = [...first.entries.map((e) => ({ e, s: state }))];
	const step = (command: Parameters<typeof reduce>[1], now: number) => {
		const t = reduce(state, command, tick(now));
		if (!t.ok) throw new Error(`reducer refused ${command.type}: ${t.error.message}`);
		state = { ...t.state, revision: t.state.revision + 1 };
		for (const e of t.entries) entries.push({ e, s: state });
	};
	step({ type: "start" }, at + 50);
	if (n % 10 === 0)
		step(
			{ type: "provider_outcome", outcome: { kind: "unavailable", code: "provider_timeout", message: "x" } },
			at + 200,
		);
	step(
		{
			type: "provider_outcome",
			outcome: { kind: "verified", result: { passport_number: "match", last_name: "match" } },
		},
		at + 400,
	);
	let t = at;
	const history = entries.map(({ e, s }) => toHistory(s, e, newId("evt", t++)));
	return { state, history };
}

async function seedDay(env: Env, r: DayRequest): Promise<{ verifications: number; deliveries: number }> {
	// Each client's rows go to its shard, as the projection of its objects would write them.
	const directory = database(env.DB);
	const shardOf = new Map<string, D1Database>();
	for (const c of r.clients) {
		const name = await shardOfClient(directory, c.id);
		if (!name) throw new Error(`client ${c.id} is not in the directory`);
		shardOf.set(c.id, shardDatabase(env, name));
	}
	let deliveries = 0;
	for (let i = 0; i < r.count; i += PER_BATCH) {
		const batches = new Map<
			D1Database,
			{ statements: ReturnType<typeof projection>["statements"]; fanOuts: [number, number][] }
		>();
		for (let j = i; j < Math.min(r.count, i + PER_BATCH); j++) {
			const n = r.offset + j;
			const at = r.at + Math.floor((n * DAY_MS) / r.perDay);
			const client = r.clients[n % r.clients.length];
			if (!client) throw new Error("no clients");
			const d1 = shardOf.get(client.id) as D1Database;
			const batch = batches.get(d1) ?? { statements: [], fanOuts: [] };
			batches.set(d1, batch);
			const { state, history } = lifeOf(n, at, client);
			const p = projection(state, history, { keyId: null, blindIndex: null }, at);
			batch.fanOuts.push([batch.statements.length + p.fanOut.from, batch.statements.length + p.fanOut.to]);
			batch.statements.push(...p.statements);
		}
		for (const [d1, { statements, fanOuts }] of batches) {
			const results = await d1.batch(statements.map((s) => prepare(d1, s)));
			const ids = fanOuts.flatMap(([from, to]) =>
				results.slice(from, to).flatMap((x) => x.results as { id: string }[]),
			);
			deliveries += ids.length;
			// Delivered at once, as the consumer records a first-attempt success.
			if (ids.length > 0)
				await d1
					.prepare(
						`UPDATE webhook_deliveries SET status = 'succeeded', attempts = 1, next_attempt_at = NULL, last_attempt_at = created_at,
					   response_status = 200, latency_ms = 42 WHERE id IN (SELECT value FROM json_each(?))`,
					)
					.bind(JSON.stringify(ids.map((d) => d.id)))
					.run();
		}
	}
	return { verifications: r.count, deliveries };
}

/** The D1 statements (and rows read) of whatever runs inside `run`, from the counters' tally. */
async function measured<T>(run: () => Promise<T>) {
	const before = structuredClone(counters.d1.byStatement);
	const started = Date.now();
	const result = await run();
	const ms = Date.now() - started;
	const statements = Object.entries(counters.d1.byStatement)
		.map(([sql, s]) => ({
			sql,
			queries: s.queries - (before[sql]?.queries ?? 0),
			rowsRead: s.rowsRead - (before[sql]?.rowsRead ?? 0),
			rowsWritten: s.rowsWritten - (before[sql]?.rowsWritten ?? 0),
		}))
		.filter((s) => s.queries > 0);
	return { result, ms, statements };
}

/** An ExecutionContext whose `waitUntil` work can be awaited. */
function awaitableContext(): { ctx: ExecutionContext; done: () => Promise<unknown> } {
	const pending: Promise<unknown>[] = [];
	const ctx = {
		waitUntil: (p: Promise<unknown>) => pending.push(p.catch((e) => ({ error: String(e) }))),
		passThroughOnException: () => {},
		props: {},
	} as unknown as ExecutionContext;
	return { ctx, done: () => Promise.all(pending) };
}

export default {
	async fetch(request, env, ctx) {
		const url = new URL(request.url);
		const counted = countedEnv(env);
		if (url.pathname === "/__year/day") return Response.json(await seedDay(counted, await request.json()));
		if (url.pathname === "/__year/cron") {
			const { at } = (await request.json()) as { at: number };
			const run = awaitableContext();
			const out = await measured(async () => {
				await worker.scheduled({ scheduledTime: at, cron: "* * * * *", noRetry() {} }, counted, run.ctx);
				return run.done();
			});
			return Response.json(out);
		}
		if (url.pathname === "/__year/prune") {
			const { at } = (await request.json()) as { at: number };
			return Response.json(await measured(() => pruneExpired(counted, at)));
		}
		if (url.pathname === "/__year/measure") {
			const { path, key } = (await request.json()) as { path: string; key: string };
			// The outer request's cf properties, so the inner one is a request the worker could have been sent.
			const inner = new Request(new URL(path, url), { headers: { authorization: `Bearer ${key}` } }) as typeof request;
			const out = await measured(async () => {
				const res = await worker.fetch(inner, counted, ctx);
				return { status: res.status, body: (await res.json()) as unknown };
			});
			return Response.json(out);
		}
		if (url.pathname === "/__bench/counters") return Response.json(counters);
		return worker.fetch(request, counted, ctx);
	},
	queue: (batch, env) => worker.queue(batch, countedEnv(env)),
	scheduled: (controller, env, ctx) => worker.scheduled(controller, countedEnv(env), ctx),
} satisfies ExportedHandler<Env>;
