import { and, eq, isNotNull, sql } from "drizzle-orm";
import { type Db } from "../db/client";
import { webhookDeliveries, webhookEndpoints } from "../db/schema";
import {
	ACK,
	type AttemptContext,
	attemptColumns,
	type Decision,
	disables,
	failedAttemptHealth,
	field,
	inRound,
	type RoundEntry,
	sameRound,
	stillPending,
} from "./attempt-log";
import { catchUpPays, creditsOf, nextProbeAt, spanLeftMs } from "./catch-up-policy";
import { withEvents } from "./endpoint-events";
import { type AttemptResult } from "./http-attempt";
import { type CatchUpMessage, type DeliveryMessage, deliveryMessage, MAX_DELIVERIES_PER_MESSAGE } from "./messages";
import { type DeliveryRow, type EndpointRow } from "./objects";
import { isLastAttempt } from "./retry-policy";

/**
 * Catch-up (docs/webhooks.md, "Catch-up"): while an endpoint is failing its pending deliveries are parked (no
 * attempt of their own) and one probe at a time POSTs the oldest of them on the schedule of catch-up-policy.ts; the
 * first success releases every parked delivery at once. The endpoint row holds the state (`probe_at`, `probe_owner`,
 * `probes`, `probe_credits`, `parked_until`), a delivery row its `parked_at`. This module parks and decides; the
 * catch-up message's consumer (probe and release) is src/webhooks/catch-up-run.ts.
 */

/** A catch-up is under way and the endpoint has not answered since: deliveries park instead of POSTing. */
export const isProbing = (e: EndpointRow) => e.probeAt !== null && e.failingSince !== null;

/** The deliveries a failed attempt leaves: the one that failed (after this attempt) and those behind it, unsent. */
interface Parking {
	failed: { d: DeliveryRow; attempt: number } | null;
	unsent: DeliveryRow[];
}

/**
 * Each row's give-up time (its span's end, counted from the attempt it makes, or would have made, now) and the
 * credits the newly parked ones bring (the attempts they have left).
 */
function plan(p: Parking, now: number) {
	const rows = [
		...(p.failed ? [{ d: p.failed.d, now: p.failed.attempt, made: p.failed.attempt }] : []),
		...p.unsent.map((d) => ({ d, now: d.attempts + 1, made: d.attempts })),
	];
	const entries: RoundEntry[] = rows.map((r) => [r.d.id, r.d.generation, r.d.parkedAt ?? now, now + spanLeftMs(r.now)]);
	const credits = rows.filter((r) => r.d.parkedAt === null).reduce((sum, r) => sum + creditsOf(r.made), 0);
	const parkedUntil = Math.max(0, ...entries.map((e) => e[3] as number));
	return { entries, credits, parkedUntil };
}

/** Parks rows (their claims released): no attempt of their own until the endpoint answers or their span ends. */
const parkRows = (db: Db, entries: RoundEntry[], now: number) =>
	db
		.update(webhookDeliveries)
		.set({ owner: null, parkedAt: field(entries, 2), nextAttemptAt: field(entries, 3), updatedAt: now })
		.where(and(inRound(entries), stillPending));

/** Adds the newly parked deliveries' credits and span to the endpoint's catch-up. */
const addToCatchUp = (db: Db, e: EndpointRow, credits: number, parkedUntil: number) =>
	db
		.update(webhookEndpoints)
		.set({
			probeCredits: sql`${webhookEndpoints.probeCredits} + ${credits}`,
			parkedUntil: sql`max(coalesce(${webhookEndpoints.parkedUntil}, 0), ${parkedUntil})`,
		})
		.where(eq(webhookEndpoints.id, e.id));

/** Starts the endpoint's catch-up unless one is under way; returns a row only when this statement started it. */
const startCatchUp = (db: Db, e: EndpointRow, firstAt: number) =>
	db
		.update(webhookEndpoints)
		.set({ probeAt: firstAt, probeOwner: null, probes: 0 })
		.where(and(eq(webhookEndpoints.id, e.id), sql`${webhookEndpoints.probeAt} IS NULL`))
		.returning({ probeAt: webhookEndpoints.probeAt });

/** The catch-up message for `at`, ready to send: on the lane the endpoint's deliveries use now. */
export const catchUpMessage = (shard: string, e: EndpointRow, at: number): CatchUpMessage => ({
	catchUp: e.id,
	at,
	shard,
});

/** Seconds to wait until `at` (Queues delays are whole seconds: rounded up, never early). */
export const delayUntil = (at: number, now: number) => Math.max(0, Math.ceil((at - now) / 1000));

/**
 * Parks a message's claimed deliveries unsent, its endpoint already being probed: they wait for the probe. A
 * duplicate of a parked row brings no credits twice (its `parked_at` stays).
 */
export async function parkUnsent(db: Db, rows: DeliveryRow[], e: EndpointRow, now: number): Promise<Decision> {
	const { entries, credits, parkedUntil } = plan({ failed: null, unsent: rows }, now);
	await db.batch([parkRows(db, entries, now), addToCatchUp(db, e, credits, parkedUntil)]);
	return ACK;
}

/**
 * Whether a failed attempt parks its delivery (and those behind it) instead of putting it back on the ladder: a
 * retryable failure, not its last attempt, not one that disables the endpoint, and either a catch-up already under way or one the budget can pay for
 * (the ladder's attempts these deliveries, and up to two others of the endpoint, have left: read by a bounded look).
 */
export async function parksAfter(
	db: Db,
	e: EndpointRow,
	failed: { d: DeliveryRow; attempt: number },
	unsent: DeliveryRow[],
	r: AttemptResult,
	now: number,
): Promise<boolean> {
	if (r.outcome !== "retry" || r.errorClass === "url_not_allowed" || isLastAttempt(failed.attempt)) return false;
	if (disables(e, r, now)) return false;
	if (isProbing(e)) return true;
	const ours = [failed.d, ...unsent].map((d) => d.id);
	// Named: beside `status = 'pending'` SQLite would take the overdue index and read every pending delivery; this
	// one reads the endpoint's pending ones in id order, past ours (at most a message's), up to two others.
	const others = await db.all<{ attempts: number }>(sql`
		SELECT attempts FROM webhook_deliveries INDEXED BY webhook_deliveries_status_idx
		WHERE endpoint_id = ${e.id} AND status = 'pending' AND id NOT IN (SELECT value FROM json_each(${JSON.stringify(ours)}))
		LIMIT 2`);
	const { credits, parkedUntil } = plan({ failed, unsent }, now);
	const extra = others.reduce((sum, o) => sum + creditsOf(o.attempts), 0);
	const failingSince = e.failingSince ?? now;
	return catchUpPays({ now, failingSince, credits: credits + e.probeCredits + extra, parkedUntil });
}

/**
 * Records a failed attempt and parks its delivery with those behind it, in one batch that also starts the endpoint's
 * catch-up if none is under way. Returns the first catch-up message to send (the caller sends it), or null. A crash
 * before that send leaves `probe_at` set with no message: the overdue sweep sends it (src/cron/sweep-deliveries.ts).
 */
export async function parkFailed(
	db: Db,
	shard: string,
	e: EndpointRow,
	failed: { d: DeliveryRow; attempt: number },
	unsent: DeliveryRow[],
	r: AttemptResult,
	at: AttemptContext,
	now: number,
): Promise<CatchUpMessage | null> {
	const { entries, credits, parkedUntil } = plan({ failed, unsent }, now);
	const failingSince = e.failingSince ?? now;
	const probes = e.failingSince === null ? 0 : e.probes;
	const firstAt = nextProbeAt({
		now,
		failingSince,
		probes,
		credits: (isProbing(e) ? e.probeCredits : 0) + credits,
		parkedUntil: Math.max(parkedUntil, e.parkedUntil ?? 0),
		retryAfterMs: (r.retryAfterSeconds ?? 0) * 1000,
	});
	const { health, events } = await failedAttemptHealth(db, e, r, at, now);
	const items = [
		db.update(webhookDeliveries).set(attemptColumns(r, now)).where(sameRound(failed.d)),
		parkRows(db, entries, now),
		health,
		startCatchUp(db, e, firstAt),
		addToCatchUp(db, e, credits, parkedUntil),
	];
	const results = await withEvents(db, at.events, items, events, e);
	return (results[3] as unknown[]).length > 0 ? catchUpMessage(shard, e, firstAt) : null;
}

/**
 * An endpoint answered a delivery of its own while it was being probed: its catch-up turns into a release, due now,
 * unless a probe is running (whose own answer then decides). Returns the message to send, or null.
 */
export async function releaseNow(db: Db, shard: string, e: EndpointRow, now: number): Promise<CatchUpMessage | null> {
	const started = await db
		.update(webhookEndpoints)
		.set({ probeAt: now, probeOwner: null })
		.where(
			and(
				eq(webhookEndpoints.id, e.id),
				isNotNull(webhookEndpoints.probeAt),
				sql`${webhookEndpoints.probeOwner} IS NULL`,
			),
		)
		.returning({ id: webhookEndpoints.id });
	return started.length > 0 ? catchUpMessage(shard, e, now) : null;
}

/** Parked deliveries taken per release step, and the messages they become (a verification's deliveries together). */
export const RELEASE_BATCH = 100;

/**
 * The messages for released rows, in event order: each verification's deliveries in one message, in version order
 * (a delivery id sorts by its event's time), several verifications to a message up to MAX_DELIVERIES_PER_MESSAGE.
 */
export function releaseMessages(
	shard: string,
	rows: { id: string; generation: number; subject: string | null }[],
): DeliveryMessage[] {
	const bySubject = new Map<string, { deliveryId: string; generation: number }[]>();
	for (const r of [...rows].sort((a, b) => (a.id < b.id ? -1 : 1))) {
		const key = r.subject ?? r.id;
		bySubject.set(key, [...(bySubject.get(key) ?? []), { deliveryId: r.id, generation: r.generation }]);
	}
	const messages: DeliveryMessage[] = [];
	let current: { deliveryId: string; generation: number }[] = [];
	for (const group of bySubject.values()) {
		if (current.length > 0 && current.length + group.length > MAX_DELIVERIES_PER_MESSAGE) {
			messages.push(deliveryMessage(shard, current));
			current = [];
		}
		for (let i = 0; i < group.length; i += MAX_DELIVERIES_PER_MESSAGE) {
			const part = group.slice(i, i + MAX_DELIVERIES_PER_MESSAGE);
			if (part.length === MAX_DELIVERIES_PER_MESSAGE) messages.push(deliveryMessage(shard, part));
			else current.push(...part);
		}
	}
	if (current.length > 0) messages.push(deliveryMessage(shard, current));
	return messages;
}
