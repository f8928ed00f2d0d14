import { describe, expect, it } from "vitest";
import { compareRecord } from "../../src/providers/match";
import { parseReply, type Reply, requestBody } from "../../src/providers/prembly/wire";

const DATA = {
	currentPassportType: "STANDARD_E_PASSPORT",
	currentPassportNumber: "B50000947",
	currentFirstName: "Judah",
	currentMiddleName: "Oyin",
	currentLastName: "Ken",
	currentGender: "FEMALE",
	// Midnight West Africa Time on 21/08/1994: 20/08/1994 23:00 UTC. Read as UTC it is a day early.
	currentDateOfBirth: 777423600000,
	currentDateOfBirthLabel: "21/08/1994",
	currentDateOfBirthDay: "21",
	currentDateOfBirthMonth: "08",
	currentDateOfBirthYear: "1994",
	currentPlaceOfBirth: "",
	successful: true,
};
const reply = (patch: Record<string, unknown> = {}, data: Record<string, unknown> = {}) =>
	JSON.stringify({
		status: true,
		detail: "Intl. Passport Verification Successful",
		response_code: "00",
		data: { ...DATA, ...data },
		verification: { status: "VERIFIED", reference: "prb_ref_1" },
		...patch,
	});
const record = (patch: Record<string, unknown> = {}) => ({
	passportNumber: "B50000947",
	lastName: "Ken",
	givenNames: "Judah Oyin",
	dateOfBirth: "21/08/1994",
	expiryDate: null,
	...patch,
});

describe("Prembly's reply, read", () => {
	it.each<[string, string, Reply]>([
		["00 with the documented record", reply(), { kind: "found", reference: "prb_ref_1", record: record() }],
		[
			"00 without the label: the day, month and year parts",
			reply({}, { currentDateOfBirthLabel: null }),
			{ kind: "found", reference: "prb_ref_1", record: record({ dateOfBirth: "1994-08-21" }) },
		],
		[
			"00 with numeric parts",
			reply(
				{},
				{
					currentDateOfBirthLabel: "",
					currentDateOfBirthDay: 1,
					currentDateOfBirthMonth: 2,
					currentDateOfBirthYear: 1990,
				},
			),
			{ kind: "found", reference: "prb_ref_1", record: record({ dateOfBirth: "1990-02-01" }) },
		],
		[
			"00 with no date of birth but the epoch: none (the epoch is never read)",
			reply({}, { currentDateOfBirthLabel: null, currentDateOfBirthDay: null }),
			{ kind: "found", reference: "prb_ref_1", record: record({ dateOfBirth: null }) },
		],
		[
			"00 without the passport number: the number asked for",
			reply({}, { currentPassportNumber: undefined }),
			{ kind: "found", reference: "prb_ref_1", record: record({ passportNumber: "A12345670" }) },
		],
		[
			"00 with no middle name",
			reply({}, { currentMiddleName: "" }),
			{ kind: "found", reference: "prb_ref_1", record: record({ givenNames: "Judah" }) },
		],
		[
			"a reference that is free text is dropped",
			reply({ verification: { status: "VERIFIED", reference: "Passport of Judah Ken" } }),
			{ kind: "found", reference: null, record: record() },
		],
		[
			"01 not found, with status: true",
			JSON.stringify({
				status: true,
				response_code: "01",
				data: {},
				verification: { status: "NOT-VERIFIED", reference: "r1" },
			}),
			{ kind: "not_found", reference: "r1" },
		],
		[
			"02 retry later",
			JSON.stringify({ status: false, response_code: "02" }),
			{ kind: "retry_later", reference: null },
		],
		[
			"03 wallet empty",
			JSON.stringify({ status: false, response_code: "03" }),
			{ kind: "wallet_empty", reference: null },
		],
		[
			"a numeric response code keeps its meaning",
			JSON.stringify({ response_code: 1 }),
			{ kind: "not_found", reference: null },
		],
		["truncated JSON", reply().slice(0, 60), { kind: "unreadable", reason: "malformed_json", code: null }],
		[
			"no response code",
			JSON.stringify({ status: true, data: DATA }),
			{ kind: "unreadable", reason: "missing_response_code", code: null },
		],
		[
			"an unknown response code",
			JSON.stringify({ response_code: "99" }),
			{ kind: "unreadable", reason: "unknown_response_code", code: "99" },
		],
		["00 without a record", reply({ data: null }), { kind: "unreadable", reason: "missing_fields", code: "00" }],
		[
			"00 without a last name",
			reply({}, { currentLastName: "  " }),
			{ kind: "unreadable", reason: "missing_fields", code: "00" },
		],
	])("%s", (_name, text, expected) => {
		expect(parseReply(text, "A12345670")).toEqual(expected);
	});

	it("the record itself never leaves the wire module: photo, gender, place of birth, epoch are dropped", () => {
		const found = parseReply(reply({}, { photo: "/9j/…" }), "A1");
		expect(JSON.stringify(found)).not.toMatch(/FEMALE|photo|777423600000|STANDARD_E_PASSPORT/);
	});
});

describe("the request body", () => {
	it("is exactly number, last_name and dob as YYYY-MM-DD", () => {
		const body = requestBody({
			passport_number: "A12345670",
			last_name: "Okafor",
			date_of_birth: "1990-04-15",
			first_name: "Ada",
		});
		expect(JSON.parse(body)).toEqual({ number: "A12345670", last_name: "Okafor", dob: "1990-04-15" });
	});
});

describe("the date of birth compares as the label says, not as the epoch read in UTC would", () => {
	const submitted = { passport_number: "B50000947", last_name: "Ken", date_of_birth: "1994-08-21" };
	it.each<[string, Record<string, unknown>, string]>([
		["from the label", {}, "verified"],
		["from the parts", { currentDateOfBirthLabel: null }, "verified"],
		["a year off", { currentDateOfBirthLabel: "21/08/1993" }, "mismatch"],
	])("%s → %s", (_name, data, kind) => {
		const parsed = parseReply(reply({}, data), "B50000947");
		if (parsed.kind !== "found") throw new Error("expected a record");
		expect(compareRecord(parsed.record, submitted).kind).toBe(kind);
	});
});
