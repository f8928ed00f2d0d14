import { type Context } from "hono";
import { type AppEnv } from "./context";
import { API_TAGS, OPERATOR_TAGS } from "./openapi";
import { POLLING_DOC } from "./polling-doc";
import { SANDBOX_TABLE } from "./sandbox-doc";

/**
 * The two OpenAPI documents' top halves: partners' (`GET /openapi.json`) and operators' (`GET /admin/openapi.json`).
 * Each has its own registry (src/http/app.ts), so operator routes and schemas never reach a partner's generated client.
 */

/**
 * The absolute URL a document names as its server (generators and Postman cannot use a relative one): the
 * deployment's `PUBLIC_URL`, else the origin the document was fetched from, which is the local one under `npm run dev`.
 */
export const serverUrl = (c: Context<AppEnv>) => c.var.config.publicUrl ?? new URL(c.req.url).origin;

export const partnerDocument = (server: string) => ({
	openapi: "3.1.0",
	info: {
		title: "KYC passport verification API",
		version: "1.0.0",
		description: `Verify passports asynchronously; watch each verification move through \`submitted → processing → verified | failed | requires_action | expired\` by polling or signed webhooks.\n\n${SANDBOX_TABLE}\n\n${POLLING_DOC}`,
	},
	security: [{ apiKey: [] }],
	servers: [{ url: server }],
	tags: API_TAGS,
});

export const operatorDocument = (server: string) => ({
	openapi: "3.1.0",
	info: {
		title: "KYC passport verification API: operator routes",
		version: "1.0.0",
		description:
			"The deployment's operator routes under `/admin`, authenticated with `Authorization: Bearer <ADMIN_TOKEN>` (this document too). Partners use the API in `/openapi.json`.",
	},
	security: [{ adminToken: [] }],
	servers: [{ url: server }],
	tags: OPERATOR_TAGS,
});
