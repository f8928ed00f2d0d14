/**
 * Every relative link in README.md and docs/*.md resolves: the file or folder exists and an `#anchor` matches a
 * heading of the page it points at (GitHub's slugs). Links are read outside code, so an example's text is not one.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const DOCS = [
	"README.md",
	...readdirSync(join(ROOT, "docs"))
		.filter((f) => f.endsWith(".md"))
		.map((f) => `docs/${f}`),
];

/** The text outside fenced blocks and inline code. */
const prose = (md: string) => md.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, "")
		.replace(/\s/g, "-");

/** Every anchor a page has; a repeated heading gets `-1`, `-2`, … as on GitHub. */
function anchors(md: string): Set<string> {
	const seen = new Map<string, number>();
	const out = new Set<string>();
	for (const [, text] of md.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
		const base = slug(text ?? "");
		const n = seen.get(base) ?? 0;
		seen.set(base, n + 1);
		out.add(n === 0 ? base : `${base}-${n}`);
	}
	return out;
}

interface Link {
	from: string;
	target: string;
}

const links: Link[] = DOCS.flatMap((from) =>
	[...prose(readFileSync(join(ROOT, from), "utf8")).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
		.map((m) => m[1] ?? "")
		.filter((t) => !/^[a-z][a-z+.-]*:/i.test(t))
		.map((target) => ({ from, target })),
);

describe("slugs", () => {
	it.each([
		["Moving a client", "moving-a-client"],
		["4. Issue API keys", "4-issue-api-keys"],
		["A handler with `@kyc/client`", "a-handler-with-kycclient"],
		[
			"Catch-up: a receiver that comes back gets everything within seconds",
			"catch-up-a-receiver-that-comes-back-gets-everything-within-seconds",
		],
	])("%s → %s", (heading, expected) => expect(slug(heading)).toBe(expected));

	it("numbers repeated headings", () => expect([...anchors("# A\n## A\n```\n# B\n```\n")]).toEqual(["a", "a-1"]));
});

describe("relative links in README.md and docs/*.md", () => {
	it("finds the links (the scan is not vacuous)", () => {
		expect(links.length).toBeGreaterThan(50);
		expect(links.filter((l) => l.target.includes("#")).length).toBeGreaterThan(5);
	});

	it.each(links.map((l) => [`${l.from} → ${l.target}`, l] as const))("%s", (_name, { from, target }) => {
		const [path = "", anchor] = target.split("#");
		const file = path === "" ? join(ROOT, from) : join(ROOT, dirname(from), decodeURIComponent(path));
		expect(existsSync(file), `${relative(ROOT, file)} does not exist`).toBe(true);
		if (anchor === undefined) return;
		expect(file.endsWith(".md"), "an anchor into a file that is not Markdown").toBe(true);
		expect([...anchors(readFileSync(file, "utf8"))]).toContain(decodeURIComponent(anchor));
	});
});
