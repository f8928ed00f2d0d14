import { and, eq, isNull, or } from "drizzle-orm";
import type { Config } from "../config";
import type { Db } from "../db/client";
import { webhookDeliveries, webhookEndpoints } from "../db/schema";
import { fault } from "../faults";
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
 * Claims the delivery for this message, so a duplicate message (a replayed fan-out) is acked without a second
 * POST: the first message to claim a generation owns it, and only its redeliveries may attempt it again.
 */
async function claim(db: Db, msg: DeliveryAttempt): Promise<boolean> {
	const claimed = await db
		.update(webhookDeliveries)
		.set({ owner: msg.id })
		.where(
			and(
				eq(webhookDeliveries.id, msg.body.deliveryId),
				eq(webhookDeliveries.generation, msg.body.generation),
				eq(webhookDeliveries.status, "pending"),
				or(isNull(webhookDeliveries.owner), eq(webhookDeliveries.owner, msg.id)),
			),
		)
		.returning({ id: webhookDeliveries.id });
	return claimed.length > 0;
}

/** The `deliveries` consumer's work for one message; the returned decision says ack or retry with a delay. */
export async function processDelivery(db: Db, config: Config, msg: DeliveryAttempt, now = Date.now()): Promise<Decision> {
	const found = await db
		.select({ d: webhookDeliveries, e: webhookEndpoints })
		.from(webhookDeliveries)
		.innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
		.where(eq(webhookDeliveries.id, msg.body.deliveryId))
		.get();
	// Gone with its endpoint, superseded by a recovery, or already settled: nothing to do.
	if (!found || found.d.generation !== msg.body.generation || found.d.status !== "pending") return ACK;
	if (!(await claim(db, msg))) return ACK;
	const { d, e } = found;
	if (e.disabledAt !== null) return closeUnsent(db, d, "skipped", "endpoint_disabled", "The endpoint is disabled.", now);
	const result = await send(config, d, e, now);
	fault("delivery.posted");
	if (result.errorClass === "url_not_allowed") return closeUnsent(db, d, "failed", "url_not_allowed", result.error ?? "", now);
	return recordAttempt(db, d, e, result, msg.attempts, now);
}
