import { z } from "@hono/zod-openapi";
import { STATUS_EVENT_TYPES, TEST_EVENT_TYPE } from "../../../webhooks/payload";
import { type router } from "../../context";
import {
	ENDPOINT_EVENT_DOCS,
	envelope,
	MORE_EXAMPLES,
	RedactedEventSchema,
	verificationData,
	webhookDocName,
} from "./webhook-event-more";
import { TEST_EVENT_EXAMPLE, VERIFICATION_EVENT_EXAMPLES } from "./webhook-examples";

const WEBHOOKS_TAG = "Webhooks";

const WebhookEventSchema = z
	.object({
		...envelope,
		type: z.enum(STATUS_EVENT_TYPES).openapi({ description: "`verification.<data.status>`." }),
		test: z.literal(true).optional().openapi({
			description: "Present on sample events sent by the test-mode trigger: no verification stands behind them.",
		}),
		data: z.object(verificationData),
	})
	.openapi("WebhookEvent");

const WebhookTestEventSchema = z
	.object({
		...envelope,
		type: z.literal(TEST_EVENT_TYPE),
		data: z.object({
			endpoint_id: z.string().openapi({ example: "we_01JD2X4R8B7Q0V3C5N6M9K1H2G" }),
			message: z.string().openapi({ example: "A test event from the KYC API." }),
		}),
	})
	.openapi("WebhookTestEvent");

const signatureHeaders = z.object({
	"webhook-id": z
		.string()
		.openapi({ example: "evt_01JD2X4R8B7Q0V3C5N6M9K1H2G", description: "The event id: deduplicate on it." }),
	"webhook-timestamp": z.string().openapi({ example: "1795610448", description: "Unix seconds of this attempt." }),
	"webhook-signature": z.string().openapi({
		example: "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
		description: "Space-separated `v1,<base64>` entries; two while a secret rotation is open.",
	}),
});

/** What the receiver may answer an event; only 2xx counts as delivered. */
const eventResponses = {
	200: { description: "Any 2xx acknowledges the event." },
	410: { description: "Gone: this delivery fails and the endpoint is disabled until it is enabled again." },
	default: {
		description: "Anything else (or no answer within 5 s) is retried on the ladder, honouring `Retry-After`.",
	},
};

/** The ping is never retried: whatever the receiver answers is reported on the returned attempt. */
const pingResponses = {
	200: { description: "Any 2xx: the attempt reads `succeeded`." },
	410: { description: "Reported on the attempt like any failure; a ping never disables the endpoint." },
	default: { description: "Reported on the attempt (`response_status`, `error_class`); not retried." },
};

/**
 * Documents what partners receive as OpenAPI 3.1 `webhooks` entries. Call it on the root app: registered on a
 * sub-router, `app.route` would prefix the webhook's name with the mount path.
 */
export function registerWebhookDoc(app: ReturnType<typeof router>): void {
	app.openAPIRegistry.registerWebhook({
		method: "post",
		path: "verification-event",
		operationId: "receiveVerificationEvent",
		tags: [WEBHOOKS_TAG],
		summary: "A verification changed status",
		description:
			'Sent to every enabled endpoint subscribed to its type, signed per Standard Webhooks v1: verify `webhook-signature` with your `whsec_` secret (e.g. the `standardwebhooks` package), deduplicate on `webhook-id`, order by `data.version`. Answer 2xx within 5 s (a slower endpoint moves to a slow lane for 10 minutes); otherwise it is retried for about three days (see docs/webhooks.md). Samples sent by the test-mode trigger carry `"test": true`.',
		request: {
			headers: signatureHeaders,
			body: {
				required: true,
				content: { "application/json": { schema: WebhookEventSchema, examples: VERIFICATION_EVENT_EXAMPLES } },
			},
		},
		responses: eventResponses,
	});
	app.openAPIRegistry.registerWebhook({
		method: "post",
		path: "webhook-test",
		operationId: "receiveTestEvent",
		tags: [WEBHOOKS_TAG],
		summary: "A test ping",
		description:
			"Sent by `POST /api/webhook-endpoints/{id}/test` (and the trigger with `type: webhook.test`) to check a receiver and its signature code: signed like every event, sent whatever the endpoint's event-type filter, never retried.",
		request: {
			headers: signatureHeaders,
			body: {
				required: true,
				content: { "application/json": { schema: WebhookTestEventSchema, example: TEST_EVENT_EXAMPLE } },
			},
		},
		responses: pingResponses,
	});
	app.openAPIRegistry.registerWebhook({
		method: "post",
		path: webhookDocName("verification.redacted"),
		operationId: "receiveVerificationRedacted",
		tags: [WEBHOOKS_TAG],
		summary: "A verification's personal data was erased",
		description:
			"Sent when the personal data is erased, by `DELETE /api/verifications/{id}` (`reason: partner_request`) or by the retention purge (`reason: retention`), to every enabled endpoint subscribed to it. Not a status change: `data.version` stays. Signed, retried and deduplicated like every event.",
		request: {
			headers: signatureHeaders,
			body: {
				required: true,
				content: {
					"application/json": { schema: RedactedEventSchema, example: MORE_EXAMPLES["verification.redacted"] },
				},
			},
		},
		responses: eventResponses,
	});
	for (const doc of ENDPOINT_EVENT_DOCS) {
		app.openAPIRegistry.registerWebhook({
			method: "post",
			path: webhookDocName(doc.type),
			operationId: `receive${doc.type.replace(/(^|[._])(\w)/g, (_m, _s, c: string) => c.toUpperCase())}`,
			tags: [WEBHOOKS_TAG],
			summary: doc.summary,
			description:
				"An operational event: the health of one of the account's webhook endpoints (`data.id`), sent to the account's other enabled endpoints subscribed to it, never to the endpoint it describes, and listed in the event feed. Signed, retried and deduplicated like every event; no personal data.",
			request: {
				headers: signatureHeaders,
				body: {
					required: true,
					content: { "application/json": { schema: doc.schema, example: MORE_EXAMPLES[doc.type] } },
				},
			},
			responses: eventResponses,
		});
	}
}
