import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDotenv } from "../../scripts/lib/dotenv.mjs";

describe("the scripts' dotenv reader", () => {
	it("reads KEY=value lines, skipping comments and blanks; later lines win", () => {
		const text = "# header\n\nA=1\n  B = two words  \nexport C=3\nA=4\nnot a line\n";
		expect(parseDotenv(text)).toEqual({ A: "4", B: "two words", C: "3" });
	});

	it("unquotes values and drops inline comments outside quotes", () => {
		expect(parseDotenv(`A="x # y"\nB='z'\nC=v # note\nD="l1\\nl2"\nE=`)).toEqual({
			A: "x # y",
			B: "z",
			C: "v",
			D: "l1\nl2",
			E: "",
		});
	});
});

describe("development.env", () => {
	// wrangler dev (dotenv + dotenv-expand), vitest.config.ts's one-line reader and scripts/lib/dotenv.mjs all read
	// it; in this subset they agree.
	it("uses only plain KEY=value lines: no quotes, no inline comments, no $ expansion", () => {
		const lines = readFileSync(join(import.meta.dirname, "../../development.env"), "utf8").split("\n");
		for (const line of lines.filter((l) => l.trim() && !l.trimStart().startsWith("#"))) {
			expect(line).toMatch(/^[A-Z][A-Z0-9_]*=[^\s"'#$]*$/);
		}
	});
});
