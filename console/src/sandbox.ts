/**
 * The sandbox's inputs (docs/partners.md, "Sandbox outcomes"; docs/providers.md, "Test mode failover input"): the passport
 * number's last digit picks the outcome, and a number starting with FAILOVER makes the first sandbox unable to answer
 * so the backup sandbox decides. Pure, so test/browser/console-logic.test.mjs runs it in Node.
 */

export const SANDBOX_OUTCOMES: { digit: number; outcome: string; detail: string }[] = [
	{ digit: 0, outcome: "verified", detail: "within a few seconds" },
	{ digit: 1, outcome: "failed", detail: "passport_not_found, not retryable" },
	{
		digit: 2,
		outcome: "requires action",
		detail: "date_of_birth_mismatch; a retry with another date of birth is verified",
	},
	{ digit: 3, outcome: "verified", detail: "after the provider is unavailable on the first two attempts" },
	{
		digit: 4,
		outcome: "failed",
		detail: "provider unavailable on every attempt; retryable, and a later retry is verified",
	},
	{ digit: 5, outcome: "expired", detail: "never decides: expires at the 24 h deadline (advance the clock)" },
	{ digit: 6, outcome: "verified", detail: "after a short delay" },
	{ digit: 7, outcome: "verified", detail: "after a short delay" },
	{ digit: 8, outcome: "verified", detail: "after a short delay" },
	{ digit: 9, outcome: "verified", detail: "after a short delay" },
];

/** The reserved prefix: `sandbox` cannot answer, `sandbox_backup` decides by the same last digit. */
export const FAILOVER_PREFIX = "FAILOVER";

/**
 * A fresh passport number for `digit` (so the duplicate guard never hands back an earlier verification): `T` and
 * seven random digits, or the FAILOVER prefix and seven, then the digit. 5–20 letters and digits, as the API requires.
 */
export function sandboxPassport(
	digit: number,
	failover: boolean,
	random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n)),
): string {
	const body = Array.from(random(7), (b) => String(b % 10)).join("");
	return `${failover ? FAILOVER_PREFIX : "T"}${body}${digit}`;
}
