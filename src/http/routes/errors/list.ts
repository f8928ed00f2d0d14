import { createRoute } from "@hono/zod-openapi";
import { router } from "../../context";
import { CATALOGUE } from "../../error-catalogue";
import { cataloguePage } from "./html";
import { CACHE, CatalogueSchema, ERRORS_TAG, entryView, htmlSchema, wantsHtml } from "./schema";

const route = createRoute({
	method: "get",
	path: "/",
	tags: [ERRORS_TAG],
	operationId: "listErrors",
	summary: "Every error code",
	description:
		"The whole catalogue: every problem code, `last_error.code`, `required_action.code` and delivery `error_class`. No API key needed.",
	security: [],
	responses: {
		200: {
			description: "Every entry, problem codes first.",
			content: { "application/json": { schema: CatalogueSchema }, "text/html": { schema: htmlSchema } },
		},
	},
});

export const listErrorsRoute = router().openapi(route, (c) => {
	if (wantsHtml(c.req.header("accept"))) return c.html(cataloguePage(CATALOGUE), 200, CACHE);
	const origin = new URL(c.req.url).origin;
	return c.json({ object: "list" as const, data: CATALOGUE.map((e) => entryView(e, origin)) }, 200, CACHE);
});
