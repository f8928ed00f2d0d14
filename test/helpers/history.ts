/**
 * A long history in D1, written in a few multi-row statements (a recursive count in SQL, not one API call per row):
 * what a deployment holds after months or years, for tests of what a statement costs then and of retention. Rows
 * are copies of one real verification's rows (its projection, timeline, deliveries and idempotency key, taken by
 * `historyTemplate`) with their own ids, times, statuses and references, so their sizes are real. Raw SQL stays here.
 */
import { env } from "cloudflare:workers";
import { asc, eq } from "drizzle-orm";
import { idempotencyKeys, verificationEvents, verifications, webhookDeliveries } from "../../src/db/schema";
import { shardDatabase } from "../../src/db/shards";
import { runUntil } from "./alarms";
import { passport, submit } from "./api";
import { clientDb, findInAnyDb, shardFor } from "./shards";

/** The shard holding a verification's projection. */
async function clientDbOfKey(verificationId: string) {
	const row = await findInAnyDb((db) =>
		db
			.select({ clientId: verifications.clientId })
			.from(verifications)
			.where(eq(verifications.id, verificationId))
			.get(),
	);
	if (!row) throw new Error("the template verification is incomplete");
	return clientDb(row.clientId);
}
const DAY = 86_400_000;

/** One verification's D1 rows, to copy. */
export interface HistoryTemplate {
	verification: typeof verifications.$inferSelect;
	events: (typeof verificationEvents.$inferSelect)[];
	/** The deliveries of its status changes to one endpoint. */
	deliveries: (typeof webhookDeliveries.$inferSelect)[];
	idempotencyKey: typeof idempotencyKeys.$inferSelect;
}

/** Runs one verification (digit 0, with a reference and an idempotency key) to `verified` and takes its D1 rows. */
export async function historyTemplate(key: string, endpointId: string): Promise<HistoryTemplate> {
	const headers = { "idempotency-key": `template-${crypto.randomUUID()}` };
	const v = await submit(passport(0, { reference: "user-000123" }), key, headers);
	await runUntil(v.id, ["verified"], key);
	const db = await clientDbOfKey(v.id);
	const [verification] = await db.select().from(verifications).where(eq(verifications.id, v.id));
	const events = await db
		.select()
		.from(verificationEvents)
		.where(eq(verificationEvents.verificationId, v.id))
		.orderBy(asc(verificationEvents.id));
	const all = await db
		.select()
		.from(webhookDeliveries)
		.where(eq(webhookDeliveries.endpointId, endpointId))
		.orderBy(asc(webhookDeliveries.id));
	const deliveries = all.filter((d) => events.some((e) => e.id === d.eventId));
	const [idempotencyKey] = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.verificationId, v.id));
	if (!verification || !idempotencyKey || deliveries.length === 0)
		throw new Error("the template verification is incomplete");
	return { verification, events, deliveries, idempotencyKey };
}

/** An account whose history is written, and its endpoint (its status changes get a delivery row each), if any. */
export interface HistoryAccount {
	clientId: string;
	livemode: boolean;
	endpointId: string | null;
}

export interface HistorySpec {
	accounts: HistoryAccount[];
	/** Verifications per account, created evenly over [from, to). */
	perAccount: number;
	from: number;
	to: number;
	/** A second generation over the same span doubles each account's history with rows of their own (0, 1, …). */
	generation?: number;
}

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** SQL for `newId`'s ten-character time (or any number below 2^50) in Crockford base32. */
const base32 = (x: string) =>
	Array.from({ length: 10 }, (_, i) => `substr('${ALPHABET}', ((${x}) >> ${5 * (9 - i)} & 31) + 1, 1)`).join(" || ");

/**
 * The generated rows, one per (account, i): its time `t` (spread over the span, apart per account), the account,
 * a seed unique per generation, account and i (the random half of its ids), and its final status (one in ten
 * failed, one in ten expired). `?1` count, `?2` accounts JSON, `?3` from, `?4` span, `?5` generation.
 */
const ROWS = `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?1 - 1),
  acc(k, client_id, livemode, endpoint_id) AS (
    SELECT value ->> 3, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?2)),
  r AS (
    SELECT acc.*, n.i, ?3 + (n.i * ?4) / ?1 + acc.k * 3 + ?5 AS t, ?5 * 1000000000000 + acc.k * 10000000 + n.i AS seed,
      CASE n.i % 10 WHEN 1 THEN 'failed' WHEN 2 THEN 'expired' ELSE 'verified' END AS final
    FROM acc, n),
  g AS (SELECT r.*, ${base32("seed")} AS s32, 'ver_' || ${base32("t")} || ${base32("seed")} || '000000' AS vid FROM r)`;

const verificationId = "vid";
const eventId = (j: number) => `'evt_' || ${base32(`t + ${j}`)} || s32 || '00000${ALPHABET[j]}'`;

/** Writes the history, each account's rows in its own shard; returns how many rows of each kind it wrote. */
export async function seedHistory(t: HistoryTemplate, spec: HistorySpec) {
	const byShard = new Map<string, [HistoryAccount, number][]>();
	for (const [k, a] of spec.accounts.entries()) {
		const { name } = await shardFor(a.clientId);
		byShard.set(name, [...(byShard.get(name) ?? []), [a, k]]);
	}
	const total = { verifications: 0, events: 0, deliveries: 0 };
	for (const [name, accounts] of byShard) {
		const written = await seedShard(shardDatabase(env, name), t, spec, accounts);
		total.verifications += written.verifications;
		total.events += written.events;
		total.deliveries += written.deliveries;
	}
	return total;
}

/** One shard's part of the history: its accounts, each with its index among all (ids stay unique across shards). */
async function seedShard(d1: D1Database, t: HistoryTemplate, spec: HistorySpec, own: [HistoryAccount, number][]) {
	const generation = spec.generation ?? 0;
	const accounts = JSON.stringify(own.map(([a, k]) => [a.clientId, a.livemode ? 1 : 0, a.endpointId, k]));
	const head = [spec.perAccount, accounts, spec.from, spec.to - spec.from, generation];
	const v = t.verification;
	const recentFrom = Date.now() - 30 * DAY;
	const statements = [
		d1
			.prepare(
				`${ROWS} INSERT INTO verifications (id, client_id, livemode, status, version, revision, reference, passport_country,
			  passport_last3, provider, last_error_code, created_at, updated_at, expires_at, next_wake_at, redacted_at, key_id, body)
			SELECT ${verificationId}, client_id, livemode, final, ?6, ?7, 'user-' || printf('%06d', i % 500), ?8, ?9, ?10,
			  CASE final WHEN 'failed' THEN 'passport_not_found' END, t, t + 3, NULL, NULL,
			  CASE WHEN t < ?11 THEN t + ?12 END, CASE WHEN t >= ?11 THEN ?13 END, replace(?14, ?15, ${verificationId})
			FROM g`,
			)
			.bind(
				...head,
				v.version,
				v.revision,
				v.passportCountry,
				v.passportLast3,
				v.provider,
				recentFrom,
				30 * DAY,
				v.keyId,
				v.body,
				v.id,
			),
		d1
			.prepare(
				`${ROWS} INSERT INTO idempotency_keys (client_id, livemode, key, request_hash, key_id, verification_id, created_at)
			SELECT client_id, livemode, 'history-' || seed, ?6, ?7, ${verificationId}, t FROM g WHERE i % 2 = 0`,
			)
			.bind(...head, t.idempotencyKey.requestHash, t.idempotencyKey.keyId),
	];
	const kinds = ["verifications", "keys"];
	const last = t.events.filter((e) => e.statusChange).at(-1);
	t.events.forEach((e, j) => {
		kinds.push("events");
		const final = e === last;
		statements.push(
			d1
				.prepare(
					`${ROWS} INSERT INTO verification_events (id, verification_id, client_id, livemode, type, status_change, version,
				  status, previous_status, data, created_at)
				SELECT ${eventId(j)}, ${verificationId}, client_id, livemode, ${final ? "'verification.' || final" : "?6"}, ?7, ?8,
				  ${final ? "final" : "?9"}, ?10, ?11, t + ${j} FROM g`,
				)
				.bind(...head, e.type, e.statusChange ? 1 : 0, e.version, e.status, e.previousStatus, e.data),
		);
		const delivery = t.deliveries.find((d) => d.eventId === e.id);
		if (!delivery) return;
		kinds.push("deliveries");
		statements.push(
			d1
				.prepare(
					`${ROWS} INSERT INTO webhook_deliveries (id, client_id, livemode, endpoint_id, event_id, event_type, payload, status,
				  generation, owner, attempts, next_attempt_at, last_attempt_at, response_status, latency_ms, created_at, updated_at)
				SELECT 'del_' || substr(${eventId(j)}, 5) || substr(endpoint_id, 4), client_id, livemode, endpoint_id, ${eventId(j)},
				  ${final ? "'verification.' || final" : "?6"}, replace(?7, ?8, ${eventId(j)}),
				  CASE WHEN i % 50 = 0 THEN 'failed' ELSE 'succeeded' END, 1, 'history', 1, NULL, t + ${j} + 1000, 200, 120,
				  t + ${j}, t + ${j} + 1000
				FROM g WHERE endpoint_id IS NOT NULL`,
				)
				.bind(...head, delivery.eventType, delivery.payload, e.id),
		);
	});
	const results = await d1.batch(statements);
	const written = (kind: string) => results.reduce((n, r, i) => n + (kinds[i] === kind ? r.meta.changes : 0), 0);
	return { verifications: written("verifications"), events: written("events"), deliveries: written("deliveries") };
}
