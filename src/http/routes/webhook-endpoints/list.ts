import { createRoute } from "@hono/zod-openapi";
import { openApiErrorResponses } from "../../../errors";
import { listEndpoints } from "../../../webhooks/endpoints";
import { toEndpointView } from "../../../webhooks/views";
import { router } from "../../context";
import { pagination } from "../pagination";
import { listOf } from "../verifications/schema";
import { EndpointSchema, TAG } from "./schema";

const route = createRoute({
	method: "get",
	path: "/",
	tags: [TAG],
	summary: "List webhook endpoints",
	description: "Newest first. Secrets are never listed.",
	request: { query: pagination },
	responses: {
		200: {
			description: "A page of endpoints.",
			content: { "application/json": { schema: listOf(EndpointSchema, "WebhookEndpointList") } },
		},
		...openApiErrorResponses,
	},
});

export const listEndpointsRoute = router().openapi(route, async (c) => {
	const q = c.req.valid("query");
	const page = await listEndpoints(c.get("db"), { clientId: c.get("clientId"), startingAfter: q.starting_after, limit: q.limit });
	const data = page.items.map((e) => toEndpointView(e));
	return c.json({ object: "list" as const, data, has_more: page.hasMore, next_cursor: page.nextCursor }, 200);
});
