import { z } from "@hono/zod-openapi";
import { STATUSES } from "../../../verification/types";
import { EVENT_TYPES } from "../../../webhooks/messages";
import type { router } from "../../context";

const WebhookEventSchema = z
	.object({
		id: z.string().openapi({ example: "evt_01JD2X4R8B7Q0V3C5N6M9K1H2G", description: "Same as `webhook-id`." }),
		type: z.enum(EVENT_TYPES),
		timestamp: z.string().datetime().openapi({ example: "2026-11-25T12:00:00.000Z" }),
		livemode: z.boolean().openapi({ description: "false in test mode (sandbox), true in live mode.", example: false }),
		test: z
			.literal(true)
			.optional()
			.openapi({ description: "Present on sample events sent by the test-mode trigger: no verification stands behind them." }),
		data: z.object({
			id: z.string().openapi({ example: "ver_01JD2X4R8B7Q0V3C5N6M9K1H2F" }),
			status: z.enum(STATUSES),
			previous_status: z.enum(STATUSES).nullable(),
			version: z.number().int().openapi({ example: 3, description: "Order events by this, not by arrival." }),
			reference: z.string().nullable(),
			last_error: z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }).nullable(),
			required_action: z.object({ code: z.string(), message: z.string(), fields: z.array(z.string()) }).nullable(),
		}),
	})
	.openapi("WebhookEvent");

/**
 * Documents what partners receive as an OpenAPI 3.1 `webhooks` entry. Call it on the root app: registered on a
 * sub-router, `app.route` would prefix the webhook's name with the mount path.
 */
export function registerWebhookDoc(app: ReturnType<typeof router>): void {
	app.openAPIRegistry.registerWebhook({
		method: "post",
		path: "verification-event",
		tags: ["Webhook endpoints"],
		summary: "A verification changed status",
		description:
			"Sent to every enabled endpoint subscribed to its type, signed per Standard Webhooks v1: verify `webhook-signature` with your `whsec_` secret (e.g. the `standardwebhooks` package), deduplicate on `webhook-id`, order by `data.version`. Answer 2xx within 15 s; otherwise it is retried for about three days (see docs/webhooks.md).",
		request: {
			headers: z.object({
				"webhook-id": z.string().openapi({ example: "evt_01JD2X4R8B7Q0V3C5N6M9K1H2G" }),
				"webhook-timestamp": z.string().openapi({ example: "1795610448", description: "Unix seconds of this attempt." }),
				"webhook-signature": z.string().openapi({
					example: "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
					description: "Space-separated `v1,<base64>` entries; two while a secret rotation is open.",
				}),
			}),
			body: { content: { "application/json": { schema: WebhookEventSchema } } },
		},
		responses: { 200: { description: "Any 2xx acknowledges the event." } },
	});
}
