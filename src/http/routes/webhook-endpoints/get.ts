import { createRoute } from "@hono/zod-openapi";
import { loadEndpoint } from "../../../webhooks/endpoints";
import { toEndpointView } from "../../../webhooks/objects";
import { router } from "../../context";
import { etagHeaders, notModifiedResponse, openApiErrorResponses, readHeaders } from "../../openapi";
import { EndpointIdParam, EndpointSchema, TAG } from "./schema";

const route = createRoute({
	method: "get",
	path: "/{id}",
	tags: [TAG],
	operationId: "getWebhookEndpoint",
	summary: "Get a webhook endpoint",
	request: { headers: readHeaders, params: EndpointIdParam },
	responses: {
		200: {
			headers: etagHeaders,
			description: "The endpoint (without its secret).",
			content: { "application/json": { schema: EndpointSchema } },
		},
		...openApiErrorResponses,
		...notModifiedResponse,
	},
});

export const getEndpointRoute = router().openapi(route, async (c) => {
	const row = await loadEndpoint(c.get("db"), c.var.account, c.req.valid("param").id);
	return c.json(toEndpointView(row), 200);
});
