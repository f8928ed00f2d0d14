import { createRoute } from "@hono/zod-openapi";
import { sendSampleEvent } from "../../../webhooks/delivery-log";
import { loadEndpoint } from "../../../webhooks/endpoints";
import { toDeliveryView } from "../../../webhooks/objects";
import { router } from "../../context";
import { idempotencyHeaders, jsonResponse, openApiErrorResponses, replayedHeaders } from "../../openapi";
import { DeliverySchema, EndpointIdParam } from "../webhook-endpoints/schema";
import { TEST_TAG, TriggerSchema } from "./schema";

const route = createRoute({
	method: "post",
	path: "/webhook-endpoints/{id}/trigger",
	tags: [TEST_TAG],
	operationId: "triggerTestEvent",
	summary: "Send a sample event of any type",
	description:
		'Test mode only (a live key gets 404), like `stripe trigger`: POSTs a signed sample event of `type` to the endpoint now, shaped like the real event and marked `"test": true` (no verification stands behind it), and returns the attempt. Not retried; does not count towards disabling the endpoint.',
	request: {
		params: EndpointIdParam,
		headers: idempotencyHeaders,
		body: {
			content: { "application/json": { schema: TriggerSchema, example: { type: "verification.requires_action" } } },
			required: true,
		},
	},
	responses: {
		200: { ...jsonResponse(DeliverySchema, "The attempt, successful or not."), headers: replayedHeaders },
		...openApiErrorResponses,
	},
});

export const triggerEventRoute = router().openapi(route, async (c) => {
	const db = c.get("db");
	const endpoint = await loadEndpoint(db, c.var.account, c.req.valid("param").id);
	return c.json(toDeliveryView(await sendSampleEvent(db, c.get("config"), endpoint, c.req.valid("json").type)), 200);
});
