import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../src/errors";
import { captured, sources } from "../helpers/sources";

/** Every code the service raises: the first argument of each DomainError it constructs or fails with. */
function producedCodes(): Set<string> {
	const text = sources()
		.map(([, t]) => t)
		.join("\n");
	return new Set(captured(text, [/(?:new DomainError|domainError|fail)\(\s*"([a-z_]+)"/g]));
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
