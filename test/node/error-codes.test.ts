import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../src/errors";

const SRC = join(import.meta.dirname, "../../src");

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? sources(join(dir, e.name))
			: e.name.endsWith(".ts")
				? [readFileSync(join(dir, e.name), "utf8")]
				: [],
	);
}

/** Every code the service raises: the first argument of each DomainError it constructs or fails with. */
function producedCodes(): Set<string> {
	const text = sources(SRC).join("\n");
	return new Set(
		[...text.matchAll(/(?:new DomainError|domainError|fail)\(\s*"([a-z_]+)"/g)].map((m) => m[1] as string),
	);
}

describe("the closed set of error codes", () => {
	it("holds exactly the codes the code produces", () => {
		expect([...producedCodes()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
	});

	it("the scan sees real call sites", () => {
		const codes = producedCodes();
		expect(codes).toContain("not_found");
		expect(codes).toContain("validation_failed");
	});
});
