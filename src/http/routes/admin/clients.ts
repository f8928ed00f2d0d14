import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq } from "drizzle-orm";
import { issueKey } from "../../../auth/api-keys";
import { apiKeys, clients } from "../../../db/schema";
import { ApiError, openApiErrorResponses } from "../../../errors";
import { newId } from "../../../ids";
import { router } from "../../context";
import { ApiKeySchema, ClientIdParam, ClientSchema, CreateClientSchema, KeyParams, keyView, NewApiKeySchema } from "./schema";

const security = [{ adminToken: [] }];
const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
	description,
	content: { "application/json": { schema } },
});

const createClient = createRoute({
	method: "post",
	path: "/",
	tags: ["Admin"],
	security,
	summary: "Create a client",
	description: "Returns the client's first API key; the key is shown only here.",
	request: { body: { content: { "application/json": { schema: CreateClientSchema } }, required: true } },
	responses: { 201: json(ClientSchema, "Created."), ...openApiErrorResponses },
});

const issue = createRoute({
	method: "post",
	path: "/{id}/keys",
	tags: ["Admin"],
	security,
	summary: "Issue another API key",
	request: { params: ClientIdParam },
	responses: { 201: json(NewApiKeySchema, "Issued; the key is shown only here."), ...openApiErrorResponses },
});

const list = createRoute({
	method: "get",
	path: "/{id}/keys",
	tags: ["Admin"],
	security,
	summary: "List a client's API keys (prefix only)",
	request: { params: ClientIdParam },
	responses: {
		200: json(z.object({ object: z.literal("list"), data: z.array(ApiKeySchema) }), "The keys."),
		...openApiErrorResponses,
	},
});

const revoke = createRoute({
	method: "delete",
	path: "/{id}/keys/{key_id}",
	tags: ["Admin"],
	security,
	summary: "Revoke an API key",
	description: "Takes effect on the next request.",
	request: { params: KeyParams },
	responses: { 200: json(ApiKeySchema, "Revoked."), ...openApiErrorResponses },
});

async function requireClient(db: Parameters<typeof issueKey>[0], id: string): Promise<void> {
	const row = await db.select({ id: clients.id }).from(clients).where(eq(clients.id, id)).get();
	if (!row) throw new ApiError("not_found", "No such client.");
}

export const clientsRouter = router()
	.openapi(createClient, async (c) => {
		const db = c.get("db");
		const client = { id: newId("cli"), name: c.req.valid("json").name, createdAt: Date.now() };
		await db.insert(clients).values(client);
		const key = await issueKey(db, c.get("config"), client.id);
		const body = {
			id: client.id,
			object: "client" as const,
			name: client.name,
			created_at: new Date(client.createdAt).toISOString(),
		};
		return c.json({ ...body, api_key: { ...keyView(key), key: key.key } }, 201);
	})
	.openapi(issue, async (c) => {
		const { id } = c.req.valid("param");
		await requireClient(c.get("db"), id);
		const key = await issueKey(c.get("db"), c.get("config"), id);
		return c.json({ ...keyView(key), key: key.key }, 201);
	})
	.openapi(list, async (c) => {
		const { id } = c.req.valid("param");
		await requireClient(c.get("db"), id);
		const rows = await c.get("db").select().from(apiKeys).where(eq(apiKeys.clientId, id)).orderBy(desc(apiKeys.id));
		return c.json({ object: "list" as const, data: rows.map(keyView) }, 200);
	})
	.openapi(revoke, async (c) => {
		const { id, key_id } = c.req.valid("param");
		const db = c.get("db");
		const where = and(eq(apiKeys.id, key_id), eq(apiKeys.clientId, id));
		const row = await db.select().from(apiKeys).where(where).get();
		if (!row) throw new ApiError("not_found", "No such API key.");
		const revokedAt = row.revokedAt ?? Date.now();
		await db.update(apiKeys).set({ revokedAt }).where(where);
		return c.json(keyView({ ...row, revokedAt }), 200);
	});
