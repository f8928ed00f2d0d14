import { z } from "@hono/zod-openapi";
import { COUNTRY_CODES } from "../../../verification/countries";
import { parseTd3 } from "../../../verification/mrz";
import { LAST_ERROR_CODES, REQUIRED_ACTION_CODES } from "../../../verification/reasons";
import { MATCHABLE_FIELDS, STATUSES, WAITING_ON } from "../../../verification/types";
import { patternOf } from "../../openapi";

const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, "Use the format YYYY-MM-DD.")
	.refine(
		(v) => {
			const d = new Date(`${v}T00:00:00Z`);
			return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
		},
		{ message: "Not a calendar date.", params: { code: "invalid_date" } },
	)
	.openapi({ format: "date" });

// Each pattern is checked on the value as sent, surrounding whitespace included, and the value is trimmed after: so
// the document's `pattern` is the server's own check, and accepts exactly what the server accepts.

/** Letters of any script (with their combining marks), spaces, apostrophes, dots and hyphens. */
const NAME_PATTERN = /^\s*[\p{L}\p{M}'.-](?:[\p{L}\p{M}' .-]*[\p{L}\p{M}'.-])?\s*$/u;
const PASSPORT_NUMBER_PATTERN = /^\s*[A-Za-z0-9]{5,20}\s*$/;
/** Printable ASCII; not only spaces. */
const REFERENCE_PATTERN = /^\s*[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?\s*$/;

const name = z
	.string()
	.regex(NAME_PATTERN, "Letters, spaces, apostrophes, dots and hyphens only.")
	.trim()
	.min(1)
	.max(100)
	.openapi({
		...patternOf(NAME_PATTERN),
		description: "Letters of any script, spaces, apostrophes, dots and hyphens; surrounding whitespace is trimmed.",
	});

// Checked before upper-casing, too: `"ı".toUpperCase()` is "I".
const passportNumber = z
	.string()
	.regex(PASSPORT_NUMBER_PATTERN, "5 to 20 letters or digits.")
	.trim()
	.toUpperCase()
	.openapi({
		example: "A12345670",
		description:
			"5 to 20 letters or digits, stored upper-cased; surrounding whitespace is trimmed. In the sandbox its last digit picks the outcome.",
	});

const dateOfBirth = isoDate
	.refine((v) => v >= "1900-01-01", { message: "Must be on or after 1900-01-01.", params: { code: "date_too_early" } })
	.refine((v) => v <= new Date().toISOString().slice(0, 10), {
		message: "Must not be in the future.",
		params: { code: "date_in_future" },
	})
	.openapi({ example: "1990-04-15", description: "On or after 1900-01-01 and not in the future." });

const nationality = z
	.string()
	.trim()
	.toUpperCase()
	.refine((v) => COUNTRY_CODES.has(v), {
		message: "Use an ISO 3166-1 alpha-3 code such as NGA.",
		params: { code: "invalid_country" },
	})
	.openapi({ example: "NGA" });

const fields = {
	passport_number: passportNumber,
	last_name: name.openapi({ example: "Okafor" }),
	date_of_birth: dateOfBirth,
	first_name: name.optional().openapi({ example: "Ada" }),
	nationality: nationality.optional(),
	expiry_date: isoDate.optional().openapi({ example: "2031-01-31" }),
};

export const SubmitSchema = z
	.strictObject({
		...fields,
		mrz: z
			.array(z.string().trim().toUpperCase())
			.length(2)
			.optional()
			.openapi({ description: "ICAO 9303 TD3 lines; every check digit is validated." }),
		reference: z.string().regex(REFERENCE_PATTERN, "Printable ASCII only.").trim().min(1).max(128).optional().openapi({
			example: "user_8812",
			description:
				"Your own id for the user (printable ASCII; surrounding whitespace is trimmed); filterable in the list.",
		}),
		metadata: z
			.record(z.string().min(1).max(40), z.string().max(500))
			.refine((m) => Object.keys(m).length <= 20, { message: "At most 20 keys.", params: { code: "too_many_keys" } })
			.optional()
			.openapi({ example: { plan: "gold" } }),
	})
	.superRefine((body, ctx) => {
		if (!body.mrz) return;
		const parsed = parseTd3(body.mrz);
		if (!parsed.ok) {
			ctx.addIssue({ code: "custom", path: ["mrz"], message: parsed.message, params: { code: parsed.code } });
			return;
		}
		const m = parsed.value;
		const clash = (field: string, ok: boolean) =>
			ok ||
			ctx.addIssue({
				code: "custom",
				path: [field],
				message: "Does not match the MRZ.",
				params: { code: "mrz_mismatch" },
			});
		clash("passport_number", m.passportNumber === body.passport_number);
		clash("date_of_birth", m.dateOfBirth === body.date_of_birth);
		if (body.nationality) clash("nationality", m.nationality === body.nationality);
		if (body.expiry_date) clash("expiry_date", m.expiryDate === body.expiry_date);
	})
	.openapi("VerificationRequest");

export const RetrySchema = z
	.strictObject({
		passport_number: passportNumber.optional(),
		last_name: fields.last_name.optional(),
		date_of_birth: dateOfBirth.optional(),
		first_name: fields.first_name,
		nationality: fields.nationality,
		expiry_date: fields.expiry_date,
	})
	.openapi("VerificationRetry", {
		description: "Corrected fields. Required for `requires_action` (at least one field it names); optional otherwise.",
	});

export const LastErrorSchema = z
	.object({
		code: z.enum(LAST_ERROR_CODES).openapi("LastErrorCode", {
			description: "Stable: branch on it. What each means and what to do: `GET /errors/{code}`.",
		}),
		message: z.string(),
		retryable: z.boolean(),
	})
	.openapi("LastError", {
		example: { code: "provider_unavailable", message: "Sandbox provider unavailable (attempt 1).", retryable: true },
	});

export const RequiredActionSchema = z
	.object({
		code: z.enum(REQUIRED_ACTION_CODES).openapi("RequiredActionCode", {
			description: "Stable: branch on it. What each means and what to do: `GET /errors/{code}`.",
		}),
		message: z.string(),
		fields: z.array(z.enum(MATCHABLE_FIELDS)),
	})
	.openapi("RequiredAction");

const ts = z.string().datetime().openapi({ example: "2026-11-25T12:00:00.000Z" });

export const VerificationSchema = z
	.object({
		id: z.string().openapi({ example: "ver_01JD2X4R8B7Q0V3C5N6M9K1H2G" }),
		object: z.literal("verification"),
		livemode: z.boolean().openapi({ description: "false in test mode (sandbox), true in live mode.", example: false }),
		status: z.enum(STATUSES),
		waiting_on: z.enum(WAITING_ON).openapi({
			description:
				"Who the verification is waiting on: `provider` (submitted or processing: a lookup is in flight or scheduled, see `next_attempt_at`), `partner` (requires_action: retry with corrected fields), `nothing` (verified, failed or expired).",
			example: "provider",
		}),
		version: z.number().int().openapi({ description: "Goes up by one on every status change.", example: 3 }),
		reference: z.string().nullable(),
		metadata: z.record(z.string(), z.string()),
		passport: z.object({ country: z.string().nullable(), last3: z.string() }).openapi({
			description: "Masked: issuing country and last 3 characters only.",
			example: { country: "NGA", last3: "670" },
		}),
		provider: z.string().openapi({ example: "sandbox" }),
		created_at: ts,
		updated_at: ts,
		expires_at: ts
			.nullable()
			.openapi({ description: "When it expires without a decision (or without your correction)." }),
		estimated_completion_at: ts.nullable(),
		attempts: z.number().int().openapi({ description: "Provider calls made for the current submission." }),
		next_attempt_at: ts.nullable(),
		last_error: LastErrorSchema.nullable(),
		required_action: RequiredActionSchema.nullable(),
		result: z
			.record(z.string(), z.enum(["match", "mismatch", "not_checked"]))
			.nullable()
			.openapi({
				description: "Per-field match results from the provider.",
				example: { passport_number: "match", last_name: "match", date_of_birth: "match" },
			}),
		redacted_at: ts.nullable().openapi({ description: "When personal data was erased, if it was." }),
	})
	.openapi("Verification");

export const IdParam = z.object({
	id: z.string().openapi({ param: { name: "id", in: "path" }, example: "ver_01JD2X4R8B7Q0V3C5N6M9K1H2G" }),
});
