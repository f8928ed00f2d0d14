import { createRoute, z } from "@hono/zod-openapi";
import { type Context } from "hono";
import { forgetClientKeys } from "../../../auth/api-keys";
import { forgetShard, placementOf } from "../../../auth/directory";
import { database } from "../../../db/client";
import { DomainError } from "../../../errors";
import { type FeedQuery, listFeed } from "../../../records/verifications";
import { EVENT_TYPES } from "../../../webhooks/payload";
import { type AppEnv, router } from "../../context";
import { useDatabase } from "../../middleware/request";
import {
	etagHeaders,
	listBody,
	notModifiedResponse,
	openApiErrorResponses,
	pagination,
	problem,
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
		"Every event webhooks carry from the last 30 days (the event window; the deployment's `EVENT_RETENTION_SECONDS`), in the order it was recorded, for polling: every status change of every verification, each redaction (`verification.redacted`) and the operational events about the account's webhook endpoints (`webhook_endpoint.*`). Keep the last `id` you processed and pass it as `starting_after`: every event recorded after it comes next, exactly once, even one whose own timestamp is older (events of different verifications are stamped by their own clocks and can be recorded out of timestamp order). Filter by `type`. With `created[gte]` / `created[lt]` (the event's timestamp) the feed reads a window of the past in timestamp order instead (`starting_after` then continues in that order): to poll, use `starting_after` without them. A `starting_after` that is not an event of this feed (never one, another account's, or older than the event window: 30 days by default) is a `400` with code `cursor_not_found`: start again from a time with `created[gte]`.",
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
		400: problem(
			"Malformed request (bad query parameter), or `starting_after` is not an event of this feed (`cursor_not_found`).",
		),
		...notModifiedResponse,
	},
});

export const eventsRouter = router().openapi(route, async (c) => {
	const q = c.req.valid("query");
	const since = q["created[gte]"];
	const until = q["created[lt]"];
	const query: FeedQuery = {
		startingAfter: q.starting_after,
		limit: q.limit,
		type: q.type,
		createdGte: since === undefined ? undefined : Date.parse(since),
		createdLt: until === undefined ? undefined : Date.parse(until),
	};
	let page = await listFeed(c.var.db, c.var.account, query);
	if (page === null) {
		// A read replica may not have the cursor yet (the page that handed it out was read at the primary, or at a
		// newer replica): ask the primary before saying it does not exist.
		c.var.dbSession.usePrimary();
		page = await listFeed(c.var.db, c.var.account, query);
	}
	page ??= await afterAMove(c, query);
	if (page === null) {
		const message = `No event ${q.starting_after} in this account's feed: it was never one, or it is older than the event window. Start again with \`created[gte]\`.`;
		throw new DomainError("cursor_not_found", message, {
			errors: [{ field: "starting_after", code: "cursor_not_found", message }],
		});
	}
	return c.json(listBody(page, toEventView), 200);
});

/**
 * A cursor the client's shard lacks may be one of a client being moved (docs/operators.md, "Moving a client"): asks
 * the directory's primary where its rows are. Read there when the request went to the old shard; while the move is
 * under way (a cursor that landed on the old shard is copied to the new one by its final pass) a 503 to send again.
 */
async function afterAMove(c: Context<AppEnv>, query: FeedQuery) {
	const { clientId } = c.var.account;
	const placed = await placementOf(database(c.env.DB), clientId);
	if (placed !== null && placed.shard !== c.var.dbName) {
		// This isolate's cached shard and keys name the old shard: forgotten, so its next requests go to the new one.
		forgetShard(clientId);
		forgetClientKeys(clientId);
		await useDatabase(c, placed.shard);
		c.var.dbSession.usePrimary();
		const page = await listFeed(c.var.db, c.var.account, query);
		if (page !== null) return page;
	}
	if (placed?.move == null) return null;
	throw new DomainError(
		"service_unavailable",
		"This account's data is being moved between databases, and this cursor is not in its new one yet. Send the request again shortly.",
		{ retryAfterSeconds: 10 },
	);
}
