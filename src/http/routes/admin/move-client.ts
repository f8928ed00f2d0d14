import { createRoute } from "@hono/zod-openapi";
import { moveStep } from "../../../pipeline/client-move";
import { router } from "../../context";
import { conflictResponse, jsonResponse, openApiErrorResponses } from "../../openapi";
import { ADMIN_SECURITY, ADMIN_TAG, ClientIdParam, ClientMoveRequestSchema, ClientMoveSchema } from "./schema";

const route = createRoute({
	method: "post",
	path: "/{id}/move",
	tags: [ADMIN_TAG],
	operationId: "moveClient",
	security: ADMIN_SECURITY,
	summary: "Move a client to another shard (one step)",
	description:
		'Each call runs one bounded step of moving the client\'s rows to shard `to` and says where the move is; call again (after `wait_ms` while it settles) until `phase` is `done`. The client keeps working throughout. Steps are resumable: a step that failed or was cut off is simply called again. `npm run clients:move` does the loop (docs/operators.md, "Moving a client").',
	request: {
		params: ClientIdParam,
		body: { content: { "application/json": { schema: ClientMoveRequestSchema } }, required: true },
	},
	responses: {
		200: jsonResponse(ClientMoveSchema, "Where the move is after this step."),
		...conflictResponse,
		...openApiErrorResponses,
	},
});

export const moveClientRoute = router().openapi(route, async (c) => {
	const { id } = c.req.valid("param");
	const { to } = c.req.valid("json");
	const r = await moveStep(c.env, c.get("config"), id, to);
	return c.json(
		{
			object: "client_move" as const,
			client_id: id,
			from: r.from,
			to: r.to,
			phase: r.phase,
			wait_ms: r.waitMs,
			copied: r.copied,
			reprojected: r.reprojected,
			deleted: r.deleted,
			statements: r.statements,
		},
		200,
	);
});
