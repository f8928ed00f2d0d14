import { z } from "@hono/zod-openapi";
import { ERROR_CLASSES } from "../../../webhooks/http-attempt";
import { DELIVERY_STATUSES } from "../../../webhooks/messages";
import { DELIVERY_EVENT_TYPES, EVENT_TYPES } from "../../../webhooks/payload";
import { MAX_RATE_LIMIT } from "../../../webhooks/throttle";
import { MAX_URL_LENGTH } from "../../../webhooks/url-guard";

/** A delivery id: `del_` and 52 characters (the event's and the endpoint's ids), or 26 for one made before. */
export const DELIVERY_ID_PATTERN = /^del_[0-9A-HJKMNP-TV-Z]{26}(?:[0-9A-HJKMNP-TV-Z]{26})?$/;
export const DELIVERY_ID_EXAMPLE = "del_01JD2X4R8B7Q0V3C5N6M9K1H2G01JD2X3Q0A9C8B7D6E5F4G3H2J";

const ts = z.string().datetime().openapi({ example: "2026-11-25T12:00:00.000Z" });

const url = z.string().trim().min(1).max(MAX_URL_LENGTH).openapi({
	example: "https://hooks.partner.example.com/kyc",
	description:
		"Where events are POSTed. https only, a public hostname (no IP addresses, no localhost/.local/.internal names), no credentials. In development http://127.0.0.1:<port> and http://localhost:<port> are allowed too.",
});

const description = z.string().trim().max(256).nullable().openapi({ example: "Production receiver" });

const eventTypes = z
	.array(z.enum(EVENT_TYPES))
	.max(EVENT_TYPES.length)
	.nullable()
	.openapi({
		example: ["verification.verified", "verification.failed"],
		description: "Only these event types are sent. Omit or null for every type.",
	});

const rateLimit = z.number().int().min(1).max(MAX_RATE_LIMIT).nullable().openapi({
	example: 10,
	description:
		"At most this many deliveries per second to this endpoint (a throttle, like Svix's `throttleRate`). Deliveries above it wait their turn, in order: none is dropped and waiting is not a failed attempt. Omit or null for no limit.",
});

export const EndpointCreateSchema = z
	.strictObject({
		url,
		description: description.optional(),
		event_types: eventTypes.optional(),
		rate_limit: rateLimit.optional(),
	})
	.openapi("WebhookEndpointCreate");

export const EndpointUpdateSchema = z
	.strictObject({
		url: url.optional(),
		description: description.optional(),
		event_types: eventTypes.optional(),
		rate_limit: rateLimit.optional(),
	})
	.openapi("WebhookEndpointUpdate", { description: "Only the fields sent change; null clears a field." });

export const EndpointSchema = z
	.object({
		id: z.string().openapi({ example: "we_01JD2X4R8B7Q0V3C5N6M9K1H2G" }),
		object: z.literal("webhook_endpoint"),
		livemode: z.boolean().openapi({ description: "false in test mode, true in live mode.", example: false }),
		url: z.string().openapi({ example: "https://hooks.partner.example.com/kyc" }),
		description: z.string().nullable(),
		event_types: z.array(z.enum(EVENT_TYPES)).nullable(),
		rate_limit: z
			.number()
			.int()
			.nullable()
			.openapi({ example: null, description: "Deliveries per second at most; null: no limit." }),
		status: z.enum(["enabled", "disabled"]),
		disabled_reason: z.string().nullable().openapi({ example: "The endpoint answered 410 Gone." }),
		disabled_at: ts.nullable(),
		previous_secret_expires_at: ts
			.nullable()
			.openapi({ description: "While a rotation is open, the previous secret also signs until this time." }),
		created_at: ts,
		updated_at: ts,
	})
	.openapi("WebhookEndpoint");

export const EndpointWithSecretSchema = EndpointSchema.extend({
	secret: z.string().openapi({
		example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw/HpGqJqj7Xk=",
		description: "The signing secret. Shown only now: store it. Rotate it if it is lost or leaked.",
	}),
}).openapi("WebhookEndpointWithSecret");

export const RotateSchema = z
	.strictObject({
		force: z.boolean().default(false).openapi({
			description: "Stop signing with the old secret at once (a leaked secret) instead of after 24 h.",
		}),
	})
	.openapi("WebhookSecretRotation");

export const RecoverSchema = z
	.strictObject({
		since: ts.openapi({ description: "Re-send deliveries created at or after this time." }),
		until: ts.optional().openapi({
			description: "…and before this time. Defaults to the first call's time, so a window is walked once.",
		}),
		starting_after: z
			.string()
			.regex(DELIVERY_ID_PATTERN)
			.optional()
			.openapi({ description: "The previous call's `next_cursor`: continue the walk after it." }),
		event_id: z
			.string()
			.regex(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/)
			.optional()
			.openapi({ description: "Only this event's delivery (whatever its status)." }),
		dry_run: z.boolean().optional().openapi({ description: "Count what would be re-sent; send nothing." }),
	})
	.openapi("WebhookRecovery", { example: { since: "2026-11-25T00:00:00.000Z" } });

export const RecoverResultSchema = z
	.object({
		object: z.literal("webhook_recovery"),
		recovered: z
			.number()
			.int()
			.openapi({ example: 3, description: "Deliveries queued to be sent again (with `dry_run`: that would be)." }),
		dry_run: z.boolean(),
		until: ts.openapi({ description: "The window's end used for this walk; pass it on with `next_cursor`." }),
		has_more: z.boolean().openapi({ description: "More remain: call again with `starting_after: next_cursor`." }),
		next_cursor: z.string().nullable().openapi({ example: DELIVERY_ID_EXAMPLE }),
	})
	.openapi("WebhookRecoveryResult");

/** Why a delivery's last attempt failed, or why it ended without one; shared with `webhook_endpoint.failing`. */
export const DeliveryErrorClassSchema = z.enum(ERROR_CLASSES).openapi("DeliveryErrorClass", {
	description: "Stable: branch on it. What each means and what to do: `GET /errors/{code}`.",
	example: "http_error",
});

export const DeliverySchema = z
	.object({
		id: z.string().openapi({
			example: DELIVERY_ID_EXAMPLE,
			description:
				"`del_` and the event's and the endpoint's ids (52 characters); deliveries made before 2026-12 have 26.",
		}),
		object: z.literal("webhook_delivery"),
		livemode: z.boolean().openapi({ description: "false in test mode, true in live mode.", example: false }),
		endpoint_id: z.string(),
		event_id: z
			.string()
			.openapi({ example: "evt_01JD2X4R8B7Q0V3C5N6M9K1H2G", description: "Also the `webhook-id` header." }),
		event_type: z.enum(DELIVERY_EVENT_TYPES).openapi({ example: "verification.verified" }),
		status: z.enum(DELIVERY_STATUSES).openapi({
			description:
				"`pending`: waiting for its first attempt or a retry (or, while its endpoint is failing, parked behind the endpoint's catch-up: `next_attempt_at` is then null). `succeeded`: a 2xx arrived. `failed`: retries exhausted, 410 Gone, or the URL was refused. `skipped`: the endpoint was disabled.",
		}),
		attempts: z.number().int().openapi({ example: 2 }),
		response_status: z
			.number()
			.int()
			.nullable()
			.openapi({ example: 500, description: "HTTP status of the last attempt." }),
		latency_ms: z.number().int().nullable().openapi({ example: 182 }),
		error_class: DeliveryErrorClassSchema.nullable(),
		error: z.string().nullable().openapi({ example: "HTTP 500." }),
		last_attempt_at: ts.nullable(),
		next_attempt_at: ts.nullable(),
		created_at: ts,
		updated_at: ts,
	})
	.openapi("WebhookDelivery");

export const DeletedSchema = z
	.object({ id: z.string(), object: z.literal("webhook_endpoint"), deleted: z.literal(true) })
	.openapi("WebhookEndpointDeleted");

export const EndpointIdParam = z.object({
	id: z.string().openapi({ param: { name: "id", in: "path" }, example: "we_01JD2X4R8B7Q0V3C5N6M9K1H2G" }),
});

export const DeliveryQuery = z.object({ status: z.enum(DELIVERY_STATUSES).optional() });

export const TAG = "Webhook endpoints";
