// @ts-check
// Sandbox outcomes as docs/partners.md documents them (the passport number's last digit decides), and the state each
// one settles in with no client action, or after the bench retries it the way a partner would.
import { randomBytes } from "node:crypto";

/**
 * The state a verification settles in: its status and, for `failed`, whether `last_error` is retryable.
 * @typedef {{ status: string, retryable?: boolean }} Expected
 *
 * A POST /api/verifications/ body, as the bench sends it.
 * @typedef {{ passport_number: string, last_name: string, date_of_birth: string, reference: string }} Submission
 */

/**
 * digit → the settled status (and, for `failed`, whether it is retryable) with no retry.
 * @type {Record<number, Expected>}
 */
export const SETTLED = {
	0: { status: "verified" },
	1: { status: "failed", retryable: false },
	2: { status: "requires_action" },
	3: { status: "verified" },
	4: { status: "failed", retryable: true },
	5: { status: "expired" },
	6: { status: "verified" },
	7: { status: "verified" },
	8: { status: "verified" },
	9: { status: "verified" },
};

/**
 * Outcomes a partner fixes with POST /retry/: a corrected date of birth (2), or simply again (4). Both then verify.
 * @type {ReadonlySet<number>}
 */
export const RETRYABLE = new Set([2, 4]);

export const FINAL_STATUSES = new Set(["verified", "failed", "requires_action", "expired"]);

const LAST_NAMES = ["Okafor", "Adeyemi", "Bello", "Eze", "Mensah", "Diallo", "Nwosu", "Abubakar"];

/**
 * A generator of submissions with unique passport numbers, so the duplicate protection (same client + passport +
 * date of birth + last name while active) never folds two bench requests into one verification.
 */
/** @returns {(digit: number) => Submission} */
export function submissions() {
	const run = randomBytes(3).toString("hex").toUpperCase(); // unique per run, letters and digits only
	let n = 0;
	return (digit) => {
		n++;
		return {
			passport_number: `P${run}${String(n).padStart(7, "0")}${digit}`,
			last_name: LAST_NAMES[n % LAST_NAMES.length] ?? "Okafor", // always in range; `??` only for the type
			date_of_birth: `19${70 + (n % 30)}-0${1 + (n % 9)}-1${n % 10}`,
			reference: `bench_${n}`,
		};
	};
}

/**
 * `count` digits spread evenly over `weights` (digit → share), shuffled (by `random`) so outcomes interleave.
 * @param {number} count
 * @param {Record<number, number>} weights
 * @param {() => number} [random] a seeded generator makes the order repeatable
 * @returns {number[]}
 */
export function mix(count, weights, random = Math.random) {
	const total = Object.values(weights).reduce((a, b) => a + b, 0);
	/** @type {number[]} */
	const digits = [];
	for (const [digit, w] of Object.entries(weights)) {
		for (let i = 0; i < Math.round((count * w) / total); i++) digits.push(Number(digit));
	}
	while (digits.length < count) digits.push(0);
	digits.length = count;
	for (let i = digits.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		const [a, b] = [digits[i], digits[j]]; // both indices are in range: the check below only narrows the type
		if (a !== undefined && b !== undefined) [digits[i], digits[j]] = [b, a];
	}
	return digits;
}

/** @type {Record<number, number>} */
export const EVEN_MIX = Object.fromEntries(Array.from({ length: 10 }, (_, d) => [d, 1]));

/**
 * A corrected date of birth for a retry of requires_action (any other valid date is accepted by the sandbox).
 * @type {(dob: string) => string}
 */
export const correctedDob = (dob) => (dob.endsWith("-01") ? `${dob.slice(0, 8)}02` : `${dob.slice(0, 8)}01`);

/**
 * `SETTLED[digit]`, for a sandbox digit (0–9); throws on anything else.
 * @param {number} digit
 * @returns {Expected}
 */
export function settledFor(digit) {
	const expected = SETTLED[digit];
	if (!expected) throw new Error(`no sandbox outcome for digit ${digit}`);
	return expected;
}
