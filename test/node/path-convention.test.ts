/**
 * One path convention everywhere a partner reads or copies a path: no trailing slash, as the OpenAPI document and
 * the typed client spell them (the API answers both; tools and docs must not disagree). The served document's own
 * prose is scanned too.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { servedDocument } from "../helpers/contract";

const ROOT = join(import.meta.dirname, "../..");
const SCANNED = [
	"README.md",
	"CHANGELOG.md",
	"SECURITY.md",
	"docs",
	"examples",
	"console",
	"client/README.md",
	"client/src",
	"client/test",
	"scripts/dev.mjs",
];
const TEXT = /\.(md|ts|tsx|mjs|js|html)$/;

/** An /api or /admin path (placeholders and `…` included). */
const PATH = /\/(?:api|admin)\/[A-Za-z0-9_{}$.:<>…/-]*/g;

function files(path: string): string[] {
	const full = join(ROOT, path);
	try {
		return readdirSync(full, { recursive: true, encoding: "utf8" })
			.filter((f) => TEXT.test(f))
			.map((f) => join(path, f));
	} catch {
		return [path];
	}
}

/** Each path in `text` and whether it ends in a slash (an `/api/*` route pattern is not a path). */
const pathsIn = (text: string) => [...text.matchAll(PATH)].map((m) => m[0]).filter((p) => !p.endsWith("/*"));

describe("paths are written without a trailing slash", () => {
	it("in the README, changelog, docs, examples, console, client and the dev script's examples", () => {
		const found: string[] = [];
		let scanned = 0;
		for (const file of SCANNED.flatMap(files)) {
			const paths = pathsIn(readFileSync(join(ROOT, file), "utf8"));
			scanned += paths.length;
			found.push(...paths.filter((p) => p.endsWith("/")).map((p) => `${file}: ${p}`));
		}
		// Not vacuous: the docs name hundreds of paths.
		expect(scanned).toBeGreaterThan(100);
		expect(found).toEqual([]);
	});

	it("in the served document, its paths and its prose", async () => {
		const text = JSON.stringify(await servedDocument());
		const paths = pathsIn(text);
		expect(paths.length).toBeGreaterThan(20);
		expect(paths.filter((p) => p.endsWith("/"))).toEqual([]);
	});
});
