import { createRoute } from "@hono/zod-openapi";
import { listClientKeys } from "../../../auth/clients";
import { router } from "../../context";
import { jsonResponse, listBody, listOf, openApiErrorResponses, pagination } from "../../openapi";
import { ADMIN_SECURITY, ADMIN_TAG, ApiKeySchema, ClientIdParam, keyView } from "./schema";

const route = createRoute({
	method: "get",
	path: "/{id}/keys",
	tags: [ADMIN_TAG],
	operationId: "listApiKeys",
	security: ADMIN_SECURITY,
	summary: "List a client's API keys (prefix only)",
	description: "Newest first, paged like every list.",
	request: { params: ClientIdParam, query: pagination },
	responses: { 200: jsonResponse(listOf(ApiKeySchema, "ApiKeyList"), "The keys."), ...openApiErrorResponses },
});

export const listKeysRoute = router().openapi(route, async (c) => {
	const q = c.req.valid("query");
	const page = await listClientKeys(c.get("db"), c.req.valid("param").id, {
		startingAfter: q.starting_after,
		limit: q.limit,
	});
	return c.json(listBody(page, keyView), 200);
});
