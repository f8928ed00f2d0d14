/**
 * The two documents (src/http/documents.ts): partners' at GET /openapi.json, operators' at GET /admin/openapi.json
 * behind ADMIN_TOKEN, each naming an absolute server (PUBLIC_URL, else the origin asked) that tools can call.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app";

const ADMIN_TOKEN = "documents-test-admin-token";
const env = (vars: Record<string, string> = {}) => ({ ENVIRONMENT: "development", DB: {}, ADMIN_TOKEN, ...vars });
const admin = { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } };

interface Doc {
	servers: { url: string }[];
	paths: Record<string, unknown>;
	tags: { name: string }[];
	components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

async function get(url: string, init: RequestInit = {}, vars: Record<string, string> = {}) {
	return createApp().request(url, init, env(vars));
}

async function doc(url: string, vars: Record<string, string> = {}): Promise<Doc> {
	const res = await get(url, admin, vars);
	expect(res.status).toBe(200);
	return (await res.json()) as Doc;
}

describe("the OpenAPI documents' server", () => {
	it.each(["/openapi.json", "/admin/openapi.json"])("%s names PUBLIC_URL, without its trailing slash", async (path) => {
		const d = await doc(`http://10.0.0.7:9000${path}`, { PUBLIC_URL: "https://kyc.partner-api.test/" });
		expect(d.servers).toEqual([{ url: "https://kyc.partner-api.test" }]);
	});

	it.each(["/openapi.json", "/admin/openapi.json"])("%s without PUBLIC_URL names the origin asked", async (path) => {
		expect((await doc(`http://127.0.0.1:8787${path}`)).servers).toEqual([{ url: "http://127.0.0.1:8787" }]);
		expect((await doc(`https://kyc.workers.test${path}`)).servers).toEqual([{ url: "https://kyc.workers.test" }]);
	});

	it.each(["/", "ftp://kyc.test", "kyc.test"])(
		"PUBLIC_URL %j is a mis-configuration (503 problem), not a 500",
		async (url) => {
			const res = await get("http://localhost/openapi.json", {}, { PUBLIC_URL: url });
			expect(res.status).toBe(503);
			expect(res.headers.get("content-type")).toContain("application/problem+json");
			expect(await res.json()).toMatchObject({ code: "service_unavailable" });
		},
	);
});

describe("operators' routes are in their own document", () => {
	it("partners' document holds no /admin route, operator schema, tag or security scheme", async () => {
		const partner = await doc("http://localhost/openapi.json");
		const operator = await doc("http://localhost/admin/openapi.json");
		expect(Object.keys(partner.paths).filter((p) => p.startsWith("/admin"))).toEqual([]);
		expect(partner.tags.map((t) => t.name)).not.toContain("Admin");
		expect(Object.keys(partner.components.securitySchemes)).toEqual(["apiKey"]);
		// Only the shared problem body (and its closed list of codes) is in both.
		const shared = Object.keys(operator.components.schemas).filter((name) => name in partner.components.schemas);
		expect(shared).toEqual(["Problem", "ProblemCode"]);
		expect(Object.keys(operator.paths).length).toBeGreaterThan(0);
		expect(Object.keys(operator.paths).filter((p) => !p.startsWith("/admin/"))).toEqual([]);
		expect(Object.keys(operator.components.securitySchemes)).toEqual(["adminToken"]);
	});

	it.each([
		["no token", {}],
		["an API key's scheme with a wrong token", { headers: { authorization: "Bearer kyc_test_not_the_admin_token" } }],
	])("operators' document with %s is a 401 problem", async (_, init) => {
		const res = await get("http://localhost/admin/openapi.json", init);
		expect(res.status).toBe(401);
		expect(res.headers.get("content-type")).toContain("application/problem+json");
	});

	it("the partner client's generated types name no operator route or schema", () => {
		const generated = readFileSync(join(import.meta.dirname, "../../client/src/generated/openapi.ts"), "utf8");
		expect(generated).toContain('"/api/verifications"');
		expect(generated).not.toMatch(/"\/admin|\bNewApiKey\b|\bClientMove\b|adminToken/);
	});
});
