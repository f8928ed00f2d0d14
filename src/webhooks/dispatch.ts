import { and, eq, inArray, sql } from "drizzle-orm";
import { type Config } from "../config";
import { fault } from "../crash-points";
import { PiiDecryptError } from "../crypto/pii";
import { type Db } from "../db/client";
import { parseRow, rowJson } from "../db/json-row";
import { webhookDeliveries, webhookEndpoints } from "../db/schema";
import { log } from "../log";
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
import { ATTEMPT_TIMEOUT_MS, type AttemptResult, postWebhook } from "./http-attempt";
import { type DeliveryMessage, deliveriesOf, deliveryMessage } from "./messages";
import { type DeliveryRow, type EndpointRow } from "./objects";
import { signingSecrets } from "./secrets";
import { signedHeaders } from "./signing";
import { checkWebhookUrl } from "./url-guard";

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

const inSlowLane = (e: EndpointRow, now: number) =>
	(e.slowUntil ?? 0) > now || (e.failingSince !== null && now - e.failingSince >= FAILING_LANE_AFTER_MS);

/** The queue message fields the consumer needs (a `Message<DeliveryMessage>` has them). */
export interface DeliveryAttempt {
	id: string;
	attempts: number;
	body: DeliveryMessage;
}

/**
 * Signs and sends one delivery. Signing happens here, at send time (`now` is the moment of this POST, not of its
 * message), so every attempt carries a fresh `webhook-timestamp` and whichever secrets are active now (both during
 * a rotation).
 */
export async function send(
	config: Config,
	d: DeliveryRow,
	e: EndpointRow,
	now: number,
	timeoutMs = ATTEMPT_TIMEOUT_MS,
): Promise<AttemptResult> {
	const check = checkWebhookUrl(e.url, { development: config.isDevelopment });
	if (!check.ok) {
		return {
			outcome: "retry",
			responseStatus: null,
			latencyMs: 0,
			errorClass: "url_not_allowed",
			error: check.reason,
			retryAfterSeconds: null,
		};
	}
	let secrets: string[];
	try {
		secrets = await signingSecrets(config, e, now);
	} catch (err) {
		if (!(err instanceof PiiDecryptError)) throw err;
		// Its key was dropped before the re-encryption ran (or the row was altered): never send unsigned, say why.
		log("error", "webhook.secret_unreadable", { endpoint_id: e.id, reason: err.message });
		return {
			outcome: "retry",
			responseStatus: null,
			latencyMs: 0,
			errorClass: "signing_secret_unreadable",
			error:
				"The endpoint's signing secret cannot be decrypted with the configured keys; rotate it with `force: true`.",
			retryAfterSeconds: null,
		};
	}
	const headers = await signedHeaders({ id: d.eventId, timestamp: Math.floor(now / 1000), body: d.payload, secrets });
	return postWebhook(check.url, d.payload, headers, timeoutMs);
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
) {
	const ids = rows.map((d) => d.id);
	await db
		.update(webhookDeliveries)
		.set({ owner: null, nextAttemptAt: now })
		.where(and(inArray(webhookDeliveries.id, ids), eq(webhookDeliveries.owner, msg.id)));
	const refs = rows.map((d) => ({ deliveryId: d.id, generation: d.generation }));
	await queue.send(deliveryMessage(shard, refs, priorAttempts) satisfies DeliveryMessage);
}

/** Where a message is consumed: the shard of its rows, its lane, that lane's queue, and the slow lane's. */
export interface Route {
	shard: string;
	lane: Lane;
	queue: Queue;
	slowLane: Queue;
}

/**
 * A delivery consumer's work for one message; the returned decision says ack or retry with a delay. The attempt
 * number counts this round's deliveries of the message, plus those made before it changed lanes (or before the
 * sweep re-sent it). The message's deliveries are POSTed in order, each stamped and signed when it is sent
 * (`clock`); the first that fails ends the run: its attempt decides the message's fate, and the ones after it go on
 * in a message of their own (a fresh first attempt), so each keeps its own retry ladder.
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
	if (route.lane === "main" && inSlowLane(e, now)) {
		// These deliveries of the message made no attempt: the slow lane's first delivery is attempt `msg.attempts`.
		await handOver(db, route.shard, route.slowLane, rows, msg, attemptNumber(msg) - 1, now);
		return ACK;
	}
	const at = { attempt: attemptNumber(msg), lane: route.lane, fastLaneTimeoutMs: config.webhookFastLaneTimeoutMs };
	const succeeded: Succeeded[] = [];
	for (const [i, d] of rows.entries()) {
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
		const decision = await recordAttempt(db, d, e, result, at, failedAt);
		const rest = rows.slice(i + 1);
		if (rest.length > 0) await handOver(db, route.shard, route.queue, rest, msg, 0, failedAt);
		return decision;
	}
	await recordSucceeded(db, succeeded, e, at, clock());
	return ACK;
}
