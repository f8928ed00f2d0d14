import { createRoute } from "@hono/zod-openapi";
import { type EventRow, listEvents, verificationExists } from "../../../db/queries";
import { ApiError, openApiErrorResponses } from "../../../errors";
import { isId } from "../../../ids";
import type { Status } from "../../../verification/types";
import { router } from "../../context";
import { listBody, pagination } from "../pagination";
import { EventSchema, IdParam, listOf } from "./schema";

export const toEventView = (e: EventRow) => ({
	id: e.id,
	object: "event" as const,
	type: e.type,
	verification_id: e.verificationId,
	status_change: e.statusChange,
	version: e.version,
	status: e.status as Status,
	previous_status: e.previousStatus as Status | null,
	data: JSON.parse(e.data) as Record<string, unknown>,
	created_at: new Date(e.createdAt).toISOString(),
});

export const EventListSchema = listOf(EventSchema, "EventList");

const route = createRoute({
	method: "get",
	path: "/{id}/events",
	tags: ["Verifications"],
	summary: "A verification's timeline",
	description:
		"Every step, oldest first: status changes (which are also sent as webhooks) and steps such as failed provider attempts or redaction.",
	request: { params: IdParam, query: pagination },
	responses: {
		200: { description: "The timeline.", content: { "application/json": { schema: EventListSchema } } },
		...openApiErrorResponses,
	},
});

export const verificationEventsRoute = router().openapi(route, async (c) => {
	const { id } = c.req.valid("param");
	const q = c.req.valid("query");
	const db = c.get("db");
	const clientId = c.get("clientId");
	if (!isId("ver", id) || !(await verificationExists(db, clientId, id))) throw new ApiError("not_found", "No such verification.");
	const page = await listEvents(db, {
		clientId,
		verificationId: id,
		statusChangesOnly: false,
		startingAfter: q.starting_after,
		limit: q.limit,
	});
	return c.json(listBody(page, toEventView), 200);
});
