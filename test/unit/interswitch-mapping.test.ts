import { describe, expect, it } from "vitest";
import { cappedRetryAfter } from "../../src/providers/adapter";
import { lookupBody, parseErrorEnvelope, parseLookupSuccess, parseToken } from "../../src/providers/interswitch/wire";
import { compareRecord, type RegistryRecord } from "../../src/providers/match";
import { type PassportData } from "../../src/verification/types";

const record = (data: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
	JSON.stringify({
		success: true,
		code: "200",
		message: "request processed successfully",
		data: {
			passport_number: "A12345670",
			first_name: "ADAEZE",
			middle_name: "NGOZI",
			last_name: "OKAFOR",
			dob: "1990-04-15",
			gender: "F",
			issued_date: null,
			expiry_date: "2029-05-31",
			document_type: "P",
			photo: "/9j/4AAQ",
			...data,
		},
		...extra,
	});

describe("parseLookupSuccess", () => {
	it.each<[string, string, ReturnType<typeof parseLookupSuccess>]>([
		[
			"a full record (extra fields and the photo ignored)",
			record({ reference: "isw_ref_1", nationality: "NGA", biometrics: { face: "…" } }, { logId: "log-1" }),
			{
				ok: true,
				reference: "isw_ref_1",
				record: {
					passportNumber: "A12345670",
					lastName: "OKAFOR",
					givenNames: "ADAEZE NGOZI",
					dateOfBirth: "1990-04-15",
					expiryDate: "2029-05-31",
				},
			},
		],
		[
			"null dates and names; the logId as reference",
			record({ dob: null, expiry_date: null, first_name: null, middle_name: "" }, { logId: "log-2" }),
			{
				ok: true,
				reference: "log-2",
				record: {
					passportNumber: "A12345670",
					lastName: "OKAFOR",
					givenNames: null,
					dateOfBirth: null,
					expiryDate: null,
				},
			},
		],
		[
			"date_of_birth instead of dob",
			record({ dob: undefined, date_of_birth: "15/04/1990" }),
			expect.objectContaining({ ok: true }),
		],
		[
			"a reference that is free text is dropped",
			record({}, { reference: "Passport of Ada Okafor" }),
			expect.objectContaining({ reference: null }),
		],
		["truncated JSON", record({}).slice(0, 50), { ok: false, reason: "malformed_json" }],
		["an empty body", "", { ok: false, reason: "malformed_json" }],
		["HTML from a proxy", "<html>502 Bad Gateway</html>", { ok: false, reason: "malformed_json" }],
		["no data", JSON.stringify({ success: true, code: "200" }), { ok: false, reason: "missing_fields" }],
		["data: null", JSON.stringify({ success: true, data: null }), { ok: false, reason: "missing_fields" }],
		["no last name", record({ last_name: undefined }), { ok: false, reason: "missing_fields" }],
		["no passport number", record({ passport_number: "" }), { ok: false, reason: "missing_fields" }],
		["no dob key at all", record({ dob: undefined }), { ok: false, reason: "missing_fields" }],
		["success: false with a 200", record({}, { success: false }), { ok: false, reason: "success_false" }],
		["a JSON array", "[]", { ok: false, reason: "missing_fields" }],
	])("%s", (_name, body, expected) => {
		expect(parseLookupSuccess(body)).toEqual(expected);
	});
});

const data: PassportData = { passport_number: "A12345670", last_name: "Okafor", date_of_birth: "1990-04-15" };
const registry: RegistryRecord = {
	passportNumber: "A12345670",
	lastName: "OKAFOR",
	givenNames: "ADAEZE NGOZI",
	dateOfBirth: "1990-04-15",
	expiryDate: "2029-05-31",
};

describe("compareRecord", () => {
	it.each<[string, Partial<PassportData>, Partial<RegistryRecord>, { kind: string; code?: string; fields?: string[] }]>(
		[
			["identical", {}, {}, { kind: "verified" }],
			[
				"case, accents and spacing",
				{ last_name: "  nuñez  de la cruz " },
				{ lastName: "NUNEZ DE LA CRUZ" },
				{ kind: "verified" },
			],
			["hyphen vs space", { last_name: "Okafor-Ade" }, { lastName: "OKAFOR ADE" }, { kind: "verified" }],
			["registry date day-first", {}, { dateOfBirth: "15/04/1990" }, { kind: "verified" }],
			["registry date with a month name", {}, { dateOfBirth: "15-APR-1990" }, { kind: "verified" }],
			["registry date with a time", {}, { dateOfBirth: "1990-04-15T00:00:00.000Z" }, { kind: "verified" }],
			[
				"passport number spacing",
				{ passport_number: "A12345670" },
				{ passportNumber: "a12 345 670" },
				{ kind: "verified" },
			],
			["a given name among first and middle names", { first_name: "Ngozi" }, {}, { kind: "verified" }],
			[
				"dob off by a year",
				{ date_of_birth: "1991-04-15" },
				{},
				{ kind: "mismatch", code: "date_of_birth_mismatch", fields: ["date_of_birth"] },
			],
			[
				"day and month swapped",
				{},
				{ dateOfBirth: "04/15/1990" },
				{ kind: "rejected", code: "registry_record_incomplete" },
			],
			[
				"another surname",
				{ last_name: "Okafo" },
				{},
				{ kind: "mismatch", code: "last_name_mismatch", fields: ["last_name"] },
			],
			[
				"two fields",
				{ last_name: "Eze", date_of_birth: "1991-04-15" },
				{},
				{ kind: "mismatch", code: "data_mismatch", fields: ["last_name", "date_of_birth"] },
			],
			["another passport", {}, { passportNumber: "B00000000" }, { kind: "mismatch", fields: ["passport_number"] }],
			[
				"an optional first name that differs",
				{ first_name: "Zainab" },
				{},
				{ kind: "mismatch", fields: ["first_name"] },
			],
			[
				"an optional expiry date that differs",
				{ expiry_date: "2030-01-01" },
				{},
				{ kind: "mismatch", fields: ["expiry_date"] },
			],
			[
				"a null registry dob is never verified",
				{},
				{ dateOfBirth: null },
				{ kind: "rejected", code: "registry_record_incomplete" },
			],
			[
				"an unreadable registry dob",
				{},
				{ dateOfBirth: "unknown" },
				{ kind: "rejected", code: "registry_record_incomplete" },
			],
			[
				"a surname of only punctuation",
				{ last_name: "-" },
				{ lastName: "-" },
				{ kind: "mismatch", fields: ["last_name"] },
			],
		],
	)("%s", (_name, submitted, fromRegistry, expected) => {
		expect(compareRecord({ ...registry, ...fromRegistry }, { ...data, ...submitted })).toMatchObject(expected);
	});

	it("reports every submitted field, marking what the record cannot confirm", () => {
		const outcome = compareRecord(
			{ ...registry, givenNames: null, expiryDate: null },
			{ ...data, first_name: "Ada", expiry_date: "2029-05-31", nationality: "NGA" },
		);
		expect(outcome).toEqual({
			kind: "verified",
			result: {
				passport_number: "match",
				last_name: "match",
				date_of_birth: "match",
				first_name: "not_checked",
				expiry_date: "not_checked",
				nationality: "not_checked",
			},
		});
	});
});

describe("the rest of the wire", () => {
	it.each([
		["dmy", '{"passport_number":"A12345670","last_name":"Okafor","date_of_birth":"15/04/1990"}'],
		["iso", '{"passport_number":"A12345670","last_name":"Okafor","date_of_birth":"1990-04-15"}'],
	] as const)("lookup body with date format %s", (format, body) => {
		expect(lookupBody({ ...data, first_name: "Ada", mrz: ["P<"] }, format)).toBe(body);
	});

	it.each<[string, string, ReturnType<typeof parseToken>]>([
		[
			"a token",
			'{"access_token":"t1","token_type":"bearer","expires_in":3599,"scope":"profile","jti":"x"}',
			{ accessToken: "t1", expiresInMs: 3_599_000 },
		],
		["expires_in as a string", '{"access_token":"t1","expires_in":"60"}', { accessToken: "t1", expiresInMs: 60_000 }],
		["no expires_in: use once", '{"access_token":"t1"}', { accessToken: "t1", expiresInMs: 0 }],
		[
			"garbage expires_in: use once",
			'{"access_token":"t1","expires_in":"soon"}',
			{ accessToken: "t1", expiresInMs: 0 },
		],
		["no token", '{"token_type":"bearer"}', null],
		["truncated", '{"access_token":"t', null],
	])("token response: %s", (_name, body, expected) => {
		expect(parseToken(body)).toEqual(expected);
	});

	it.each<[string, string | null, number | undefined]>([
		["seconds", "120", 120_000],
		["zero", "0", 0],
		["an HTTP date", new Date(1_000_000 + 30_000).toUTCString(), 30_000],
		["a date in the past", new Date(0).toUTCString(), 0],
		["more than an hour is capped", "86400", 3_600_000],
		["absent", null, undefined],
		["garbage", "soon", undefined],
	])("Retry-After: %s", (_name, header, expected) => {
		expect(cappedRetryAfter(header, 1_000_000)).toBe(expected);
	});

	it.each([
		[
			'{"responseCode":"ERROR","message":"No record for A12345670","logId":"abc-123","errors":[]}',
			{ logId: "abc-123", responseCode: "ERROR" },
		],
		['{"success":false,"code":404,"message":"x"}', { logId: null, responseCode: "404" }],
		['{"logId":"has spaces in it"}', { logId: null, responseCode: null }],
		["not json", { logId: null, responseCode: null }],
	])("error envelope %s keeps only ids", (body, expected) => {
		expect(parseErrorEnvelope(body)).toEqual(expected);
	});
});
