import { describe, expect, it } from "vitest";
import { leanBody, type StoredRow, storedView } from "../../src/records/verification-body";
import { type VerificationState } from "../../src/verification/types";
import { toView } from "../../src/verification/view";
import { NOW, state } from "../helpers/states";

/** The row the projection writes for a state (src/pipeline/projection.ts, `upsert`), with the given body. */
const rowOf = (s: VerificationState, body: string): StoredRow => ({
	id: s.id,
	livemode: s.livemode,
	status: s.status,
	version: s.version,
	reference: s.reference,
	passportCountry: s.passport.country,
	passportLast3: s.passport.last3,
	provider: s.provider,
	createdAt: s.createdAt,
	updatedAt: s.updatedAt,
	expiresAt: s.expiresAt,
	redactedAt: s.redactedAt,
	body,
});

const states: [string, VerificationState][] = [
	["in flight, with a reference and metadata", state("processing", { reference: "user-1", metadata: { a: "b" } })],
	[
		"needing an action",
		state("requires_action", {
			requiredAction: { code: "date_of_birth_mismatch", message: "x", fields: ["date_of_birth"] },
			passport: { country: "NG", last3: "123" },
		}),
	],
	["final and redacted, live", state("verified", { livemode: true, redactedAt: NOW + 1_000, expiresAt: null })],
];

describe("the projection's body column holds the API object less its columns", () => {
	it.each(states)("%s: a list rebuilds the very object the API answers, in its key order", (_, s) => {
		const view = toView(s);
		const lean = leanBody(view);
		expect(JSON.stringify(storedView(rowOf(s, lean)))).toBe(JSON.stringify(view));
		// What the columns hold is not stored twice.
		expect(JSON.parse(lean)).not.toHaveProperty("id");
		expect(JSON.parse(lean)).not.toHaveProperty("created_at");
		expect(lean.length).toBeLessThan(JSON.stringify(view).length - 150);
	});

	it("a body stored whole by an earlier release reads the same", () => {
		const [, s] = states[1] as [string, VerificationState];
		const view = toView(s);
		expect(storedView(rowOf(s, JSON.stringify(view)))).toEqual(view);
	});
});
