import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../../src/http/error-catalogue";
import { call, json } from "../helpers/api";

interface Entry {
	code: string;
	kinds: string[];
	status: number | null;
	retryable: boolean;
	url: string;
}

describe("the error catalogue behind every problem's type", () => {
	it("a problem's type is its code's entry on the API's own origin, and resolves", async () => {
		const problem = await json<{ type: string; code: string }>(await call("/api/verifications/ver_nope/"));
		expect(problem.code).toBe("not_found");
		const type = new URL(problem.type);
		expect(type.pathname).toBe("/errors/not_found");
		const entry = await json<Entry>(await call(type.pathname + type.search, { key: null }));
		expect(entry).toMatchObject({ code: "not_found", kinds: ["problem"], status: 404, retryable: false });
		expect(entry.url).toBe(problem.type);
	});

	it("answers people in HTML and tools in JSON", async () => {
		const page = await call("/errors/date_of_birth_mismatch", { key: null, headers: { accept: "text/html,*/*" } });
		expect(page.headers.get("content-type")).toMatch(/^text\/html/);
		const text = await page.text();
		expect(text).toContain("<code>date_of_birth_mismatch</code>");
		expect(text).toContain("<code>required_action.code</code>");
		const tool = await call("/errors/date_of_birth_mismatch", { key: null, headers: { accept: "*/*" } });
		expect(tool.headers.get("content-type")).toMatch(/^application\/json/);
		expect(await json<Entry>(tool)).toMatchObject({ code: "date_of_birth_mismatch", kinds: ["required_action"] });
	});

	it("an unknown code is a 404 problem", async () => {
		const res = await call("/errors/no_such_code", { key: null });
		expect(res.status).toBe(404);
		expect(res.headers.get("content-type")).toBe("application/problem+json");
		expect(await json(res)).toMatchObject({ code: "not_found" });
	});

	it("lists every entry, each linking to itself", async () => {
		const list = await json<{ data: Entry[] }>(await call("/errors", { key: null }));
		expect(list.data.map((e) => e.code)).toEqual(CATALOGUE.map((e) => e.code));
		for (const e of list.data) expect(new URL(e.url).pathname).toBe(`/errors/${e.code}`);
		const page = await (await call("/errors/", { key: null, headers: { accept: "text/html" } })).text();
		expect(page).toContain('<a href="/errors/provider_timeout">');
	});
});
