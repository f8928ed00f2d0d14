import { createRoute } from "@hono/zod-openapi";
import { recoverDeliveries } from "../../../webhooks/deliveries";
import { loadEndpoint } from "../../../webhooks/endpoints";
import { accountOf, router } from "../../context";
import { conflictResponse, openApiErrorResponses } from "../../openapi";
import { EndpointIdParam, RecoverResultSchema, RecoverSchema, TAG } from "./schema";

const route = createRoute({
	method: "post",
	path: "/{id}/recover",
	tags: [TAG],
	operationId: "recoverDeliveries",
	summary: "Re-send deliveries since a time",
	description:
		"After an outage on your side: queues every delivery created since `since` that has not succeeded (`failed`, `skipped`, or waiting for a retry) to be sent again now, each with a fresh retry schedule. The endpoint must be enabled (409 otherwise).",
	request: {
		params: EndpointIdParam,
		body: { content: { "application/json": { schema: RecoverSchema } }, required: true },
	},
	responses: {
		202: { description: "Queued.", content: { "application/json": { schema: RecoverResultSchema } } },
		...openApiErrorResponses,
		...conflictResponse,
	},
});

export const recoverRoute = router().openapi(route, async (c) => {
	const db = c.get("db");
	const row = await loadEndpoint(db, accountOf(c), c.req.valid("param").id);
	const since = Date.parse(c.req.valid("json").since);
	const result = await recoverDeliveries(db, c.env.DELIVERIES_QUEUE, row, since);
	return c.json({ object: "webhook_recovery" as const, recovered: result.recovered, has_more: result.hasMore }, 202);
});
