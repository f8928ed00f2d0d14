import { z } from "zod";
import { type PassportData } from "../../verification/types";
import { type RegistryRecord } from "../match";
import { isSafeId, parseJson } from "../wire-text";

/**
 * The Prembly (IdentityPass) international passport v2 wire format, in one place. Schemas name only what is read
 * (zod strips the rest), so the photo, gender, place of birth and the raw envelope never leave this module, and
 * `detail` (free text that may echo the request) is never read at all.
 */

export const VERIFY_PATH = "/verification/national_passport_v2";

/** The JSON body: exactly the three fields the product takes, the date of birth as `YYYY-MM-DD`. */
export function requestBody(data: PassportData): string {
	return JSON.stringify({ number: data.passport_number, last_name: data.last_name, dob: data.date_of_birth });
}

const optionalText = z.string().nullish().catch(null);
// Day, month and year come as strings ("08") in the documented sample; numbers are read too.
const part = z
	.union([z.string(), z.number()])
	.nullish()
	.catch(null)
	.transform((v) => (v == null ? null : String(v)));

const RecordSchema = z.object({
	currentPassportNumber: optionalText,
	currentLastName: z.string().trim().min(1),
	currentFirstName: optionalText,
	currentMiddleName: optionalText,
	// `currentDateOfBirth` (epoch ms at midnight West Africa Time: a day early read as UTC) is deliberately not read.
	currentDateOfBirthLabel: optionalText,
	currentDateOfBirthDay: part,
	currentDateOfBirthMonth: part,
	currentDateOfBirthYear: part,
});

const EnvelopeSchema = z.object({
	// "00" found, "01" not found, "02" retry later, "03" wallet empty. A number would have lost its leading zero.
	response_code: z.union([z.string(), z.number()]).transform((v) => String(v).padStart(2, "0")),
	data: z.unknown().optional(),
	verification: z.object({ reference: optionalText }).nullish().catch(null),
});

/** What a reply says, reduced to what the adapter acts on. */
export type Reply =
	| { kind: "found"; record: RegistryRecord; reference: string | null }
	| { kind: "not_found"; reference: string | null }
	| { kind: "retry_later"; reference: string | null }
	| { kind: "wallet_empty"; reference: string | null }
	/** Not the documented format: a truncated body, no response code, an unknown one, `00` without a record. */
	| { kind: "unreadable"; reason: string; code: string | null };

/**
 * Reads a reply body, whatever its HTTP status (soft failures often come as 200). `requested` is the passport
 * number looked up: the record of a lookup by number is that number's, so a record that omits it is still usable.
 */
export function parseReply(text: string, requested: string): Reply {
	const json = parseJson(text);
	if (json === undefined) return { kind: "unreadable", reason: "malformed_json", code: null };
	const envelope = EnvelopeSchema.safeParse(json);
	if (!envelope.success) return { kind: "unreadable", reason: "missing_response_code", code: null };
	const { response_code: code, verification } = envelope.data;
	const reference = isSafeId(verification?.reference) ? verification.reference : null;
	switch (code) {
		case "00":
			return found(envelope.data.data, requested, reference);
		case "01":
			return { kind: "not_found", reference };
		case "02":
			return { kind: "retry_later", reference };
		case "03":
			return { kind: "wallet_empty", reference };
		default:
			return { kind: "unreadable", reason: "unknown_response_code", code: isSafeId(code) ? code : null };
	}
}

function found(data: unknown, requested: string, reference: string | null): Reply {
	const parsed = RecordSchema.safeParse(data);
	if (!parsed.success) return { kind: "unreadable", reason: "missing_fields", code: "00" };
	const r = parsed.data;
	const given = [r.currentFirstName, r.currentMiddleName].filter(
		(n): n is string => typeof n === "string" && n.trim() !== "",
	);
	return {
		kind: "found",
		reference,
		record: {
			passportNumber: r.currentPassportNumber?.trim() || requested,
			lastName: r.currentLastName,
			givenNames: given.length > 0 ? given.join(" ") : null,
			dateOfBirth: birthDate(r),
			expiryDate: null,
		},
	};
}

/** The label (`DD/MM/YYYY`) as written, or else `YYYY-MM-DD` from the day, month and year parts; null without either. */
function birthDate(r: z.infer<typeof RecordSchema>): string | null {
	const label = r.currentDateOfBirthLabel?.trim();
	if (label) return label;
	const { currentDateOfBirthDay: d, currentDateOfBirthMonth: m, currentDateOfBirthYear: y } = r;
	if (!d || !m || !y || !/^\d{4}$/.test(y) || !/^\d{1,2}$/.test(m) || !/^\d{1,2}$/.test(d)) return null;
	return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}
