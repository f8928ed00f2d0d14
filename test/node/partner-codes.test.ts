import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../src/errors";
import { CATALOGUE, CODE_KINDS } from "../../src/http/error-catalogue";
import { compareRecord } from "../../src/providers/match";
import { LAST_ERROR_CODES, REQUIRED_ACTION_CODES } from "../../src/verification/reasons";
import { MATCHABLE_FIELDS, type PassportData } from "../../src/verification/types";
import { ERROR_CLASSES } from "../../src/webhooks/http-attempt";
import { DELIVERY_EVENT_TYPES, STATUS_EVENT_TYPES, TIMELINE_EVENT_TYPES } from "../../src/webhooks/payload";
import { captured, sources } from "../helpers/sources";

/**
 * Every code a partner can receive is a closed set (an enum in the OpenAPI document), and each set holds exactly
 * what the code produces: a code produced but not declared would break a partner's exhaustive switch; one declared
 * but never produced is a promise nobody keeps. The compiler checks the first direction for typed call sites; these
 * scans check both, and each proves it sees real call sites. (Problem codes: test/node/error-codes.test.ts.)
 */

/** The modules that declare or describe the codes: what they hold is not evidence that a code is produced. */
const DECLARING = /^(verification\/reasons\.ts|http\/error-catalogue\/|webhooks\/samples\.ts|http\/routes\/)/;
const producing = () =>
	sources()
		.filter(([path]) => !DECLARING.test(path))
		.map(([, text]) => text)
		.join("\n");

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** One submission and a registry record that agrees with it except in `field`. */
function mismatchOnly(field: string): string | null {
	const data: PassportData = {
		passport_number: "A12345670",
		last_name: "Okafor",
		first_name: "Ada",
		date_of_birth: "1990-04-15",
		nationality: "NGA",
		expiry_date: "2031-01-31",
	};
	const record = {
		passportNumber: field === "passport_number" ? "B99999999" : "A12345670",
		lastName: field === "last_name" ? "Obi" : "OKAFOR",
		givenNames: field === "first_name" ? "CHIOMA" : "ADA",
		dateOfBirth: field === "date_of_birth" ? "1991-04-15" : "1990-04-15",
		expiryDate: field === "expiry_date" ? "2030-01-31" : "2031-01-31",
	};
	const outcome = compareRecord(record, data);
	return outcome.kind === "mismatch" ? outcome.code : null;
}

describe("last_error and required_action codes", () => {
	/** A provider outcome's or a last error's code, where the code spells it out. */
	const PATTERNS = [
		/(?:unavailableVerdict|operatorFault)\(\s*"([a-z_]+)"/g,
		/kind: "(?:unavailable|rejected|not_found|mismatch)"(?: as const)?,\s*code: "([a-z_]+)"/g,
		/code: "([a-z_]+)" as const/g,
		/(?:LastError|CANCELED)\b[^=\n]*= \{\s*code: "([a-z_]+)"/g,
		// The expiry's two codes, chosen by status.
		/const code = [^;]*? \? "([a-z_]+)"/g,
		/const code = [^;]*? : "([a-z_]+)";/g,
	];
	const literal = () => captured(producing(), PATTERNS);
	/** The mismatch codes compareRecord builds from the field's name, one field at a time, and for several. */
	const mismatches = () => [...MATCHABLE_FIELDS.map(mismatchOnly), "data_mismatch"].filter((c) => c !== null);

	it("last_error holds exactly the codes the code produces", () => {
		expect(sorted(literal().filter((c) => !c.endsWith("_mismatch")))).toEqual(sorted(LAST_ERROR_CODES));
	});

	it("required_action holds exactly the mismatch codes the comparison produces", () => {
		const several = compareRecord(
			{ passportNumber: "A12345670", lastName: "OBI", givenNames: null, dateOfBirth: "1991-01-01", expiryDate: null },
			{ passport_number: "A12345670", last_name: "Okafor", date_of_birth: "1990-04-15" },
		);
		expect(several).toMatchObject({ kind: "mismatch", code: "data_mismatch" });
		expect(sorted(mismatches())).toEqual(sorted(REQUIRED_ACTION_CODES));
	});

	it("the scans see real call sites", () => {
		expect(literal()).toEqual(expect.arrayContaining(["provider_timeout", "canceled", "action_deadline_exceeded"]));
		expect(mismatchOnly("date_of_birth")).toBe("date_of_birth_mismatch");
		expect(mismatchOnly("nationality")).toBeNull();
	});
});

describe("delivery error classes", () => {
	const PATTERNS = [
		/errorClass: "([a-z_]+)"/g,
		/closeUnsent\([^;]*?"(?:skipped|failed)",\s*"([a-z_]+)"/g,
		/coalesce\([^)]*'([a-z_]+)'\)/g,
		/THEN NULL ELSE '([a-z_]+)' END/g,
	];
	const produced = () => captured(producing(), PATTERNS);

	it("error_class holds exactly the classes the code produces", () => {
		expect(sorted(produced())).toEqual(sorted(ERROR_CLASSES));
	});

	it("the scan sees real call sites", () => {
		expect(produced()).toEqual(expect.arrayContaining(["timeout", "endpoint_disabled", "exhausted"]));
	});
});

describe("event types", () => {
	/** Every event-type-shaped literal outside log lines (whose event names share the shape), and the status changes. */
	const produced = () => {
		const text = producing().replace(/\blog\(\s*"[a-z]+",\s*"[a-z_.]+"/g, "");
		const statusChanges = /type: `verification\.\$\{to\}`/.test(text) ? STATUS_EVENT_TYPES : [];
		return [...captured(text, [/"((?:verification|webhook_endpoint|webhook)\.[a-z_]+)"/g]), ...statusChanges];
	};

	it("the feed, the timeline and deliveries hold exactly the types the code produces", () => {
		expect(sorted(produced())).toEqual(sorted([...TIMELINE_EVENT_TYPES, ...DELIVERY_EVENT_TYPES]));
	});

	it("the scan sees real call sites", () => {
		expect(produced()).toEqual(
			expect.arrayContaining(["verification.attempt_failed", "verification.verified", "webhook.test"]),
		);
	});
});

describe("the error catalogue", () => {
	it("has one entry per code a partner can receive, and no other", () => {
		const codes = [...Object.keys(ERROR_CODES), ...LAST_ERROR_CODES, ...REQUIRED_ACTION_CODES, ...ERROR_CLASSES];
		expect(sorted(CATALOGUE.map((e) => e.code))).toEqual(sorted(codes));
		expect(CATALOGUE.map((e) => e.code)).toHaveLength(new Set(codes).size);
	});

	it("files each code under every place it appears", () => {
		const kindsOf = (code: string) => CATALOGUE.find((e) => e.code === code)?.kinds;
		expect(kindsOf("url_not_allowed")).toEqual(["problem", "error_class"]);
		for (const kind of CODE_KINDS)
			expect(
				CATALOGUE.some((e) => e.kinds.includes(kind)),
				kind,
			).toBe(true);
		for (const e of CATALOGUE) {
			expect(e.status === null, e.code).toBe(!e.kinds.includes("problem"));
			expect(e.description, e.code).toMatch(/\S{3}/);
			expect(e.action, e.code).toMatch(/\S{3}/);
		}
	});
});
