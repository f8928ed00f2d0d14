import { createRoute } from "@hono/zod-openapi";
import { DomainError } from "../../../errors";
import { isId } from "../../../ids";
import { listEvents, verificationExists } from "../../../records/verifications";
import { router } from "../../context";
import {
	etagHeaders,
	listBody,
	notModifiedResponse,
	openApiErrorResponses,
	pagination,
	readHeaders,
} from "../../openapi";
import { EventListSchema, toEventView } from "../events/schema";
import { IdParam } from "./schema";

const route = createRoute({
	method: "get",
	path: "/{id}/events",
	tags: ["Verifications"],
	operationId: "listVerificationEvents",
	summary: "A verification's timeline",
	description:
		"Every step of the last 30 days (the event window, as in the feed), oldest first: status changes (which are also sent as webhooks) and steps such as failed provider attempts or redaction. The verification itself, with its status and version, is kept for the record retention (400 days by default).",
	request: { headers: readHeaders, params: IdParam, query: pagination },
	responses: {
		200: {
			headers: etagHeaders,
			description: "The timeline.",
			content: { "application/json": { schema: EventListSchema } },
		},
		...openApiErrorResponses,
		...notModifiedResponse,
	},
});

export const verificationEventsRoute = router().openapi(route, async (c) => {
	const { id } = c.req.valid("param");
	const q = c.req.valid("query");
	const db = c.get("db");
	const account = c.var.account;
	if (!isId("ver", id) || !(await verificationExists(db, account, id)))
		throw new DomainError("not_found", "No such verification.");
	const page = await listEvents(db, account, { verificationId: id, startingAfter: q.starting_after, limit: q.limit });
	return c.json(listBody(page, toEventView), 200);
});
