/**
 * A Postman import of the exported documents works: Postman's own converter (openapi-to-postmanv2) turns each file
 * `scripts/openapi-export.mjs` writes into a collection with one request per operation, all against an absolute
 * base URL, with `Idempotency-Key` offered on every write.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CollectionResult, convertV2 } from "openapi-to-postmanv2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");

interface PostmanRequest {
	method: string;
	url: { host: string[]; path: string[] };
	header?: { key: string }[];
}
interface PostmanItem {
	name: string;
	item?: PostmanItem[];
	request?: PostmanRequest;
}
interface Collection {
	item: PostmanItem[];
	variable: { key: string; value: string }[];
}
interface Doc {
	servers: { url: string }[];
	paths: Record<string, Record<string, unknown>>;
}

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), "kyc-postman-"));
	execFileSync(process.execPath, [join(ROOT, "scripts/openapi-export.mjs"), dir], { cwd: ROOT, stdio: "pipe" });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function convert(doc: Doc): Promise<CollectionResult> {
	return new Promise((resolve, reject) =>
		convertV2({ type: "json", data: doc }, { folderStrategy: "Tags" }, (err, result) =>
			err || !result ? reject(err) : resolve(result),
		),
	);
}

const requests = (items: PostmanItem[]): PostmanRequest[] =>
	items.flatMap((i) => (i.item ? requests(i.item) : i.request ? [i.request] : []));

describe.each(["openapi.json", "operator-openapi.json"])("Postman's import of %s", (file) => {
	let doc: Doc;
	let collection: Collection;
	beforeAll(async () => {
		doc = JSON.parse(readFileSync(join(dir, file), "utf8")) as Doc;
		const result = await convert(doc);
		expect(result.result, result.reason).toBe(true);
		expect(result.conversionIssues ?? []).toEqual([]);
		collection = result.output?.[0]?.data as Collection;
	});

	it("has one request per operation of the document", () => {
		const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
			Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ":$1")}`),
		);
		const imported = requests(collection.item).map((r) => `${r.method} /${r.url.path.join("/")}`);
		expect(documented.length).toBeGreaterThan(5);
		expect(imported.sort()).toEqual(documented.sort());
	});

	it("sends every request to the document's absolute base URL", () => {
		const baseUrl = collection.variable.find((v) => v.key === "baseUrl")?.value;
		expect(baseUrl).toBe(doc.servers[0]?.url);
		expect(baseUrl).toMatch(/^https?:\/\/[^/]+$/);
		for (const r of requests(collection.item)) expect(r.url.host).toEqual(["{{baseUrl}}"]);
	});

	it("offers Idempotency-Key on every write under /api", () => {
		const writes = requests(collection.item).filter((r) => r.method !== "GET" && r.url.path[0] === "api");
		for (const r of writes)
			expect(
				r.header?.map((h) => h.key.toLowerCase()),
				`${r.method} /${r.url.path.join("/")}`,
			).toContain("idempotency-key");
		expect(writes.length > 0).toBe(file === "openapi.json");
	});
});
