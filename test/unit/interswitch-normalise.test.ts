import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalDate, canonicalName, nameWords, wireDate } from "../../src/providers/normalise";

describe("canonicalDate", () => {
	it.each<[string, string | null]>([
		["1990-04-15", "1990-04-15"],
		["1990-4-5", "1990-04-05"],
		["1990/04/15", "1990-04-15"],
		["1990-04-15T00:00:00.000Z", "1990-04-15"],
		["1990-04-15 00:00:00", "1990-04-15"],
		["15/04/1990", "1990-04-15"],
		["15-04-1990", "1990-04-15"],
		["15.04.1990", "1990-04-15"],
		["5/4/1990", "1990-04-05"],
		["15/04/1990 12:00:00 AM", "1990-04-15"],
		["15-APR-1990", "1990-04-15"],
		["15 April 1990", "1990-04-15"],
		["15 Sept 1990", "1990-09-15"],
		["29/02/2000", "2000-02-29"],
		// Never guessed: month-first, impossible days, unknown words, two-digit years.
		["04/15/1990", null],
		["29/02/1990", null],
		["31-06-1990", null],
		["15 Aprilx 1990", null],
		["15/04/90", null],
		["", null],
		["unknown", null],
	])("%s → %s", (input, expected) => {
		expect(canonicalDate(input)).toBe(expected);
	});

	const isoDate = fc
		.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true })
		.map((d) => d.toISOString().slice(0, 10));

	it("reads back every date in either wire format", () => {
		fc.assert(
			fc.property(isoDate, (iso) => {
				expect(canonicalDate(wireDate(iso, "dmy"))).toBe(iso);
				expect(canonicalDate(wireDate(iso, "iso"))).toBe(iso);
			}),
		);
	});
});

describe("canonicalName", () => {
	it.each<[string, string]>([
		["Okafor", "okafor"],
		["  OKAFOR ", "okafor"],
		["Nuñez", "nunez"],
		["Müller-Lüdenscheidt", "mullerludenscheidt"],
		["O'Brien", "obrien"],
		["Straße", "strasse"],
		["Øksnes", "oksnes"],
		["Łukasz", "lukasz"],
		["Ærø", "aero"],
		["ÇELİK", "celik"],
	])("%s → %s", (input, expected) => {
		expect(canonicalName(input)).toBe(expected);
	});

	const word = fc.stringMatching(/^[A-Za-zÀ-ÖØ-öø-ÿ]{1,12}$/);

	it("ignores case, spacing and accents", () => {
		fc.assert(
			fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), (words) => {
				const name = words.join(" ");
				const shouted = ` ${words.join("   ").toUpperCase()} `;
				const unaccented = name.normalize("NFD").replace(/\p{M}/gu, "");
				expect(canonicalName(shouted)).toBe(canonicalName(name));
				expect(canonicalName(unaccented)).toBe(canonicalName(name));
				expect(canonicalName(canonicalName(name))).toBe(canonicalName(name));
			}),
		);
	});

	it("splits names into words on spaces, hyphens and apostrophes", () => {
		expect(nameWords("Mary-Jane  O'Neil")).toEqual(["mary", "jane", "o", "neil"]);
	});
});
