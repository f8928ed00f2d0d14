import { createRoute } from "@hono/zod-openapi";
import { listEndpoints } from "../../../webhooks/endpoints";
import { toEndpointView } from "../../../webhooks/objects";
import { router } from "../../context";
import {
	etagHeaders,
	listBody,
	listOf,
	notModifiedResponse,
	openApiErrorResponses,
	pagination,
	readHeaders,
} from "../../openapi";
import { EndpointSchema, TAG } from "./schema";

const route = createRoute({
	method: "get",
	path: "/",
	tags: [TAG],
	operationId: "listWebhookEndpoints",
	summary: "List webhook endpoints",
	description: "Newest first. Secrets are never listed.",
	request: { headers: readHeaders, query: pagination },
	responses: {
		200: {
			headers: etagHeaders,
			description: "A page of endpoints.",
			content: { "application/json": { schema: listOf(EndpointSchema, "WebhookEndpointList") } },
		},
		...openApiErrorResponses,
		...notModifiedResponse,
	},
});

export const listEndpointsRoute = router().openapi(route, async (c) => {
	const q = c.req.valid("query");
	const page = await listEndpoints(c.get("db"), c.var.account, { startingAfter: q.starting_after, limit: q.limit });
	return c.json(
		listBody(page, (e) => toEndpointView(e)),
		200,
	);
});
