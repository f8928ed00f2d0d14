import { createRoute } from "@hono/zod-openapi";
import { listEvents } from "../../../verification/queries";
import { accountOf, router } from "../../context";
import { listBody, openApiErrorResponses, pagination } from "../../openapi";
import { EventListSchema, toEventView } from "./schema";

const route = createRoute({
	method: "get",
	path: "/",
	tags: ["Events"],
	operationId: "listEvents",
	summary: "The account's event feed",
	description:
		"Every status change of every verification, oldest first: the same events webhooks carry, for polling. Keep the last `id` you processed and pass it as `starting_after`.",
	request: { query: pagination },
	responses: {
		200: { description: "A page of events.", content: { "application/json": { schema: EventListSchema } } },
		...openApiErrorResponses,
	},
});

export const eventsRouter = router().openapi(route, async (c) => {
	const q = c.req.valid("query");
	const page = await listEvents(c.get("db"), accountOf(c), {
		statusChangesOnly: true,
		startingAfter: q.starting_after,
		limit: q.limit,
	});
	return c.json(listBody(page, toEventView), 200);
});
