import { createRoute } from "@hono/zod-openapi";
import { issueClientKey } from "../../../auth/clients";
import { router } from "../../context";
import { jsonResponse, openApiErrorResponses } from "../../openapi";
import { ADMIN_SECURITY, ADMIN_TAG, ClientIdParam, IssueKeySchema, keyView, NewApiKeySchema } from "./schema";

const route = createRoute({
	method: "post",
	path: "/{id}/keys",
	tags: [ADMIN_TAG],
	operationId: "issueApiKey",
	security: ADMIN_SECURITY,
	summary: "Issue another API key",
	description: "A `test` key (the default) or a `live` key; the key is shown only in this response.",
	request: {
		params: ClientIdParam,
		body: { content: { "application/json": { schema: IssueKeySchema } }, required: false },
	},
	responses: { 201: jsonResponse(NewApiKeySchema, "Issued; the key is shown only here."), ...openApiErrorResponses },
});

export const issueKeyRoute = router().openapi(route, async (c) => {
	const mode = c.req.valid("json")?.mode ?? "test";
	const key = await issueClientKey(c.get("db"), c.req.valid("param").id, mode);
	return c.json({ ...keyView(key), key: key.key }, 201);
});
