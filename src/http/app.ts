import { swaggerUI } from "@hono/swagger-ui";
import { etag } from "hono/etag";
import { HTTPException } from "hono/http-exception";
import { DomainError } from "../errors";
import { router } from "./context";
import { operatorDocument, partnerDocument, serverUrl } from "./documents";
import { adminAuth, apiKeyAuth } from "./middleware/auth";
import { idempotentRequest } from "./middleware/idempotency";
import { apiRateLimit, corsPolicy } from "./middleware/limits";
import { jsonBody, requestContext, streamingBodyLimit } from "./middleware/request";
import { problemResponse } from "./problem";
import { clientsRouter } from "./routes/admin";
import { cronStatusRoute } from "./routes/admin/cron";
import { reencryptRoute } from "./routes/admin/reencrypt";
import { errorsRouter } from "./routes/errors";
import { eventsRouter } from "./routes/events/list";
import { healthRouter } from "./routes/health";
import { providerStatusRouter } from "./routes/provider-status/get";
import { testRouter } from "./routes/test";
import { verificationsRouter } from "./routes/verifications";
import { webhookEndpointsRouter } from "./routes/webhook-endpoints";
import { registerWebhookDoc } from "./routes/webhook-endpoints/webhook-event";

/** The whole HTTP surface. Built once per isolate. */
export function createApp() {
	const app = router();
	app.use("*", requestContext);
	// Before authentication: an unauthenticated caller cannot make us buffer an unbounded body.
	app.use("*", streamingBodyLimit);
	app.use("*", corsPolicy);
	app.use("/api/*", apiKeyAuth);
	app.use("/api/*", apiRateLimit);
	// Conditional GET for pollers: a weak ETag (the body's digest) on every 200 of a GET, 304 on a matching
	// If-None-Match. Weak because the promise is "same content", and Cloudflare weakens strong tags when it compresses.
	app.use("/api/*", etag({ weak: true }));
	app.use("/admin/*", adminAuth);
	app.use("*", jsonBody);
	// After the body is known to be JSON: a key stands for the method, route and body (middleware/idempotency.ts).
	app.use("/api/*", idempotentRequest);

	// Partners' routes and operators' in two registries, so each document (src/http/documents.ts) holds only its own.
	const partner = router()
		.route("/", healthRouter)
		.route("/errors", errorsRouter)
		.route("/api/verifications", verificationsRouter)
		.route("/api/events", eventsRouter)
		.route("/api/provider-status", providerStatusRouter)
		.route("/api/webhook-endpoints", webhookEndpointsRouter)
		.route("/api/test", testRouter);
	partner.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
		type: "http",
		scheme: "bearer",
		description: "Your API key (`kyc_test_…` or `kyc_live_…`).",
	});
	registerWebhookDoc(partner);
	const operator = router()
		.route("/admin/clients", clientsRouter)
		.route("/admin/reencrypt", reencryptRoute)
		.route("/admin/cron", cronStatusRoute);
	operator.openAPIRegistry.registerComponent("securitySchemes", "adminToken", {
		type: "http",
		scheme: "bearer",
		description: "Operator token (`ADMIN_TOKEN`), for `/admin` routes only.",
	});
	app.route("/", partner);
	app.route("/", operator);

	app.get("/openapi.json", (c) => c.json(partner.getOpenAPI31Document(partnerDocument(serverUrl(c)))));
	// Behind adminAuth like every /admin route: the operator surface is the operators' business.
	app.get("/admin/openapi.json", (c) => c.json(operator.getOpenAPI31Document(operatorDocument(serverUrl(c)))));
	app.get("/swagger", swaggerUI({ url: "/openapi.json", baseUrl: "/assets", title: "KYC passport verification API" }));

	app.notFound((c) => problemResponse(new DomainError("not_found", `No route for ${c.req.method} ${c.req.path}.`), c));
	app.onError((err, c) => {
		if (err instanceof HTTPException) {
			// Hono's own validators throw these, e.g. for a required JSON body that is empty.
			const message = "The request body is missing or could not be read.";
			if (err.status === 413) return problemResponse(new DomainError("payload_too_large", message), c);
			if (err.status === 400) return problemResponse(new DomainError("invalid_json", message), c);
			return problemResponse(new DomainError("bad_request", message), c);
		}
		return problemResponse(err, c);
	});
	return app;
}
