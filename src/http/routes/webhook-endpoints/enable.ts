import { createRoute } from "@hono/zod-openapi";
import { loadEndpoint, setEnabled } from "../../../webhooks/endpoints";
import { toEndpointView } from "../../../webhooks/objects";
import { router } from "../../context";
import { idempotencyHeaders, openApiErrorResponses, replayedHeaders } from "../../openapi";
import { EndpointIdParam, EndpointSchema, TAG } from "./schema";

const toggle = (enabled: boolean) =>
	createRoute({
		method: "post",
		path: enabled ? "/{id}/enable" : "/{id}/disable",
		tags: [TAG],
		operationId: enabled ? "enableWebhookEndpoint" : "disableWebhookEndpoint",
		summary: enabled ? "Enable a webhook endpoint" : "Disable a webhook endpoint",
		description: enabled
			? "Resumes deliveries and forgets the failure streak. Events that arrived while it was disabled are `skipped`: re-send them with `recover`. The account's other endpoints subscribed to it get `webhook_endpoint.enabled`."
			: "Pauses deliveries: new events are recorded as `skipped` deliveries, which `recover` can re-send after enabling. The account's other endpoints subscribed to it get `webhook_endpoint.disabled` (reason `partner`).",
		request: { params: EndpointIdParam, headers: idempotencyHeaders },
		responses: {
			200: {
				description: "The endpoint.",
				headers: replayedHeaders,
				content: { "application/json": { schema: EndpointSchema } },
			},
			...openApiErrorResponses,
		},
	});

const handler = (enabled: boolean) =>
	router().openapi(toggle(enabled), async (c) => {
		const db = c.get("db");
		const row = await loadEndpoint(db, c.var.account, c.req.valid("param").id);
		return c.json(
			toEndpointView(await setEnabled(db, { queue: c.env.DELIVERIES_QUEUE, shard: c.var.dbName }, row, enabled)),
			200,
		);
	});

export const enableEndpointRoute = handler(true);
export const disableEndpointRoute = handler(false);
