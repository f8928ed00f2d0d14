import { z } from "zod";
import { type PassportData } from "../../verification/types";
import { type RegistryRecord } from "../match";
import { wireDate } from "../normalise";
import { isSafeId, parseJson } from "../wire-text";

/**
 * The Interswitch wire format, in one place. Every schema ignores fields it does not name (zod strips
 * them), so additions upstream change nothing here, and nothing beyond the named fields (the photo, the
 * gender, the raw envelope) ever leaves this module.
 */

export const LOOKUP_PATH = "/verify/identity/intl-passport-lookup";

/** The form body of the client-credentials token request. */
export const TOKEN_FORM = "grant_type=client_credentials&scope=profile";

/** The JSON body of the passport lookup: exactly the three fields the product takes. */
export function lookupBody(data: PassportData, dateFormat: "dmy" | "iso"): string {
	return JSON.stringify({
		passport_number: data.passport_number,
		last_name: data.last_name,
		date_of_birth: wireDate(data.date_of_birth, dateFormat),
	});
}

const TokenSchema = z.object({
	access_token: z.string().min(1),
	// Some gateways send seconds as a string; a token without a lifetime is used once and not cached.
	expires_in: z.coerce.number().nonnegative().optional().catch(undefined),
});

/** What the adapter keeps from a token response. */
export interface WireToken {
	accessToken: string;
	expiresInMs: number;
}

/** A 2xx token response, or null when it carries no usable token. */
export function parseToken(text: string): WireToken | null {
	const parsed = TokenSchema.safeParse(parseJson(text));
	if (!parsed.success) return null;
	return { accessToken: parsed.data.access_token, expiresInMs: (parsed.data.expires_in ?? 0) * 1000 };
}

const optionalText = z.string().nullish().catch(null);

const RecordSchema = z.object({
	passport_number: z.string().min(1),
	last_name: z.string().min(1),
	first_name: optionalText,
	middle_name: optionalText,
	// The key must be present; null is a real registry answer ("no date on file").
	dob: z.string().nullable().optional(),
	date_of_birth: z.string().nullable().optional(),
	expiry_date: optionalText,
	reference: optionalText,
});

const SuccessSchema = z.object({
	success: z.boolean().optional(),
	data: RecordSchema,
	reference: optionalText,
	requestId: optionalText,
	logId: optionalText,
});

export type LookupBody = { ok: true; record: RegistryRecord; reference: string | null } | { ok: false; reason: string };

/** A 200 lookup response: the record and a reference id, or why it is unusable. */
export function parseLookupSuccess(text: string): LookupBody {
	const json = parseJson(text);
	if (json === undefined) return { ok: false, reason: "malformed_json" };
	const parsed = SuccessSchema.safeParse(json);
	if (!parsed.success) return { ok: false, reason: "missing_fields" };
	const { data, success } = parsed.data;
	if (success === false) return { ok: false, reason: "success_false" };
	if (data.dob === undefined && data.date_of_birth === undefined) return { ok: false, reason: "missing_fields" };
	const given = [data.first_name, data.middle_name].filter(
		(n): n is string => typeof n === "string" && n.trim() !== "",
	);
	const reference =
		[data.reference, parsed.data.reference, parsed.data.requestId, parsed.data.logId].find(isSafeId) ?? null;
	return {
		ok: true,
		reference,
		record: {
			passportNumber: data.passport_number,
			lastName: data.last_name,
			givenNames: given.length > 0 ? given.join(" ") : null,
			dateOfBirth: data.dob ?? data.date_of_birth ?? null,
			expiryDate: data.expiry_date ?? null,
		},
	};
}

const EnvelopeSchema = z.object({
	responseCode: optionalText,
	code: z.union([z.string(), z.number()]).nullish().catch(null),
	logId: optionalText,
});

/** Ids from an error envelope, for operator logs. The message is never read: it can echo personal data. */
export function parseErrorEnvelope(text: string): { logId: string | null; responseCode: string | null } {
	const parsed = EnvelopeSchema.safeParse(parseJson(text));
	if (!parsed.success) return { logId: null, responseCode: null };
	const code = parsed.data.responseCode ?? (parsed.data.code == null ? null : String(parsed.data.code));
	return {
		logId: isSafeId(parsed.data.logId) ? parsed.data.logId : null,
		responseCode: isSafeId(code) ? code : null,
	};
}
