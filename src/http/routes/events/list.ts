import { createRoute, z } from "@hono/zod-openapi";
import { listFeed } from "../../../records/verifications";
import { EVENT_TYPES } from "../../../webhooks/payload";
import { router } from "../../context";
import {
	etagHeaders,
	listBody,
	notModifiedResponse,
	openApiErrorResponses,
	pagination,
	readHeaders,
} from "../../openapi";
import { EventListSchema, toEventView } from "./schema";

const route = createRoute({
	method: "get",
	path: "/",
	tags: ["Events"],
	operationId: "listEvents",
	summary: "The account's event feed",
	description:
		"Every status change of every verification in the order it was recorded: the same events webhooks carry, for polling. Keep the last `id` you processed and pass it as `starting_after`: every event recorded after it comes next, exactly once, even one whose own timestamp is older (events of different verifications are stamped by their own clocks and can be recorded out of timestamp order). Filter by `type` and by `created[gte]` / `created[lt]` (the event's timestamp).",
	request: {
		headers: readHeaders,
		query: pagination.extend({
			type: z.enum(EVENT_TYPES).optional().openapi({ example: "verification.verified" }),
			"created[gte]": z.string().datetime().optional().openapi({ example: "2026-11-25T00:00:00.000Z" }),
			"created[lt]": z.string().datetime().optional().openapi({ example: "2026-11-26T00:00:00.000Z" }),
		}),
	},
	responses: {
		200: {
			headers: etagHeaders,
			description: "A page of events.",
			content: { "application/json": { schema: EventListSchema } },
		},
		...openApiErrorResponses,
		...notModifiedResponse,
	},
});

export const eventsRouter = router().openapi(route, async (c) => {
	const q = c.req.valid("query");
	const since = q["created[gte]"];
	const until = q["created[lt]"];
	const page = await listFeed(c.get("db"), c.var.account, {
		startingAfter: q.starting_after,
		limit: q.limit,
		type: q.type,
		createdGte: since === undefined ? undefined : Date.parse(since),
		createdLt: until === undefined ? undefined : Date.parse(until),
	});
	return c.json(listBody(page, toEventView), 200);
});
