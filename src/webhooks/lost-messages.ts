import { and, asc, eq, inArray, isNotNull, lt, type SQL, sql } from "drizzle-orm";
import { type Db } from "../db/client";
import { webhookDeliveries, webhookEndpoints } from "../db/schema";
import { stillPending } from "./attempt-log";
import { type CatchUpMessage, deliveryMessage, MAX_SEND_BATCH, sendDeliveryMessages } from "./messages";
import { MAX_DELIVERY_ATTEMPTS } from "./retry-policy";

/**
 * Deliveries whose queue message was lost, told from those whose message is only late (docs/webhooks.md, "Lost or
 * late"). A delivery is presumed lost once it is pending and due before a cut-off the overdue sweep chooses: a claim
 * pushes `next_attempt_at` past its lease, so a message still POSTing is never taken from; the sweep's cut-off lies
 * before the oldest message still waiting in the queues, so a backlog is not a loss.
 */

/**
 * How far the queues' backlog may hold the sweep back. `Queue.metrics()` is new and its production semantics are
 * not pinned (a runtime that counted delayed retries would report a backlog days old): past this, the sweep re-sends
 * anyway, which costs a late message nothing (see `resumeLost`).
 */
export const MAX_BACKLOG_ALLOWANCE_MS = 3_600_000;

/** What the delivery queues say of themselves: the oldest message still waiting, if any; unknown if they cannot say. */
export type Backlog = { known: true; oldestAt: number | null } | { known: false };

/**
 * Reads the delivery queues' backlog (`Queue.metrics()`: `backlogCount`, and `oldestMessageTimestamp` while something
 * waits; Miniflare answers it too, for the messages ready to deliver). The oldest of both lanes counts: a delivery's
 * lane is not on its row. A queue that waits with no readable timestamp counts as a backlog as old as the allowance.
 */
export async function deliveryBacklog(queues: Queue[], now: number): Promise<Backlog> {
	let oldestAt: number | null = null;
	for (const q of queues) {
		let m: QueueMetrics;
		try {
			m = await q.metrics();
		} catch {
			return { known: false };
		}
		if (m.backlogCount <= 0) continue;
		const stamped = m.oldestMessageTimestamp === undefined ? Number.NaN : new Date(m.oldestMessageTimestamp).getTime();
		const at = Number.isNaN(stamped) ? now - MAX_BACKLOG_ALLOWANCE_MS : stamped;
		oldestAt = Math.min(oldestAt ?? at, at);
	}
	return { known: true, oldestAt };
}

/**
 * The sweep's cut-off: a delivery due before it is presumed lost. `grace` before now, or before the oldest message
 * still queued when the queues are behind (a message sent after a delivery fell due cannot be carrying it, and no
 * message older than the oldest one waiting is still waiting), but never more than the allowance further back.
 */
export function lostBefore(now: number, graceMs: number, backlog: Backlog): number {
	const since = backlog.known && backlog.oldestAt !== null ? Math.min(now, backlog.oldestAt) : now;
	return Math.max(since, now - MAX_BACKLOG_ALLOWANCE_MS) - graceMs;
}

const d = webhookDeliveries;
const dueBefore = (cutoff: number) => and(eq(d.status, "pending"), lt(d.nextAttemptAt, cutoff));

/** The oldest deliveries presumed lost (by the overdue index: `status`, `next_attempt_at`), at most `limit`. */
export function lostDeliveries(db: Db, cutoff: number, limit: number) {
	return db
		.select({ id: d.id, attempts: d.attempts, parkedAt: d.parkedAt })
		.from(d)
		.where(dueBefore(cutoff))
		.orderBy(asc(d.nextAttemptAt))
		.limit(limit);
}

/**
 * The rows of `ids`, looked up by primary key with the ids bound as one JSON array (one parameter, however many
 * ids; D1 binds at most 100), each still pending and still due before `cutoff`: a claim, an attempt or a recovery
 * since the sweep read them has moved `next_attempt_at` on, and such a row is left alone.
 */
const stillLost = (ids: string[], cutoff: number): SQL | undefined =>
	and(sql`${d.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`, stillPending, lt(d.nextAttemptAt, cutoff));

/**
 * Ends or re-sends deliveries presumed lost. One whose every attempt was made is marked `failed` (its dead letter
 * was lost too), and so is a parked one past its `next_attempt_at`: its span ended while its endpoint was down. The others are re-sent in the same round: the generation stays, so a message that was only late
 * still counts (whichever of the two claims first sends; the other is acked unsent), and the new message carries the
 * row's attempts (`priorAttempts`), so the retry ladder goes on from its rung. Their claim is released and they are
 * due now, so a send lost here is found again by a later sweep. Returns how many of each.
 */
export async function resumeLost(
	db: Db,
	shard: string,
	queue: Queue,
	rows: { id: string; attempts: number; parkedAt: number | null }[],
	cutoff: number,
	now: number,
): Promise<{ resent: number; failed: number }> {
	const ended = (r: (typeof rows)[number]) => r.attempts >= MAX_DELIVERY_ATTEMPTS || r.parkedAt !== null;
	const exhausted = rows.filter(ended).map((r) => r.id);
	const resend = rows.filter((r) => !ended(r)).map((r) => r.id);
	let failed = 0;
	if (exhausted.length > 0) {
		const closed = await db
			.update(d)
			.set({
				status: "failed",
				errorClass: "retries_exhausted",
				error: "Every attempt failed; use recover or resend to send it again.",
				nextAttemptAt: null,
				parkedAt: null,
				updatedAt: now,
			})
			.where(stillLost(exhausted, cutoff))
			.returning({ id: d.id });
		failed = closed.length;
	}
	if (resend.length === 0) return { resent: 0, failed };
	const resumed = await db
		.update(d)
		.set({ owner: null, nextAttemptAt: now, updatedAt: now })
		.where(stillLost(resend, cutoff))
		.returning({ id: d.id, generation: d.generation, attempts: d.attempts });
	const messages = resumed.map((r) =>
		deliveryMessage(shard, [{ deliveryId: r.id, generation: r.generation }], r.attempts),
	);
	await sendDeliveryMessages(queue, messages);
	return { resent: resumed.length, failed };
}

const w = webhookEndpoints;

/**
 * Endpoints whose catch-up message was lost (src/webhooks/catch-up.ts): `probe_at` due before `cutoff`, the same
 * cut-off as the deliveries'. Each gets its claim released and a new message for the same `probe_at`, so a message
 * that was only late still counts (whichever claims first runs it; the other is acked). At most `limit`, by the
 * catch-up index. Returns how many.
 */
export async function resumeLostCatchUps(
	db: Db,
	shard: string,
	queue: Queue,
	cutoff: number,
	limit: number,
): Promise<number> {
	const due = db
		.select({ id: w.id })
		.from(w)
		.where(and(isNotNull(w.probeAt), lt(w.probeAt, cutoff)))
		.orderBy(asc(w.probeAt))
		.limit(limit);
	const resumed = await db
		.update(w)
		.set({ probeOwner: null })
		.where(and(inArray(w.id, due), lt(w.probeAt, cutoff)))
		.returning({ id: w.id, probeAt: w.probeAt });
	const messages = resumed.flatMap((r): CatchUpMessage[] =>
		r.probeAt === null ? [] : [{ catchUp: r.id, at: r.probeAt, shard }],
	);
	for (let i = 0; i < messages.length; i += MAX_SEND_BATCH)
		await queue.sendBatch(messages.slice(i, i + MAX_SEND_BATCH).map((body) => ({ body })));
	return messages.length;
}
