import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app";

/** The served document as plain JSON: validated as is, or broken on purpose. */
interface OpenApiJson {
	openapi: string;
	paths: Record<string, unknown>;
}

async function document(): Promise<OpenApiJson> {
	const res = await createApp().request("/openapi.json", {}, { ENVIRONMENT: "development", DB: {} });
	expect(res.status).toBe(200);
	return (await res.json()) as OpenApiJson;
}

/** The validator takes its own document type; ours is JSON off the wire, which is what it checks. */
const check = (doc: OpenApiJson) => validate(doc as Parameters<typeof validate>[0]);

// Runs in Node (not workerd): the validator compiles JSON Schemas at run time, which workerd forbids.
describe("OpenAPI document", () => {
	it("validates as OpenAPI 3.1 with a real validator", async () => {
		const doc = await document();
		expect(doc.openapi).toBe("3.1.0");
		const result = await check(doc);
		expect(result.valid, result.valid ? "" : JSON.stringify(result.errors)).toBe(true);
	});

	it("the validator does reject a broken document (so the check above can fail)", async () => {
		const doc = await document();
		doc.paths = { "/api/verifications": { post: { responses: "nope" } } };
		expect((await check(doc)).valid).toBe(false);
	});
});
