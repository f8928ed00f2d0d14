import { describe, expect, it } from "vitest";
import { checkDigit } from "../../src/verification/mrz";
import { call, json, passport } from "../helpers/api";

/** A valid TD3 MRZ for passport A12345670, born 1990-04-15, expiring 2031-01-31, Nigerian. */
function mrzFor(number: string, dob: string, expiry: string, nationality = "NGA"): string[] {
	const num = number.padEnd(9, "<");
	const yymmdd = (d: string) => d.slice(2, 4) + d.slice(5, 7) + d.slice(8, 10);
	const personal = "<".repeat(14);
	const body = `${num}${checkDigit(num)}${nationality}${yymmdd(dob)}${checkDigit(yymmdd(dob))}M${yymmdd(expiry)}${checkDigit(yymmdd(expiry))}${personal}<`;
	const composite = body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43);
	return [`P<${nationality}OKAFOR<<ADA${"<".repeat(44 - 14)}`.slice(0, 44), `${body}${checkDigit(composite)}`];
}

const good = mrzFor("A12345670", "1990-04-15", "2031-01-31");
const future = new Date(Date.now() + 86_400_000 * 2).toISOString().slice(0, 10);

// [case, body patch, field, code]
const table: [string, Record<string, unknown>, string, string][] = [
	["missing passport number", { passport_number: undefined }, "passport_number", "invalid_type"],
	["passport number too short", { passport_number: "A12" }, "passport_number", "invalid_format"],
	["passport number too long", { passport_number: "A".repeat(21) }, "passport_number", "invalid_format"],
	["passport number with symbols", { passport_number: "A1234-5670" }, "passport_number", "invalid_format"],
	["passport number of wrong type", { passport_number: 123456780 }, "passport_number", "invalid_type"],
	["empty last name", { last_name: "" }, "last_name", "too_small"],
	["last name with digits", { last_name: "Ok4for" }, "last_name", "invalid_format"],
	["absurdly long last name", { last_name: "A".repeat(500) }, "last_name", "too_big"],
	["date of birth in the future", { date_of_birth: future }, "date_of_birth", "date_in_future"],
	["date of birth before 1900", { date_of_birth: "1899-12-31" }, "date_of_birth", "date_too_early"],
	["date of birth not a date", { date_of_birth: "1990-02-30" }, "date_of_birth", "invalid_date"],
	["date of birth in another format", { date_of_birth: "15/04/1990" }, "date_of_birth", "invalid_format"],
	["unknown ISO-3 country", { nationality: "XYZ" }, "nationality", "invalid_country"],
	["ISO-2 country", { nationality: "NG" }, "nationality", "invalid_country"],
	["unknown field", { favourite_colour: "blue" }, "favourite_colour", "unknown_field"],
	["metadata value not a string", { metadata: { plan: 3 } }, "metadata.plan", "invalid_type"],
	[
		"too many metadata keys",
		{ metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"])) },
		"metadata",
		"too_many_keys",
	],
	[
		"MRZ with a wrong check digit",
		{ mrz: [good[0], `${good[1]?.slice(0, 9)}9${good[1]?.slice(10)}`] },
		"mrz",
		"mrz_check_digit",
	],
	["MRZ of the wrong length", { mrz: ["P<NGA", "123"] }, "mrz", "invalid_mrz_format"],
	["MRZ of another passport", { passport_number: "B12345670", mrz: good }, "passport_number", "mrz_mismatch"],
];

describe("submit validation", () => {
	it.each(table)("%s → 422 naming the field", async (_name, patch, field, code) => {
		const res = await call("/api/verifications/", { body: { ...passport(0), ...patch } });
		expect(res.status).toBe(422);
		expect(res.headers.get("content-type")).toBe("application/problem+json");
		const body = await json<{ code: string; request_id: string; errors: { field: string; code: string }[] }>(res);
		expect(body.code).toBe("validation_failed");
		expect(body.request_id).toMatch(/^req_/);
		expect(body.errors).toContainEqual(expect.objectContaining({ field, code }));
	});

	it("accepts a consistent MRZ and normalises case", async () => {
		const res = await call("/api/verifications/", {
			body: { ...passport(0), passport_number: "a12345670", nationality: "nga", expiry_date: "2031-01-31", mrz: good },
		});
		expect(res.status, await res.clone().text()).toBe(202);
		expect(await json(res)).toMatchObject({ passport: { country: "NGA", last3: "670" } });
	});

	it.each([
		["malformed JSON", '{"passport_number": ', "application/json", 400, "invalid_json"],
		["a JSON array", "[1,2]", "application/json", 422, "validation_failed"],
		["a JSON string", '"hello"', "application/json", 422, "validation_failed"],
		["form data", "passport_number=A12345670", "application/x-www-form-urlencoded", 415, "unsupported_media_type"],
		[
			"an oversized body",
			JSON.stringify({ ...passport(0), metadata: { a: "x".repeat(20_000) } }),
			"application/json",
			413,
			"payload_too_large",
		],
		["an empty body", "", "application/json", 400, "invalid_json"],
	])("%s", async (_name, rawBody, type, status, code) => {
		const res = await call("/api/verifications/", { method: "POST", rawBody, headers: { "content-type": type } });
		expect(res.status).toBe(status);
		expect(res.headers.get("content-type")).toBe("application/problem+json");
		expect(await json(res)).toMatchObject({ code, status });
	});

	it("invalid list parameters are 422 with the query field named", async () => {
		const res = await call("/api/verifications/?limit=1000&status=done");
		expect(res.status).toBe(422);
		const body = await json<{ errors: { field: string }[] }>(res);
		expect(body.errors.map((e) => e.field).sort()).toEqual(["query.limit", "query.status"]);
	});

	it("an unknown route is a problem+json 404", async () => {
		const res = await call("/api/nothing-here");
		expect(res.status).toBe(404);
		expect(res.headers.get("content-type")).toBe("application/problem+json");
	});
});
