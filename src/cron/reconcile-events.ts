import { type SQL, sql } from "drizzle-orm";
import { loadConfig } from "../config";
import { fault } from "../crash-points";
import { database } from "../db/client";
import { feedRowUnindexed } from "../db/schema";
import { type Shard } from "../db/shards";
import { idFloor } from "../ids";
import { log } from "../log";
import { type Account } from "../tenancy";
import { type Status } from "../verification/types";
import { fanOut, owedSql } from "../webhooks/fan-out";
import { eventOfRow, type WebhookEvent } from "../webhooks/payload";
import { onEachShard, total } from "./shards";
import { readCronState, writeCronState } from "./state";

/** Where a run starts when no run has recorded anything (a new deployment): the window earlier releases swept. */
const FIRST_WINDOW_MS = 60 * 60_000;
/** Lost events fanned out per statement (and per run, for each of the two reads). */
const LIMIT = 200;
/**
 * Rows the landing-order read covers per run: what landed since the last run, up to this many. At one run a
 * minute, 2.9 M events a day (≈ 280 a minute land at 100,000 verifications a day); more waits for the next run.
 */
export const RECONCILE_SCAN_ROWS = 2_000;

interface LostEvent {
	rowid: number;
	id: string;
	verification_id: string;
	client_id: string;
	livemode: number;
	type: string;
	version: number;
	status: Status;
	previous_status: Status | null;
	data: string;
	created_at: number;
	reference: string | null;
}

/**
 * Where the last run got to: `checked`, the landing position (rowid) of the last event it looked at; `edge`, the
 * event id below which every event was old enough to look at.
 */
interface ReconcileState {
	checked: number;
	edge: string;
}

/**
 * Feed events (among `range`) that an endpoint they are owed to has no delivery row for, oldest first by `order`.
 * The reference is read only for what is returned.
 */
const lostEvents = (range: SQL, order: SQL) => sql`
	SELECT e.rowid AS rowid, e.id, e.verification_id, e.client_id, e.livemode, e.type, e.version, e.status,
	       e.previous_status, e.data, e.created_at,
	       (SELECT v.reference FROM verifications v WHERE v.id = e.verification_id) AS reference
	FROM verification_events e
	WHERE ${range} AND ${feedRowUnindexed("e")}
	  AND EXISTS (
	    SELECT 1 FROM webhook_endpoints w
	    WHERE w.client_id = e.client_id AND w.livemode = e.livemode
	      AND ${sql.raw(owedSql("w", { createdAt: "e.created_at", type: "e.type", about: "e.verification_id" }))}
	      AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.endpoint_id = w.id AND d.event_id = e.id))
	ORDER BY ${order} LIMIT ${LIMIT}`;

/**
 * Belt and braces for "nothing is lost": finds status changes projected to D1 that an endpoint they are owed to has
 * no delivery row for once they are `SWEEP_LOST_EVENT_SECONDS` old (the projection's batch writes the rows with the
 * events, so only an endpoint that batch did not see misses them), runs the one fan-out for them and queues what it
 * inserted. The fan-out is idempotent, so a false positive costs nothing but the statement.
 *
 * Each run reads only what is new since the last (its position is kept in `cron_state`): the events that landed
 * since (by rowid, D1's landing order, so an event that lands late is met when it lands) and are old enough, and
 * the events that have become old enough since (by id, i.e. by their time: those that were too fresh when they
 * landed). Returns how many status changes it fanned out again.
 */
export async function reconcileEvents(env: Env, now: number, shards?: Shard[]): Promise<number> {
	return total(await onEachShard(env, "reconcile", (shard) => reconcileShard(env, now, shard), shards));
}

async function reconcileShard(env: Env, now: number, shard: Shard): Promise<number> {
	const { lostEventMs } = loadConfig(env).sweeps;
	const db = database(shard.d1);
	const top = (await db.get<{ top: number | null }>(sql`SELECT max(rowid) AS top FROM verification_events`))?.top ?? 0;
	const directory = database(env.DB);
	const last = await readCronState<ReconcileState>(directory, "reconcile", shard.name);
	const from = last ?? { checked: top, edge: idFloor("evt", now - FIRST_WINDOW_MS) };
	const oldEnough = idFloor("evt", now - lostEventMs);
	const landedTo = Math.min(top, from.checked + RECONCILE_SCAN_ROWS);
	const landed = await db.all<LostEvent>(
		lostEvents(sql`e.rowid > ${from.checked} AND e.rowid <= ${landedTo} AND e.id < ${oldEnough}`, sql`e.rowid`),
	);
	const aged =
		from.edge < oldEnough
			? await db.all<LostEvent>(lostEvents(sql`e.id > ${from.edge} AND e.id < ${oldEnough}`, sql`e.id`))
			: [];
	fault("cron.reconcile");
	const lost = [...landed, ...aged.filter((a) => !landed.some((l) => l.id === a.id))];
	if (lost.length > 0) {
		await fanOut(shard, env.DELIVERIES_QUEUE, byAccount(lost).values(), now);
		log("warn", "reconcile.events_fanned_out", { count: lost.length });
	}
	// A read cut short by its limit resumes after the last row it returned.
	let edge = from.edge;
	if (aged.length === LIMIT) edge = aged.at(-1)?.id ?? edge;
	else if (edge < oldEnough) edge = oldEnough;
	const next: ReconcileState = {
		checked: landed.length === LIMIT ? (landed.at(-1)?.rowid ?? landedTo) : landedTo,
		edge,
	};
	await writeCronState(directory, "reconcile", shard.name, next, now);
	return lost.length;
}

/** The lost events as webhook payloads, grouped by the account they belong to (the fan-out runs per account). */
function byAccount(lost: LostEvent[]): Map<string, [Account, WebhookEvent<unknown>[]]> {
	const accounts = new Map<string, [Account, WebhookEvent<unknown>[]]>();
	for (const e of lost) {
		const key = `${e.client_id}:${e.livemode}`;
		const entry = accounts.get(key) ?? [{ clientId: e.client_id, livemode: e.livemode === 1 }, []];
		entry[1].push(
			eventOfRow(
				{
					id: e.id,
					verificationId: e.verification_id,
					clientId: e.client_id,
					livemode: e.livemode === 1,
					type: e.type,
					version: e.version,
					status: e.status,
					previousStatus: e.previous_status,
					data: JSON.parse(e.data) as Record<string, unknown>,
					createdAt: e.created_at,
				},
				e.reference,
			),
		);
		accounts.set(key, entry);
	}
	return accounts;
}
