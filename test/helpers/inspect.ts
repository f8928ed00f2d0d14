/**
 * Named inspectors: what tests may read of storage they do not own. The Durable Object's tables are read through
 * its own `VerificationStore`, D1 through drizzle, so a test never spells a table or column and storage can change.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq, min } from "drizzle-orm";
import { vi } from "vitest";
import {
	idempotencyKeys,
	personClaims,
	verificationEvents,
	verifications,
	webhookDeliveries,
	webhookEndpoints,
} from "../../src/db/schema";
import { dataShards, shardDatabase } from "../../src/db/shards";
import { VerificationStore } from "../../src/verification/store";
import { stubOf } from "./alarms";
import { clientDb, findInAnyDb, onEveryDb } from "./shards";

/** One verification's Durable Object storage, as its store reads it. */
interface VerificationStorage {
	state: NonNullable<ReturnType<VerificationStore["load"]>>;
	meta: NonNullable<ReturnType<VerificationStore["meta"]>>;
	/** The revisions not yet drained (projected to D1 and queued), or null. */
	outbox: ReturnType<VerificationStore["pendingOutbox"]>;
	/** The provider call marked in flight and not answered, or null. */
	call: ReturnType<VerificationStore["callInFlight"]>;
}

/** Reads a stored verification; fails if its Durable Object holds none. */
export function verificationStorage(id: string): Promise<VerificationStorage> {
	return runInDurableObject(stubOf(id), (_instance, state) => {
		const store = new VerificationStore(state.storage);
		const stored = store.load();
		const meta = store.meta();
		if (!stored || !meta) throw new Error(`no verification stored for ${id}`);
		return { state: stored, meta, outbox: store.pendingOutbox(), call: store.callInFlight() };
	});
}

/** Every row of every table in the verification's Durable Object, as text: for checks that nothing leaks. */
export function verificationStorageDump(id: string): Promise<string> {
	return runInDurableObject(stubOf(id), (_instance, state) => {
		const sql = state.storage.sql;
		const tables = sql
			.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '_cf_%'")
			.toArray();
		return tables.map(({ name }) => JSON.stringify(sql.exec(`SELECT * FROM "${name}"`).toArray())).join("\n");
	});
}

/** Every row of every application table in every D1 database (directory and shards), as text: nothing may leak. */
export async function d1Dump(): Promise<string> {
	let dump = "";
	for (const d1 of dataShards(env).map((s) => s.d1)) {
		const tables = await d1
			.prepare(
				"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
			)
			.all<{ name: string }>();
		for (const { name } of tables.results)
			dump += JSON.stringify((await d1.prepare(`SELECT * FROM "${name}"`).all()).results);
	}
	return dump;
}

/** The D1 projection of one verification (in whichever shard holds it), or null if none was written. */
export function d1Verification(id: string) {
	return findInAnyDb((db) => db.select().from(verifications).where(eq(verifications.id, id)).get());
}

/** How many verifications D1 holds, across all clients and shards. */
export async function d1VerificationCount(): Promise<number> {
	return (await onEveryDb((db) => db.$count(verifications))).reduce((a, b) => a + b, 0);
}

/** One webhook endpoint's D1 row (the secret as stored, failure streak, …), or null. */
export function d1Endpoint(id: string) {
	return findInAnyDb((db) => db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get());
}

/** Every delivery row D1 holds for one endpoint. */
export function d1Deliveries(endpointId: string) {
	return onEveryDb((db) =>
		db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)).all(),
	);
}

/** The idempotency key rows that point at one verification. */
export function d1IdempotencyKeys(verificationId: string) {
	return onEveryDb((db) =>
		db.select().from(idempotencyKeys).where(eq(idempotencyKeys.verificationId, verificationId)).all(),
	);
}

/** A verification's timeline rows in D1. */
export function d1Events(verificationId: string) {
	return onEveryDb((db) =>
		db.select().from(verificationEvents).where(eq(verificationEvents.verificationId, verificationId)).all(),
	);
}

/** How many rows of each kind D1 holds for one client (in its shard), and when its oldest delivery was made. */
export async function d1ClientCounts(clientId: string) {
	const db = await clientDb(clientId);
	const [v, e, k, d, oldest] = await Promise.all([
		db.$count(verifications, eq(verifications.clientId, clientId)),
		db.$count(verificationEvents, eq(verificationEvents.clientId, clientId)),
		db.$count(idempotencyKeys, eq(idempotencyKeys.clientId, clientId)),
		db.$count(webhookDeliveries, eq(webhookDeliveries.clientId, clientId)),
		db
			.select({ at: min(webhookDeliveries.createdAt) })
			.from(webhookDeliveries)
			.where(eq(webhookDeliveries.clientId, clientId))
			.get(),
	]);
	return { verifications: v, events: e, idempotencyKeys: k, deliveries: d, oldestDeliveryAt: oldest?.at ?? null };
}

/** The duplicate-guard claims that point at one verification. */
export function d1Claims(verificationId: string) {
	return onEveryDb((db) => db.select().from(personClaims).where(eq(personClaims.verificationId, verificationId)).all());
}

/**
 * Records the text of every D1 statement prepared from now on, on the primary and on every request's session
 * (the Sessions API), until `restore()`.
 */
export function recordD1Statements(): { texts: string[]; restore: () => void } {
	const texts: string[] = [];
	const spies = dataShards(env)
		.map((s) => s.d1)
		.flatMap((d1) => {
			const primary = d1.prepare.bind(d1);
			const open = d1.withSession.bind(d1);
			return [
				vi.spyOn(d1, "prepare").mockImplementation((query) => {
					texts.push(query);
					return primary(query);
				}),
				vi.spyOn(d1, "withSession").mockImplementation((start) => {
					const session = open(start);
					const sessionPrepare = session.prepare.bind(session);
					session.prepare = (query) => {
						texts.push(query);
						return sessionPrepare(query);
					};
					return session;
				}),
			];
		});
	return {
		texts,
		restore: () => {
			for (const spy of spies) spy.mockRestore();
		},
	};
}

/** How many values a statement binds: its bare `?`s, or its highest `?N`. */
function parameters(text: string): number {
	const numbered = [...text.matchAll(/\?(\d+)/g)].map((m) => Number(m[1]));
	return numbered.length > 0 ? Math.max(...numbered) : (text.match(/\?/g) ?? []).length;
}

/**
 * How D1 runs each recorded statement that touches `webhook_deliveries`: its query plan's steps on that table (e.g.
 * `SEARCH webhook_deliveries USING INDEX …`), with the statement they belong to. The plan does not depend on the
 * bound values (they are null here), and D1 keeps no statistics, as here.
 */
export async function deliveryPlans(texts: string[]): Promise<{ text: string; step: string }[]> {
	const steps: { text: string; step: string }[] = [];
	for (const text of texts.filter((t) => /webhook_deliveries/i.test(t))) {
		const plan = await shardDatabase(env, "SHARD_0")
			.prepare(`EXPLAIN QUERY PLAN ${text}`)
			.bind(...Array(parameters(text)).fill(null))
			.all<{ detail: string }>();
		for (const { detail } of plan.results) if (/webhook_deliveries\b/.test(detail)) steps.push({ text, step: detail });
	}
	return steps;
}
