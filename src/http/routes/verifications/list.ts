import { createRoute, z } from "@hono/zod-openapi";
import { listVerifications } from "../../../records/verifications";
import { STATUSES } from "../../../verification/types";
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
import { VerificationSchema } from "./schema";

const route = createRoute({
	method: "get",
	path: "/",
	tags: ["Verifications"],
	operationId: "listVerifications",
	summary: "List verifications",
	description: "Newest first. Page with `starting_after` = the previous page's `next_cursor`.",
	request: {
		headers: readHeaders,
		query: pagination.extend({
			status: z.enum(STATUSES).optional(),
			reference: z.string().min(1).max(128).optional().openapi({ example: "user_8812" }),
		}),
	},
	responses: {
		200: {
			headers: etagHeaders,
			description: "A page of verifications.",
			content: { "application/json": { schema: listOf(VerificationSchema, "VerificationList") } },
		},
		...openApiErrorResponses,
		...notModifiedResponse,
	},
});

export const listVerificationsRoute = router().openapi(route, async (c) => {
	const q = c.req.valid("query");
	const page = await listVerifications(c.get("db"), c.var.account, {
		status: q.status,
		reference: q.reference,
		startingAfter: q.starting_after,
		limit: q.limit,
	});
	return c.json(
		listBody(page, (v) => v),
		200,
	);
});
