import { createRoute } from "@hono/zod-openapi";
import { KEY_CACHE_TTL_MS } from "../../../auth/api-keys";
import { revokeClientKey } from "../../../auth/clients";
import { router } from "../../context";
import { jsonResponse, openApiErrorResponses } from "../../openapi";
import { ADMIN_SECURITY, ADMIN_TAG, ApiKeySchema, KeyParams, keyView } from "./schema";

const route = createRoute({
	method: "delete",
	path: "/{id}/keys/{key_id}",
	tags: [ADMIN_TAG],
	operationId: "revokeApiKey",
	security: ADMIN_SECURITY,
	summary: "Revoke an API key",
	description: `Refused everywhere within ${KEY_CACHE_TTL_MS / 1000} s: each isolate trusts what it looked up about a key for that long, so requests already served by another isolate may still pass until then (the isolate that revokes refuses the key from its next request on).`,
	request: { params: KeyParams },
	responses: { 200: jsonResponse(ApiKeySchema, "Revoked."), ...openApiErrorResponses },
});

export const revokeKeyRoute = router().openapi(route, async (c) => {
	const { id, key_id } = c.req.valid("param");
	return c.json(keyView(await revokeClientKey(c.get("db"), id, key_id)), 200);
});
