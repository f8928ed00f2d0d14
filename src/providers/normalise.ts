/**
 * Normalisation for comparing what a partner submitted with what the registry holds. Registries shout
 * (`OKAFOR`), drop accents (`NUÑEZ` → `NUNEZ`), and write dates in whatever format the upstream system
 * used; none of that is a mismatch. Anything we cannot read is `null`, and `null` never matches.
 */

// Letters NFKD does not decompose into a base letter plus a combining mark.
const FOLDS: Record<string, string> = {
	ß: "ss",
	æ: "ae",
	œ: "oe",
	ø: "o",
	ł: "l",
	đ: "d",
	ð: "d",
	þ: "th",
	ı: "i",
	ŀ: "l",
};

/** A name reduced to lowercase ASCII letters and digits: case, accents, spacing and punctuation folded away. */
export function canonicalName(value: string): string {
	return value
		.normalize("NFKD")
		.replace(/\p{M}/gu, "")
		.toLowerCase()
		.replace(/[ßæœøłđðþıŀ]/g, (c) => FOLDS[c] ?? c)
		.replace(/[^a-z0-9]/g, "");
}

/** The words of a name, each canonical; used where word order or extra given names may differ. */
export function nameWords(value: string): string[] {
	return value
		.split(/[\s\-‐‑–—,.'’]+/u)
		.map(canonicalName)
		.filter((w) => w.length > 0);
}

/** Passport numbers compare without case, spaces or hyphens (registries print `A12 345 678`). */
export const canonicalPassportNumber = (value: string): string => value.toUpperCase().replace(/[\s-]/g, "");

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function isoFrom(year: number, month: number, day: number): string | null {
	if (month < 1 || month > 12 || day < 1 || year < 1800 || year > 2200) return null;
	const date = new Date(Date.UTC(year, month - 1, day));
	// Date rolls 31/02 over into March: a round trip proves the day exists.
	if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
	return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * A date as `YYYY-MM-DD`, or null when it cannot be read unambiguously. Accepts ISO (with or without a
 * time part), `YYYY/MM/DD`, day-first numeric dates (`DD/MM/YYYY`, `DD-MM-YYYY`, `DD.MM.YYYY`: Nigerian
 * registries are day-first, and month-first is never assumed) and `DD-MMM-YYYY` / `DD MMMM YYYY`.
 */
export function canonicalDate(value: string): string | null {
	const text = value.trim();
	const ymd = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/.exec(text);
	if (ymd) return isoFrom(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
	const dmy = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:\s.*)?$/.exec(text);
	if (dmy) return isoFrom(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
	const named = /^(\d{1,2})[-\s/]([A-Za-z]{3,9})\.?[-\s/,]+(\d{4})$/.exec(text);
	if (named) {
		const month = MONTHS.indexOf((named[2] ?? "").slice(0, 3).toLowerCase());
		if (month < 0 || !isMonthName(named[2] ?? "")) return null;
		return isoFrom(Number(named[3]), month + 1, Number(named[1]));
	}
	return null;
}

const FULL_MONTHS = [
	"january",
	"february",
	"march",
	"april",
	"may",
	"june",
	"july",
	"august",
	"september",
	"october",
	"november",
	"december",
];

// "Apr", "April" and "Sept" are months; "Aprxyz" is not.
const isMonthName = (word: string): boolean => {
	const w = word.toLowerCase();
	return w.length === 3 || w === "sept" || FULL_MONTHS.includes(w);
};

/** Formats our `YYYY-MM-DD` for the wire: `dmy` sends `DD/MM/YYYY`, `iso` sends it unchanged. */
export function wireDate(isoDate: string, format: "dmy" | "iso"): string {
	if (format === "iso") return isoDate;
	const [year, month, day] = isoDate.split("-");
	return `${day}/${month}/${year}`;
}
