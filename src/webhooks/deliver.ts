import { sql } from "drizzle-orm";
import type { Config } from "../config";
import type { Db } from "../db/client";
import { parseRow, rowJson } from "../db/json-row";
import { webhookDeliveries, webhookEndpoints } from "../db/schema";
import { ACK, closeUnsent, type Decision, recordAttempt } from "./attempt-log";
import { type AttemptResult, postWebhook } from "./http-attempt";
import type { DeliveryMessage } from "./messages";
import { signingSecrets } from "./secrets";
import { signedHeaders } from "./signing";
import { checkWebhookUrl } from "./url-guard";
import type { DeliveryRow, EndpointRow } from "./views";

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
export async function send(config: Config, d: DeliveryRow, e: EndpointRow, now: number): Promise<AttemptResult> {
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
	const secrets = await signingSecrets(config, e, now);
	const headers = await signedHeaders({ id: d.eventId, timestamp: Math.floor(now / 1000), body: d.payload, secrets });
	return postWebhook(check.url, d.payload, headers);
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

/** The `deliveries` consumer's work for one message; the returned decision says ack or retry with a delay. */
export async function processDelivery(db: Db, config: Config, msg: DeliveryAttempt, now = Date.now()): Promise<Decision> {
	const claimed = await claim(db, msg);
	if (!claimed) return ACK;
	const { d, e } = claimed;
	if (e.disabledAt !== null) return closeUnsent(db, d, "skipped", "endpoint_disabled", "The endpoint is disabled.", now);
	const result = await send(config, d, e, now);
	if (result.errorClass === "url_not_allowed") return closeUnsent(db, d, "failed", "url_not_allowed", result.error ?? "", now);
	return recordAttempt(db, d, e, result, msg.attempts, now);
}
