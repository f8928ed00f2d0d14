import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type VerificationView } from "../../src/verification/view";
import { runFirstAlarm } from "../helpers/alarms";
import { ADMIN_TOKEN, call, json, newClient, passport, submit } from "../helpers/api";

interface OpenApiDoc {
	openapi: string;
	paths: Record<
		string,
		Record<string, { responses: Record<string, { content?: Record<string, unknown> }>; security?: unknown[] }>
	>;
	components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme: string }> };
	security: unknown[];
	info: { description: string };
}

describe("OpenAPI and meta routes", () => {
	it("serves an OpenAPI 3.1 document listing every route, schema, error and the bearer scheme", async () => {
		const res = await exports.default.fetch("https://kyc.test/openapi.json");
		expect(res.status).toBe(200);
		const doc = await json<OpenApiDoc>(res);
		expect(doc.openapi).toBe("3.1.0");
		const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
			Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
		);
		expect(ops).toEqual(
			expect.arrayContaining([
				"POST /api/verifications",
				"GET /api/verifications",
				"GET /api/verifications/{id}",
				"POST /api/verifications/{id}/retry",
				"GET /api/verifications/{id}/events",
				"DELETE /api/verifications/{id}",
				"GET /api/events",
				"GET /api/provider-status",
				"GET /health",
			]),
		);
		// Operators' routes are in their own document, behind ADMIN_TOKEN.
		expect(ops.filter((op) => op.includes(" /admin"))).toEqual([]);
		const operator = await call("/admin/openapi.json", { key: ADMIN_TOKEN });
		expect(operator.status).toBe(200);
		expect(Object.keys((await json<OpenApiDoc>(operator)).paths)).toEqual(
			expect.arrayContaining(["/admin/clients", "/admin/clients/{id}/keys", "/admin/clients/{id}/keys/{key_id}"]),
		);
		expect((await call("/admin/openapi.json")).status).toBe(401);
		for (const [path, methods] of Object.entries(doc.paths)) {
			// Public and static: no key, no body.
			if (path === "/health" || path.startsWith("/errors")) continue;
			for (const [method, op] of Object.entries(methods)) {
				for (const status of ["401", "422", "500"]) {
					expect(op.responses[status]?.content, `${method} ${path} ${status}`).toHaveProperty([
						"application/problem+json",
					]);
				}
			}
		}
		expect(Object.keys(doc.components.schemas)).toEqual(
			expect.arrayContaining([
				"Verification",
				"VerificationRequest",
				"VerificationRetry",
				"Problem",
				"Event",
				"VerificationList",
				"ProviderStatusList",
			]),
		);
		expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
		expect(doc.info.description).toContain("| 5 | never decides");
	});

	it("serves Swagger UI and liveness", async () => {
		const ui = await exports.default.fetch("https://kyc.test/swagger/");
		expect(ui.status).toBe(200);
		const html = await ui.text();
		expect(html).toContain("SwaggerUIBundle");
		// Served by us, not a CDN, so the page renders offline and under strict CSPs.
		expect(html).toContain('src="/assets/swagger-ui-dist/swagger-ui-bundle.js"');
		// The platform serves /assets/* before the Worker; check the files are in the deployed asset set.
		const bundle = await env.ASSETS.fetch("https://kyc.test/assets/swagger-ui-dist/swagger-ui-bundle.js");
		expect(bundle.status).toBe(200);
		expect((await bundle.text()).length).toBeGreaterThan(100_000);
		const health = await exports.default.fetch("https://kyc.test/health");
		expect(await health.json()).toEqual({ status: "ok" });
	});

	it.each(["/api/verifications", "/api/verifications/"])(
		"answers %s with and without the trailing slash",
		async (path) => {
			expect((await call(path)).status).toBe(200);
		},
	);

	it("sets security headers and no-store on API responses", async () => {
		const res = await call("/api/verifications/");
		expect(res.headers.get("cache-control")).toBe("no-store");
		expect(res.headers.get("x-content-type-options")).toBe("nosniff");
		expect(res.headers.get("request-id")).toMatch(/^req_/);
	});
});

describe("list", () => {
	it("is newest first, paginates with a cursor and filters by status and reference", async () => {
		const { key } = await newClient("lister");
		const made: VerificationView[] = [];
		for (let i = 0; i < 5; i++) made.push(await submit(passport(5, { reference: i % 2 ? "odd" : "even" }), key));
		// Digit 5 never decides: after its first provider call each stays `processing`, projected to D1.
		for (const v of made) await runFirstAlarm(v.id);
		const page1 = await json<{ data: VerificationView[]; has_more: boolean; next_cursor: string }>(
			await call("/api/verifications/?limit=2", { key }),
		);
		expect(page1.data.map((v) => v.id)).toEqual([made[4]?.id, made[3]?.id]);
		expect(page1.has_more).toBe(true);
		const page2 = await json<{ data: VerificationView[] }>(
			await call(`/api/verifications/?limit=2&starting_after=${page1.next_cursor}`, { key }),
		);
		expect(page2.data.map((v) => v.id)).toEqual([made[2]?.id, made[1]?.id]);
		const odd = await json<{ data: VerificationView[] }>(await call("/api/verifications/?reference=odd", { key }));
		expect(odd.data.map((v) => v.id)).toEqual([made[3]?.id, made[1]?.id]);
		const verified = await json<{ data: VerificationView[] }>(
			await call("/api/verifications/?status=verified", { key }),
		);
		expect(verified.data).toEqual([]);
		const processing = await json<{ data: VerificationView[]; has_more: boolean }>(
			await call("/api/verifications/?status=processing", { key }),
		);
		expect(processing.data).toHaveLength(5);
		expect(processing.has_more).toBe(false);
	});

	it("never returns the full passport number", async () => {
		const body = passport(0, { first_name: "Ada" });
		const v = await submit(body);
		const text = await (await call(`/api/verifications/${v.id}/`)).text();
		expect(text).not.toContain(body.passport_number);
		expect(text).not.toContain("1990-04-15");
		expect(text).not.toContain("Okafor");
	});
});
