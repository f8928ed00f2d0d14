import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app";

async function document(): Promise<Parameters<typeof validate>[0] & { openapi: string }> {
	const res = await createApp().request("/openapi.json", {}, { ENVIRONMENT: "development", DB: {} });
	expect(res.status).toBe(200);
	return (await res.json()) as Parameters<typeof validate>[0] & { openapi: string };
}

// Runs in Node (not workerd): the validator compiles JSON Schemas at run time, which workerd forbids.
describe("OpenAPI document", () => {
	it("validates as OpenAPI 3.1 with a real validator", async () => {
		const doc = await document();
		expect(doc.openapi).toBe("3.1.0");
		const result = await validate(doc);
		expect(result.valid, result.valid ? "" : JSON.stringify(result.errors)).toBe(true);
	});

	it("the validator does reject a broken document (so the check above can fail)", async () => {
		const doc = await document();
		Reflect.set(doc, "paths", { "/api/verifications": { post: { responses: "nope" } } });
		expect((await validate(doc)).valid).toBe(false);
	});
});
