import { createRoute } from "@hono/zod-openapi";
import { createEndpoint } from "../../../webhooks/endpoints";
import { toEndpointView } from "../../../webhooks/objects";
import { router } from "../../context";
import { conflictResponse, idempotencyHeaders, openApiErrorResponses, replayedHeaders } from "../../openapi";
import { EndpointCreateSchema, EndpointWithSecretSchema, TAG } from "./schema";

const route = createRoute({
	method: "post",
	path: "/",
	tags: [TAG],
	operationId: "createWebhookEndpoint",
	summary: "Register a webhook endpoint",
	description:
		"Every status change of your verifications is POSTed to `url`, signed per Standard Webhooks. The response carries the endpoint's `whsec_` secret: it is shown only this once. A URL refused by the SSRF guard is a 422 `url_not_allowed`.",
	request: {
		headers: idempotencyHeaders,
		body: { content: { "application/json": { schema: EndpointCreateSchema } }, required: true },
	},
	responses: {
		201: {
			description: "Registered.",
			headers: replayedHeaders,
			content: { "application/json": { schema: EndpointWithSecretSchema } },
		},
		...openApiErrorResponses,
		...conflictResponse,
	},
});

export const createEndpointRoute = router().openapi(route, async (c) => {
	const { endpoint, secret } = await createEndpoint(c.get("db"), c.get("config"), c.var.account, c.req.valid("json"));
	return c.json({ ...toEndpointView(endpoint), secret }, 201);
});
