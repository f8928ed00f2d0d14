import { createRoute } from "@hono/zod-openapi";
import { sendSampleEvent } from "../../../webhooks/delivery-log";
import { loadEndpoint } from "../../../webhooks/endpoints";
import { toDeliveryView } from "../../../webhooks/objects";
import { router } from "../../context";
import { idempotencyHeaders, openApiErrorResponses, replayedHeaders } from "../../openapi";
import { DeliverySchema, EndpointIdParam, TAG } from "./schema";

const route = createRoute({
	method: "post",
	path: "/{id}/test",
	tags: [TAG],
	operationId: "testWebhookEndpoint",
	summary: "Send a test event",
	description:
		"POSTs a signed `webhook.test` event to the endpoint now (also when it is disabled or filters event types) and returns the attempt: status, HTTP code, latency and error class. It is not retried and does not count towards disabling the endpoint.",
	request: { params: EndpointIdParam, headers: idempotencyHeaders },
	responses: {
		200: {
			description: "The attempt, successful or not.",
			headers: replayedHeaders,
			content: { "application/json": { schema: DeliverySchema } },
		},
		...openApiErrorResponses,
	},
});

export const testEndpointRoute = router().openapi(route, async (c) => {
	const db = c.get("db");
	const row = await loadEndpoint(db, c.var.account, c.req.valid("param").id);
	return c.json(toDeliveryView(await sendSampleEvent(db, c.get("config"), row)), 200);
});
