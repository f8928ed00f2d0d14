import { and, eq, inArray, sql } from "drizzle-orm";
import { type Config } from "../config";
import { fault } from "../crash-points";
import { type Db } from "../db/client";
import { parseRow, rowJson } from "../db/json-row";
import { webhookDeliveries, webhookEndpoints } from "../db/schema";
import {
	ACK,
	closeUnsent,
	type Decision,
	inRound,
	type RoundEntry,
	recordAttempt,
	recordSucceeded,
	type Succeeded,
	stillPending,
} from "./attempt-log";
import { delayUntil, isProbing, parkFailed, parksAfter, parkUnsent, releaseNow } from "./catch-up";
import { ATTEMPT_TIMEOUT_MS } from "./http-attempt";
import { type CatchUpMessage, type DeliveryMessage, deliveriesOf, deliveryMessage } from "./messages";
import { type DeliveryRow, type EndpointRow } from "./objects";
import { send } from "./send";
import { awaitSlot, reservedSlots, reserveSlots, slotAt } from "./throttle";

/**
 * Which queue a message came from. `main`: every delivery's first stop, with a short attempt timeout. `slow`:
 * endpoints that timed out there or keep failing, with the full timeout and their own consumer concurrency, so
 * one partner's hanging or failing endpoint never holds up another partner's deliveries.
 */
export type Lane = "main" | "slow";

/** An endpoint that has been failing this long has its retries moved to the slow lane too. */
export const FAILING_LANE_AFTER_MS = 60_000;

/**
 * What a claim adds to its message's longest possible run (one attempt after another, each bounded by its lane's
 * timeout): signing, the secrets' decryption and the D1 writes around the POSTs.
 */
export const CLAIM_MARGIN_MS = 60_000;

/**
 * How long a claim holds its deliveries: the claim moves their `next_attempt_at` this far ahead, so the overdue
 * sweep (src/cron/sweep-deliveries.ts) cannot take a delivery from a message that may still be POSTing it. Longer
 * than the slowest run of such a message: 25 deliveries × 15 s on the slow lane ≈ 6.3 min, plus the margin.
 */
export const claimLeaseMs = (deliveries: number, attemptTimeoutMs: number) =>
	deliveries * attemptTimeoutMs + CLAIM_MARGIN_MS;

/** This round's attempt number (1-based) for a delivery of `msg`. */
const attemptNumber = (msg: DeliveryAttempt) => msg.attempts + (msg.body.priorAttempts ?? 0);

/** Whether an endpoint's attempts belong on the slow lane now. */
export const inSlowLane = (e: EndpointRow, now: number) =>
	(e.slowUntil ?? 0) > now || (e.failingSince !== null && now - e.failingSince >= FAILING_LANE_AFTER_MS);

/** The queue message fields the consumer needs (a `Message<DeliveryMessage>` has them). */
export interface DeliveryAttempt {
	id: string;
	attempts: number;
	body: DeliveryMessage;
}

/**
 * Claims the message's deliveries and reads them with their endpoint, in one statement: the first message to
 * claim a generation owns it, and only its redeliveries may attempt it again, so a duplicate message (a replayed
 * fan-out or drain, or the sweep's re-send of a message that was only late) is acked without a second POST. The
 * claim holds until `leaseUntil` (`next_attempt_at`), which the overdue sweep respects. Gone with their endpoint,
 * superseded by a recovery, already settled or owned by another message: those do not come back. The rest come
 * back in event order.
 */
async function claim(
	db: Db,
	msg: DeliveryAttempt,
	leaseUntil: number,
): Promise<{ rows: DeliveryRow[]; e: EndpointRow } | null> {
	const refs = deliveriesOf(msg.body).map((r): RoundEntry => [r.deliveryId, r.generation]);
	const claimed = await db.all<{ d: string; e: string | null }>(sql`
		UPDATE webhook_deliveries SET owner = ${msg.id}, next_attempt_at = ${leaseUntil}
		WHERE ${inRound(refs)} AND ${stillPending} AND (owner IS NULL OR owner = ${msg.id})
		RETURNING ${rowJson(webhookDeliveries, "webhook_deliveries")} AS d,
		  (SELECT ${rowJson(webhookEndpoints, "e")} FROM webhook_endpoints e WHERE e.id = webhook_deliveries.endpoint_id) AS e`);
	const endpoint = claimed[0]?.e;
	if (!endpoint) return null;
	const rows = claimed.map((r) => parseRow(webhookDeliveries, r.d)).sort((a, b) => (a.id < b.id ? -1 : 1));
	return { rows, e: parseRow(webhookEndpoints, endpoint) };
}

/**
 * Hands claimed deliveries to another message without an attempt (to the slow lane, or on their own after an
 * earlier delivery of the message failed): the claims and their lease are released first (the new message has
 * another id; from now on the sweep counts from `now`), then it is sent. A crash in between only repeats the
 * hand-over (a redelivered message claims again) or sends a duplicate the claim then acks unsent.
 */
async function handOver(
	db: Db,
	shard: string,
	queue: Queue,
	rows: DeliveryRow[],
	msg: DeliveryAttempt,
	priorAttempts: number,
	now: number,
	slot?: number,
) {
	const ids = rows.map((d) => d.id);
	await db
		.update(webhookDeliveries)
		.set({ owner: null, nextAttemptAt: slot ?? now })
		.where(and(inArray(webhookDeliveries.id, ids), eq(webhookDeliveries.owner, msg.id)));
	const refs = rows.map((d) => ({ deliveryId: d.id, generation: d.generation }));
	const body = deliveryMessage(shard, refs, priorAttempts, slot) satisfies DeliveryMessage;
	// Whole seconds, rounded down: it comes up to a second early and waits the rest for its slot (throttle.ts).
	await queue.send(body, slot === undefined ? undefined : { delaySeconds: Math.floor(Math.max(0, slot - now) / 1000) });
}

/** Where a message is consumed: the shard of its rows, its lane, that lane's queue, and both lanes'. */
export interface Route {
	shard: string;
	lane: Lane;
	queue: Queue;
	mainLane: Queue;
	slowLane: Queue;
}

/**
 * Sends an endpoint's catch-up message (src/webhooks/catch-up.ts) on the lane its deliveries use now (`slow`: it
 * has just timed out).
 */
export async function sendCatchUp(route: Route, e: EndpointRow, m: CatchUpMessage | null, now: number, slow = false) {
	if (!m) return;
	const queue = slow || inSlowLane(e, now) ? route.slowLane : route.mainLane;
	await queue.send(m, { delaySeconds: delayUntil(m.at, now) });
}

/**
 * A delivery consumer's work for one message; the returned decision says ack or retry with a delay. The attempt
 * number counts this round's deliveries of the message, plus those made before it changed lanes (or before the
 * sweep re-sent it). The message's deliveries are POSTed in order, each stamped and signed when it is sent
 * (`clock`), each in its throttle slot (src/webhooks/throttle.ts); the first that fails ends the run: its attempt
 * decides the message's fate, and the ones after it go on in a message of their own (a fresh first attempt), so
 * each keeps its own retry ladder; or, when the endpoint's catch-up takes over, they are all parked
 * (src/webhooks/catch-up.ts). While the endpoint is probed, only a delivery's first attempt goes out (it probes too).
 */
export async function processDelivery(
	db: Db,
	config: Config,
	msg: DeliveryAttempt,
	route: Route,
	clock: () => number = Date.now,
): Promise<Decision> {
	const now = clock();
	const timeoutMs = route.lane === "main" ? config.webhookFastLaneTimeoutMs : ATTEMPT_TIMEOUT_MS;
	const claimed = await claim(db, msg, now + claimLeaseMs(deliveriesOf(msg.body).length, timeoutMs));
	if (!claimed) return ACK;
	const { rows, e } = claimed;
	if (e.disabledAt !== null)
		return closeUnsent(db, rows, "skipped", "endpoint_disabled", "The endpoint is disabled.", now);
	if (isProbing(e) && (rows[0]?.attempts !== 0 || rows[0]?.parkedAt !== null)) return parkUnsent(db, rows, e, now);
	if (route.lane === "main" && inSlowLane(e, now)) {
		// These deliveries of the message made no attempt: the slow lane's first delivery is attempt `msg.attempts`.
		await handOver(db, route.shard, route.slowLane, rows, msg, attemptNumber(msg) - 1, now);
		return ACK;
	}
	const at = {
		attempt: attemptNumber(msg),
		lane: route.lane,
		fastLaneTimeoutMs: config.webhookFastLaneTimeoutMs,
		events: { queue: route.mainLane, shard: route.shard },
	};
	const slots = reservedSlots(e, msg.body.slotAt) ?? (await reserveSlots(db, e, rows.length, now));
	const succeeded: Succeeded[] = [];
	for (const [i, d] of rows.entries()) {
		if (slots && !(await awaitSlot(slots, i, now, clock))) {
			// The rest wait for their slots on the queue, unsent: no attempt is counted.
			await recordSucceeded(db, succeeded, e, at, clock());
			await handOver(
				db,
				route.shard,
				route.queue,
				rows.slice(i),
				msg,
				attemptNumber(msg) - 1,
				clock(),
				slotAt(slots, i),
			);
			return ACK;
		}
		const result = await send(config, d, e, clock(), timeoutMs);
		fault("delivery.posted");
		if (result.outcome === "succeeded") {
			succeeded.push({ d, r: result });
			continue;
		}
		const failedAt = clock();
		await recordSucceeded(db, succeeded, e, at, failedAt);
		if (result.errorClass === "url_not_allowed")
			return closeUnsent(db, rows.slice(i), "failed", "url_not_allowed", result.error ?? "", failedAt);
		const rest = rows.slice(i + 1);
		const failed = { d, attempt: d.attempts + 1 };
		if (await parksAfter(db, e, failed, rest, result, failedAt)) {
			const first = await parkFailed(db, route.shard, e, failed, rest, result, at, failedAt);
			await sendCatchUp(route, e, first, failedAt, result.errorClass === "timeout");
			return ACK;
		}
		const decision = await recordAttempt(db, d, e, result, at, failedAt);
		if (rest.length > 0) await handOver(db, route.shard, route.queue, rest, msg, 0, failedAt);
		return decision;
	}
	const done = clock();
	await recordSucceeded(db, succeeded, e, at, done);
	// It answered while being probed: the catch-up releases what it parked now, not at the next probe.
	if (isProbing(e) && succeeded.length > 0)
		await sendCatchUp(route, e, await releaseNow(db, route.shard, e, done), done);
	return ACK;
}
