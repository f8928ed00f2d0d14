import { and, eq, sql } from "drizzle-orm";
import type { Config } from "../config";
import { PiiDecryptError } from "../crypto/pii";
import type { Db } from "../db/client";
import { parseRow, rowJson } from "../db/json-row";
import { webhookDeliveries, webhookEndpoints } from "../db/schema";
import { fault } from "../faults";
import { log } from "../log";
import { ACK, closeUnsent, type Decision, recordAttempt } from "./attempt-log";
import { ATTEMPT_TIMEOUT_MS, type AttemptResult, postWebhook } from "./http-attempt";
import type { DeliveryMessage } from "./messages";
import { signingSecrets } from "./secrets";
import { signedHeaders } from "./signing";
import { checkWebhookUrl } from "./url-guard";
import type { DeliveryRow, EndpointRow } from "./views";

/**
 * Which queue a message came from. `main`: every delivery's first stop, with a short attempt timeout. `slow`:
 * endpoints that timed out there or keep failing, with the full timeout and their own consumer concurrency, so
 * one partner's hanging or failing endpoint never holds up another partner's deliveries.
 */
export type Lane = "main" | "slow";

/** An endpoint that has been failing this long has its retries moved to the slow lane too. */
export const FAILING_LANE_AFTER_MS = 60_000;

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
 * Signs and sends one delivery. Signing happens here, at send time, so every attempt carries a fresh
 * `webhook-timestamp` and whichever secrets are active now (both during a rotation).
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
			error: "The endpoint's signing secret cannot be decrypted with the configured keys; rotate it with `force: true`.",
			retryAfterSeconds: null,
		};
	}
	const headers = await signedHeaders({ id: d.eventId, timestamp: Math.floor(now / 1000), body: d.payload, secrets });
	return postWebhook(check.url, d.payload, headers, timeoutMs);
}

/**
 * Claims the delivery for this message and reads it with its endpoint, in one statement: the first message to
 * claim a generation owns it, and only its redeliveries may attempt it again, so a duplicate message (a replayed
 * fan-out or drain) is acked without a second POST. Gone with its endpoint, superseded by a recovery, already
 * settled or owned by another message: nothing comes back.
 */
async function claim(db: Db, msg: DeliveryAttempt): Promise<{ d: DeliveryRow; e: EndpointRow } | null> {
	const [row] = await db.all<{ d: string; e: string | null }>(sql`
		UPDATE webhook_deliveries SET owner = ${msg.id}
		WHERE id = ${msg.body.deliveryId} AND generation = ${msg.body.generation} AND status = 'pending'
		  AND (owner IS NULL OR owner = ${msg.id})
		RETURNING ${rowJson(webhookDeliveries, "webhook_deliveries")} AS d,
		  (SELECT ${rowJson(webhookEndpoints, "e")} FROM webhook_endpoints e WHERE e.id = webhook_deliveries.endpoint_id) AS e`);
	if (!row?.e) return null;
	return { d: parseRow(webhookDeliveries, row.d), e: parseRow(webhookEndpoints, row.e) };
}

/**
 * Hands a claimed delivery to the slow lane without an attempt: the claim is released first (the slow lane's
 * message has another id), then the message is sent, then this one is acked. A crash in between only repeats the
 * hand-over (a redelivered message claims again) or sends a duplicate the claim then acks unsent.
 */
async function toSlowLane(db: Db, slowLane: Queue, d: DeliveryRow, msg: DeliveryAttempt): Promise<Decision> {
	await db
		.update(webhookDeliveries)
		.set({ owner: null })
		.where(
			and(eq(webhookDeliveries.id, d.id), eq(webhookDeliveries.generation, d.generation), eq(webhookDeliveries.owner, msg.id)),
		);
	// This delivery of the message made no attempt: the slow lane's first delivery is attempt `msg.attempts`.
	const priorAttempts = attemptNumber(msg) - 1;
	await slowLane.send({ deliveryId: d.id, generation: d.generation, priorAttempts } satisfies DeliveryMessage);
	return ACK;
}

/**
 * A delivery consumer's work for one message; the returned decision says ack or retry with a delay. The attempt
 * number counts this round's deliveries of the message, plus those made before it changed lanes.
 */
export async function processDelivery(
	db: Db,
	config: Config,
	msg: DeliveryAttempt,
	route: { lane: Lane; slowLane: Queue },
	now = Date.now(),
): Promise<Decision> {
	const claimed = await claim(db, msg);
	if (!claimed) return ACK;
	const { d, e } = claimed;
	if (e.disabledAt !== null) return closeUnsent(db, d, "skipped", "endpoint_disabled", "The endpoint is disabled.", now);
	if (route.lane === "main" && inSlowLane(e, now)) return toSlowLane(db, route.slowLane, d, msg);
	const timeoutMs = route.lane === "main" ? config.webhookFastLaneTimeoutMs : ATTEMPT_TIMEOUT_MS;
	const result = await send(config, d, e, now, timeoutMs);
	fault("delivery.posted");
	if (result.errorClass === "url_not_allowed") return closeUnsent(db, d, "failed", "url_not_allowed", result.error ?? "", now);
	return recordAttempt(
		db,
		d,
		e,
		result,
		{ attempt: attemptNumber(msg), lane: route.lane, fastLaneTimeoutMs: config.webhookFastLaneTimeoutMs },
		now,
	);
}
