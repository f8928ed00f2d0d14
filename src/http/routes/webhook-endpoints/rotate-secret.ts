import { createRoute } from "@hono/zod-openapi";
import { loadEndpoint, rotateSecret } from "../../../webhooks/endpoints";
import { toEndpointView } from "../../../webhooks/objects";
import { router } from "../../context";
import { idempotencyHeaders, openApiErrorResponses, replayedHeaders } from "../../openapi";
import { EndpointIdParam, EndpointWithSecretSchema, RotateSchema, TAG } from "./schema";

const route = createRoute({
	method: "post",
	path: "/{id}/rotate-secret",
	tags: [TAG],
	operationId: "rotateWebhookEndpointSecret",
	summary: "Rotate an endpoint's signing secret",
	description:
		"Returns the new secret (shown only now). For 24 h every delivery carries two signatures, one per secret, so you can deploy the new secret without dropping events; `force: true` drops the old secret at once.",
	request: {
		params: EndpointIdParam,
		headers: idempotencyHeaders,
		body: { content: { "application/json": { schema: RotateSchema } }, required: false },
	},
	responses: {
		200: {
			description: "Rotated.",
			headers: replayedHeaders,
			content: { "application/json": { schema: EndpointWithSecretSchema } },
		},
		...openApiErrorResponses,
	},
});

export const rotateSecretRoute = router().openapi(route, async (c) => {
	const db = c.get("db");
	const row = await loadEndpoint(db, c.var.account, c.req.valid("param").id);
	const force = c.req.valid("json")?.force ?? false;
	const { endpoint, secret } = await rotateSecret(db, c.get("config"), row, force);
	return c.json({ ...toEndpointView(endpoint), secret }, 200);
});
