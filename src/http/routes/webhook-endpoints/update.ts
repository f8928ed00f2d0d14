import { createRoute } from "@hono/zod-openapi";
import { loadEndpoint, updateEndpoint } from "../../../webhooks/endpoints";
import { toEndpointView } from "../../../webhooks/objects";
import { router } from "../../context";
import { idempotencyHeaders, openApiErrorResponses, replayedHeaders } from "../../openapi";
import { EndpointIdParam, EndpointSchema, EndpointUpdateSchema, TAG } from "./schema";

const route = createRoute({
	method: "patch",
	path: "/{id}",
	tags: [TAG],
	operationId: "updateWebhookEndpoint",
	summary: "Update a webhook endpoint",
	description: "Change the URL (checked by the SSRF guard again), the description or the event-type filter.",
	request: {
		params: EndpointIdParam,
		headers: idempotencyHeaders,
		body: { content: { "application/json": { schema: EndpointUpdateSchema } }, required: true },
	},
	responses: {
		200: {
			description: "Updated.",
			headers: replayedHeaders,
			content: { "application/json": { schema: EndpointSchema } },
		},
		...openApiErrorResponses,
	},
});

export const updateEndpointRoute = router().openapi(route, async (c) => {
	const db = c.get("db");
	const row = await loadEndpoint(db, c.var.account, c.req.valid("param").id);
	return c.json(toEndpointView(await updateEndpoint(db, c.get("config"), row, c.req.valid("json"))), 200);
});
