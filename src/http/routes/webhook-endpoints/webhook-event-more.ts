import { z } from "@hono/zod-openapi";
import { STATUSES, WAITING_ON } from "../../../verification/types";
import { FAILING_AFTER_ATTEMPTS, FAILING_AFTER_MS } from "../../../webhooks/endpoint-events";
import { type EndpointEventType, REDACTED_EVENT_TYPE } from "../../../webhooks/payload";
import { LastErrorSchema, RequiredActionSchema } from "../verifications/schema";
import { DeliveryErrorClassSchema } from "./schema";

/**
 * The `webhooks` entries for the events that are not status changes: `verification.redacted` and the operational
 * `webhook_endpoint.*` events (src/webhooks/endpoint-events.ts). Registered beside the others (webhook-event.ts).
 */

const ts = z.string().datetime().openapi({ example: "2026-11-25T12:00:00.000Z" });

export const envelope = {
	id: z.string().openapi({ example: "evt_01JD2X4R8B7Q0V3C5N6M9K1H2G", description: "Same as `webhook-id`." }),
	timestamp: ts,
	livemode: z.boolean().openapi({ description: "false in test mode (sandbox), true in live mode.", example: false }),
};

/** A verification as a status change's (or a redaction's) event carries it. */
export const verificationData = {
	id: z.string().openapi({ example: "ver_01JD2X4R8B7Q0V3C5N6M9K1H2F" }),
	status: z.enum(STATUSES),
	previous_status: z.enum(STATUSES).nullable(),
	version: z.number().int().openapi({
		example: 3,
		description: "Order events by this, not by arrival. A redaction does not change it.",
	}),
	reference: z.string().nullable(),
	last_error: LastErrorSchema.nullable(),
	required_action: RequiredActionSchema.nullable(),
	waiting_on: z.enum(WAITING_ON).openapi({
		description: "Who must act next: `provider` (a lookup is under way or scheduled), `partner`, or `nothing`.",
	}),
};

export const RedactedEventSchema = z
	.object({
		...envelope,
		type: z.literal(REDACTED_EVENT_TYPE),
		data: z.object({
			...verificationData,
			redacted_at: ts.openapi({ description: "When the personal data was erased." }),
			reason: z.enum(["partner_request", "retention"]).openapi({
				description:
					"`partner_request`: `DELETE /api/verifications/{id}`. `retention`: the personal-data retention ran out.",
			}),
		}),
	})
	.openapi("WebhookRedactedEvent");

const endpoint = {
	id: z.string().openapi({ example: "we_01JD2X4R8B7Q0V3C5N6M9K1H2G", description: "The endpoint the event is about." }),
	object: z.literal("webhook_endpoint"),
	url: z.string().openapi({ example: "https://hooks.partner.example.com/kyc" }),
};

const DATA: Record<EndpointEventType, z.ZodObject> = {
	"webhook_endpoint.failing": z.object({
		...endpoint,
		failing_since: ts.openapi({ description: "The first failure of the streak." }),
		failed_attempts: z.number().int().openapi({ example: FAILING_AFTER_ATTEMPTS }),
		last_error: z.object({
			error_class: DeliveryErrorClassSchema.nullable(),
			message: z.string().nullable().openapi({ example: "HTTP 503." }),
			response_status: z.number().int().nullable().openapi({ example: 503 }),
		}),
		disabled_at_the_latest: ts.openapi({ description: "When it is disabled if every attempt keeps failing." }),
	}),
	"webhook_endpoint.disabled": z.object({
		...endpoint,
		reason: z.enum(["failing", "gone", "partner"]).openapi({
			description:
				"`failing`: every attempt failed for 5 days. `gone`: it answered 410. `partner`: disabled through the API.",
		}),
		disabled_reason: z.string().openapi({ example: "The endpoint answered 410 Gone." }),
		disabled_at: ts,
	}),
	"webhook_endpoint.enabled": z.object({ ...endpoint, enabled_at: ts }),
	"webhook_endpoint.recovered": z.object({
		...endpoint,
		failing_since: ts.nullable(),
		recovered_at: ts.openapi({ description: "When it answered again." }),
	}),
};

const SUMMARY: Record<EndpointEventType, string> = {
	"webhook_endpoint.failing": `Another endpoint of the account is failing (${FAILING_AFTER_ATTEMPTS} attempts or ${FAILING_AFTER_MS / 60_000} min)`,
	"webhook_endpoint.disabled": "Another endpoint of the account was disabled",
	"webhook_endpoint.enabled": "Another endpoint of the account was enabled",
	"webhook_endpoint.recovered": "Another endpoint of the account answered again after failing",
};

/** The schema and summary of each operational event type. */
export const ENDPOINT_EVENT_DOCS = (Object.keys(DATA) as EndpointEventType[]).map((type) => ({
	type,
	summary: SUMMARY[type],
	schema: z
		.object({ ...envelope, type: z.literal(type), data: DATA[type] })
		.openapi(`Webhook${type.slice("webhook_endpoint.".length).replace(/^./, (c) => c.toUpperCase())}EndpointEvent`),
}));

/** The `webhooks` entry name of an event type (what test/helpers/contract.ts looks a payload up by). */
export const webhookDocName = (type: string) => type.replace(/[._]/g, "-");

const EXAMPLE_BASE = { id: "evt_01JD2X4R8B7Q0V3C5N6M9K1H2G", timestamp: "2026-11-25T12:00:00.000Z", livemode: false };
const ENDPOINT = {
	id: "we_01JD2X4R8B7Q0V3C5N6M9K1H2G",
	object: "webhook_endpoint",
	url: "https://hooks.partner.example.com/kyc",
};

/** One documented payload of each of these types (Redocly lints each against its schema). */
export const MORE_EXAMPLES: Record<typeof REDACTED_EVENT_TYPE | EndpointEventType, Record<string, unknown>> = {
	[REDACTED_EVENT_TYPE]: {
		...EXAMPLE_BASE,
		type: REDACTED_EVENT_TYPE,
		data: {
			id: "ver_01JD2X4R8B7Q0V3C5N6M9K1H2F",
			status: "verified",
			previous_status: "processing",
			version: 3,
			reference: "user_8812",
			last_error: null,
			required_action: null,
			waiting_on: "nothing",
			redacted_at: "2026-11-25T12:00:00.000Z",
			reason: "partner_request",
		},
	},
	"webhook_endpoint.failing": {
		...EXAMPLE_BASE,
		type: "webhook_endpoint.failing",
		data: {
			...ENDPOINT,
			failing_since: "2026-11-25T11:45:00.000Z",
			failed_attempts: FAILING_AFTER_ATTEMPTS,
			last_error: { error_class: "http_error", message: "HTTP 503.", response_status: 503 },
			disabled_at_the_latest: "2026-11-30T11:45:00.000Z",
		},
	},
	"webhook_endpoint.disabled": {
		...EXAMPLE_BASE,
		type: "webhook_endpoint.disabled",
		data: {
			...ENDPOINT,
			reason: "gone",
			disabled_reason: "The endpoint answered 410 Gone.",
			disabled_at: "2026-11-25T12:00:00.000Z",
		},
	},
	"webhook_endpoint.enabled": {
		...EXAMPLE_BASE,
		type: "webhook_endpoint.enabled",
		data: { ...ENDPOINT, enabled_at: "2026-11-25T12:00:00.000Z" },
	},
	"webhook_endpoint.recovered": {
		...EXAMPLE_BASE,
		type: "webhook_endpoint.recovered",
		data: { ...ENDPOINT, failing_since: "2026-11-25T11:45:00.000Z", recovered_at: "2026-11-25T12:00:00.000Z" },
	},
};
