import { createRoute } from "@hono/zod-openapi";
import { recoverDeliveries } from "../../../webhooks/delivery-log";
import { loadEndpoint } from "../../../webhooks/endpoints";
import { router } from "../../context";
import { conflictResponse, idempotencyHeaders, openApiErrorResponses, replayedHeaders } from "../../openapi";
import { EndpointIdParam, RecoverResultSchema, RecoverSchema, TAG } from "./schema";

const route = createRoute({
	method: "post",
	path: "/{id}/recover",
	tags: [TAG],
	operationId: "recoverDeliveries",
	summary: "Re-send deliveries since a time",
	description:
		"After an outage on your side: queues every delivery created in [`since`, `until`) that has not succeeded (`failed`, `skipped`, or waiting for a retry) to be sent again now, each with a fresh retry schedule; at most 500 per call, walked in order: while `has_more`, call again with the same window and `starting_after: next_cursor` (`until` defaults to the first call's time). `event_id` re-sends one event's delivery whatever its status; `dry_run` only counts. The endpoint must be enabled (409 otherwise).",
	request: {
		params: EndpointIdParam,
		headers: idempotencyHeaders,
		body: { content: { "application/json": { schema: RecoverSchema } }, required: true },
	},
	responses: {
		202: {
			description: "Queued.",
			headers: replayedHeaders,
			content: { "application/json": { schema: RecoverResultSchema } },
		},
		...openApiErrorResponses,
		...conflictResponse,
	},
});

export const recoverRoute = router().openapi(route, async (c) => {
	const db = c.get("db");
	const row = await loadEndpoint(db, c.var.account, c.req.valid("param").id);
	const body = c.req.valid("json");
	const until = body.until === undefined ? Date.now() : Date.parse(body.until);
	const result = await recoverDeliveries(db, c.var.dbName, c.env.DELIVERIES_QUEUE, row, {
		since: Date.parse(body.since),
		until,
		startingAfter: body.starting_after,
		eventId: body.event_id,
		dryRun: body.dry_run,
	});
	return c.json(
		{
			object: "webhook_recovery" as const,
			recovered: result.recovered,
			dry_run: body.dry_run === true,
			until: new Date(until).toISOString(),
			has_more: result.hasMore,
			next_cursor: result.nextCursor,
		},
		202,
	);
});
