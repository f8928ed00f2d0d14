/** ICAO 9303 TD3 (passport) machine-readable zone: two lines of 44 characters with check digits. */

const WEIGHTS = [7, 3, 1];

function charValue(ch: string): number {
	if (ch === "<") return 0;
	const code = ch.charCodeAt(0);
	if (code >= 48 && code <= 57) return code - 48;
	return code - 55; // A=10 … Z=35
}

/** The ICAO 9303 check digit of a field. */
export function checkDigit(field: string): string {
	let sum = 0;
	for (let i = 0; i < field.length; i++) sum += charValue(field[i] ?? "<") * (WEIGHTS[i % 3] ?? 1);
	return String(sum % 10);
}

export interface ParsedMrz {
	passportNumber: string;
	nationality: string;
	dateOfBirth: string;
	expiryDate: string;
	lastName: string;
}

export type MrzResult = { ok: true; value: ParsedMrz } | { ok: false; code: string; message: string };

const LINE = /^[A-Z0-9<]{44}$/;

/** YYMMDD → YYYY-MM-DD; a birth year is never in the future, an expiry year is within the next 50 years. */
function mrzDate(yymmdd: string, kind: "birth" | "expiry", now: Date): string {
	const yy = Number(yymmdd.slice(0, 2));
	const current = now.getUTCFullYear() % 100;
	const century = kind === "birth" ? (yy > current ? 1900 : 2000) : yy > current + 50 ? 1900 : 2000;
	return `${century + yy}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

/** Validates format and every check digit of a TD3 MRZ, and extracts the fields it carries. */
export function parseTd3(lines: readonly string[], now = new Date()): MrzResult {
	const [l1, l2] = lines;
	if (lines.length !== 2 || !l1 || !l2 || !LINE.test(l1) || !LINE.test(l2)) {
		return {
			ok: false,
			code: "invalid_mrz_format",
			message: "Expected two TD3 lines of 44 characters A-Z, 0-9 or '<'.",
		};
	}
	if (l1[0] !== "P") return { ok: false, code: "invalid_mrz_format", message: "A passport MRZ starts with 'P'." };
	const fields: [string, string, string][] = [
		["passport number", l2.slice(0, 9), l2.slice(9, 10)],
		["date of birth", l2.slice(13, 19), l2.slice(19, 20)],
		["expiry date", l2.slice(21, 27), l2.slice(27, 28)],
		["personal number", l2.slice(28, 42), l2.slice(42, 43)],
	];
	for (const [name, value, digit] of fields) {
		// An empty optional personal number may carry '<' as its check digit.
		if (name === "personal number" && /^<+$/.test(value) && (digit === "<" || digit === "0")) continue;
		if (checkDigit(value) !== digit)
			return { ok: false, code: "mrz_check_digit", message: `Check digit of the ${name} is wrong.` };
	}
	const composite = l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 43);
	if (checkDigit(composite) !== l2[43])
		return { ok: false, code: "mrz_check_digit", message: "Composite check digit is wrong." };
	return {
		ok: true,
		value: {
			passportNumber: l2.slice(0, 9).replace(/<+$/, ""),
			nationality: l2.slice(10, 13).replace(/<+$/, ""),
			dateOfBirth: mrzDate(l2.slice(13, 19), "birth", now),
			expiryDate: mrzDate(l2.slice(21, 27), "expiry", now),
			lastName: (l1.slice(5).split("<<")[0] ?? "").replace(/</g, " ").trim(),
		},
	};
}
