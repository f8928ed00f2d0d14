import { createRoute } from "@hono/zod-openapi";
import { issueClientKey } from "../../../auth/clients";
import { router } from "../../context";
import { jsonResponse, openApiErrorResponses } from "../../openapi";
import { ADMIN_SECURITY, ADMIN_TAG, ClientIdParam, keyView, NewApiKeySchema } from "./schema";

const route = createRoute({
	method: "post",
	path: "/{id}/keys",
	tags: [ADMIN_TAG],
	security: ADMIN_SECURITY,
	summary: "Issue another API key",
	request: { params: ClientIdParam },
	responses: { 201: jsonResponse(NewApiKeySchema, "Issued; the key is shown only here."), ...openApiErrorResponses },
});

export const issueKeyRoute = router().openapi(route, async (c) => {
	const key = await issueClientKey(c.get("db"), c.get("config"), c.req.valid("param").id);
	return c.json({ ...keyView(key), key: key.key }, 201);
});
