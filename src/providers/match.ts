import { type ProviderOutcome } from "../verification/provider";
import { type FieldMatch, type MatchableField, type MatchResult, type PassportData } from "../verification/types";
import { canonicalDate, canonicalName, canonicalPassportNumber, nameWords } from "./normalise";

/**
 * A registry's passport record, reduced to what matching needs, whichever provider sent it. Dates are as the
 * registry wrote them; each adapter's wire module builds this and drops everything else.
 */
export interface RegistryRecord {
	passportNumber: string;
	lastName: string;
	/** First and middle names, space-separated; null when the registry has none. */
	givenNames: string | null;
	dateOfBirth: string | null;
	expiryDate: string | null;
}

const FIELD_LABELS: Record<MatchableField, string> = {
	passport_number: "passport number",
	last_name: "last name",
	first_name: "first name",
	date_of_birth: "date of birth",
	nationality: "nationality",
	expiry_date: "expiry date",
};

const same = (a: string | null, b: string | null): FieldMatch =>
	a !== null && b !== null && a === b ? "match" : "mismatch";

/** Every submitted given name must appear among the registry's first and middle names (in any order). */
function givenNamesMatch(submitted: string, registry: string | null): FieldMatch {
	if (registry === null) return "not_checked";
	const want = nameWords(submitted);
	const have = nameWords(registry);
	if (want.length === 0) return "mismatch";
	if (want.every((w) => have.includes(w))) return "match";
	// "Mary-Jane" against "MARYJANE": the same letters, split differently.
	return canonicalName(submitted) === canonicalName(registry) ? "match" : "mismatch";
}

function optionalDate(submitted: string | undefined, registry: string | null): FieldMatch | undefined {
	if (submitted === undefined) return undefined;
	if (registry === null) return "not_checked";
	const wire = canonicalDate(registry);
	return wire === null ? "not_checked" : same(canonicalDate(submitted), wire);
}

/**
 * Compares the registry record with the submission. The three lookup fields must all positively match
 * for `verified`; any mismatch (including an optional field the partner chose to send) asks for action,
 * and a record whose date of birth is missing or unreadable is never verified.
 */
export function compareRecord(record: RegistryRecord, data: PassportData): ProviderOutcome {
	const registryDob = record.dateOfBirth === null ? null : canonicalDate(record.dateOfBirth);
	if (registryDob === null) {
		return {
			kind: "rejected",
			code: "registry_record_incomplete",
			message:
				"The passport registry has no readable date of birth for this passport, so it cannot be verified automatically.",
			retryable: false,
		};
	}
	const result: MatchResult = {
		passport_number: same(
			canonicalPassportNumber(data.passport_number),
			canonicalPassportNumber(record.passportNumber),
		),
		last_name: same(canonicalName(data.last_name) || null, canonicalName(record.lastName) || null),
		date_of_birth: same(canonicalDate(data.date_of_birth), registryDob),
	};
	if (data.first_name !== undefined) result.first_name = givenNamesMatch(data.first_name, record.givenNames);
	const expiry = optionalDate(data.expiry_date, record.expiryDate);
	if (expiry !== undefined) result.expiry_date = expiry;
	// The record carries no nationality: say so rather than imply it was checked.
	if (data.nationality !== undefined) result.nationality = "not_checked";

	const fields = (Object.keys(result) as MatchableField[]).filter((f) => result[f] === "mismatch");
	if (fields.length === 0) return { kind: "verified", result };
	const [only] = fields;
	return {
		kind: "mismatch",
		code:
			only !== undefined && only !== "nationality" && fields.length === 1
				? (`${only}_mismatch` as const)
				: "data_mismatch",
		message: `The ${listOf(fields.map((f) => FIELD_LABELS[f]))} ${fields.length === 1 ? "does" : "do"} not match the passport registry.`,
		fields,
		result,
	};
}

const listOf = (items: string[]): string =>
	items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
