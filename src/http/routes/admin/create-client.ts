import { createRoute } from "@hono/zod-openapi";
import { createClient } from "../../../auth/clients";
import { openShards } from "../../../db/shards";
import { router } from "../../context";
import { jsonResponse, openApiErrorResponses } from "../../openapi";
import { ADMIN_SECURITY, ADMIN_TAG, ClientSchema, CreateClientSchema, keyView } from "./schema";

const route = createRoute({
	method: "post",
	path: "/",
	tags: [ADMIN_TAG],
	operationId: "createClient",
	security: ADMIN_SECURITY,
	summary: "Create a client",
	description: "Returns the client's first API key; the key is shown only here.",
	request: { body: { content: { "application/json": { schema: CreateClientSchema } }, required: true } },
	responses: { 201: jsonResponse(ClientSchema, "Created."), ...openApiErrorResponses },
});

export const createClientRoute = router().openapi(route, async (c) => {
	const input = c.req.valid("json");
	const open = openShards(c.env, c.var.config.shardsOpen);
	const { client, key } = await createClient(c.var.db, open, input.name, input.mode);
	const body = {
		id: client.id,
		object: "client" as const,
		name: client.name,
		created_at: new Date(client.createdAt).toISOString(),
	};
	return c.json({ ...body, api_key: { ...keyView(key), key: key.key } }, 201);
});
