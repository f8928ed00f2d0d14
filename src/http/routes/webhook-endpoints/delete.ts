import { createRoute } from "@hono/zod-openapi";
import { deleteEndpoint, loadEndpoint } from "../../../webhooks/endpoints";
import { router } from "../../context";
import { idempotencyHeaders, openApiErrorResponses, replayedHeaders } from "../../openapi";
import { DeletedSchema, EndpointIdParam, TAG } from "./schema";

const route = createRoute({
	method: "delete",
	path: "/{id}",
	tags: [TAG],
	operationId: "deleteWebhookEndpoint",
	summary: "Delete a webhook endpoint",
	description:
		"Stops all deliveries to it at once: from now on it is not found, and deliveries already queued for it are skipped. Its delivery log is removed in the background. To pause instead, disable it.",
	request: { params: EndpointIdParam, headers: idempotencyHeaders },
	responses: {
		200: {
			description: "Deleted.",
			headers: replayedHeaders,
			content: { "application/json": { schema: DeletedSchema } },
		},
		...openApiErrorResponses,
	},
});

export const deleteEndpointRoute = router().openapi(route, async (c) => {
	const db = c.get("db");
	const row = await loadEndpoint(db, c.var.account, c.req.valid("param").id);
	await deleteEndpoint(db, row);
	return c.json({ id: row.id, object: "webhook_endpoint" as const, deleted: true as const }, 200);
});
