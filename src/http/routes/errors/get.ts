import { createRoute } from "@hono/zod-openapi";
import { DomainError } from "../../../errors";
import { router } from "../../context";
import { catalogueEntry } from "../../error-catalogue";
import { problem } from "../../openapi";
import { problemResponse } from "../../problem";
import { entryPage } from "./html";
import { CACHE, CatalogueEntrySchema, CodeParam, ERRORS_TAG, entryView, htmlSchema, wantsHtml } from "./schema";

const route = createRoute({
	method: "get",
	path: "/{code}",
	tags: [ERRORS_TAG],
	operationId: "getError",
	summary: "One error code",
	description:
		"What a code means, whether it can succeed later, and what to do: the page behind every problem's `type` URI. No API key needed. JSON for tools; HTML when `text/html` is asked for first.",
	security: [],
	request: { params: CodeParam },
	responses: {
		200: {
			description: "The code's catalogue entry.",
			content: { "application/json": { schema: CatalogueEntrySchema }, "text/html": { schema: htmlSchema } },
		},
		404: problem("The service never sends this code."),
	},
});

export const getErrorRoute = router().openapi(route, (c) => {
	const entry = catalogueEntry(c.req.valid("param").code);
	if (!entry) return problemResponse(new DomainError("not_found", "No such error code."), c);
	if (wantsHtml(c.req.header("accept"))) return c.html(entryPage(entry), 200, CACHE);
	return c.json(entryView(entry, new URL(c.req.url).origin), 200, CACHE);
});
