import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listOf, ProblemSchema } from "../../src/http/openapi";
import { VerificationSchema } from "../../src/http/routes/verifications/schema";
import { runUntil } from "../helpers/alarms";
import { call, passport, submit } from "../helpers/api";

/** Values of every JSON shape, biased toward the edges validators get wrong. */
const junk = fc.oneof(
	fc.string({ maxLength: 40 }),
	fc.string({ unit: "grapheme", maxLength: 30 }),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.constant(""),
	fc.constant("1990-02-30"),
	fc.constant("0000-00-00"),
	fc.constant("A".repeat(300)),
	fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
	fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

const field = <T>(valid: fc.Arbitrary<T>) => fc.option(fc.oneof(valid, junk), { nil: undefined });

/** Bodies shaped like the submit schema: each field valid, junk, or absent, plus stray keys. */
const submitBody = fc.record(
	{
		passport_number: field(fc.stringMatching(/^[A-Z0-9]{5,20}$/)),
		last_name: field(fc.constantFrom("Okafor", "O'Neil", "Ådne-Berg")),
		date_of_birth: field(
			fc
				.date({ min: new Date("1900-01-01"), max: new Date("2020-01-01"), noInvalidDate: true })
				.map((d) => d.toISOString().slice(0, 10)),
		),
		first_name: field(fc.constant("Ada")),
		nationality: field(fc.constantFrom("NGA", "GBR", "nga", "XXX")),
		expiry_date: field(fc.constant("2031-01-31")),
		mrz: field(fc.array(fc.stringMatching(/^[A-Z0-9<]{44}$/), { minLength: 2, maxLength: 2 })),
		reference: field(fc.string({ maxLength: 140 })),
		metadata: field(fc.dictionary(fc.string({ maxLength: 45 }), fc.string({ maxLength: 10 }), { maxKeys: 22 })),
		extra: field(fc.string()),
	},
	{ requiredKeys: [] },
);

async function expectDocumented(
	res: Response,
	okStatus: number,
	okSchema: { safeParse(v: unknown): { success: boolean } },
) {
	expect(res.status).toBeLessThan(500);
	const body = await res.json();
	if (res.status === okStatus) {
		expect(okSchema.safeParse(body).success, JSON.stringify(body)).toBe(true);
	} else {
		expect(res.headers.get("content-type")).toBe("application/problem+json");
		expect(ProblemSchema.safeParse(body).success, JSON.stringify(body)).toBe(true);
		expect([400, 404, 409, 413, 415, 422]).toContain(res.status);
	}
}

describe("property-based fuzzing: no 5xx, every response matches its documented schema", () => {
	it("POST /api/verifications/", async () => {
		await fc.assert(
			fc.asyncProperty(submitBody, async (body) => {
				await expectDocumented(await call("/api/verifications/", { body }), 202, VerificationSchema);
			}),
			{ numRuns: 150 },
		);
	});

	it("POST /api/verifications/{id}/retry/", async () => {
		const v = await submit(passport(2));
		await runUntil(v.id, ["requires_action"]);
		await fc.assert(
			fc.asyncProperty(submitBody, async (body) => {
				const { mrz: _m, reference: _r, metadata: _md, ...corrections } = body;
				await expectDocumented(
					await call(`/api/verifications/${v.id}/retry/`, { body: corrections }),
					202,
					VerificationSchema,
				);
			}),
			{ numRuns: 80 },
		);
	});

	it("GET /api/verifications/ with arbitrary query strings", async () => {
		const List = listOf(VerificationSchema, "VerificationListFuzz");
		const params = fc.dictionary(
			fc.constantFrom("limit", "status", "reference", "starting_after", "x"),
			fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String)),
			{ maxKeys: 4 },
		);
		await fc.assert(
			fc.asyncProperty(params, async (p) => {
				const qs = new URLSearchParams(p).toString();
				await expectDocumented(await call(`/api/verifications/?${qs}`), 200, List);
			}),
			{ numRuns: 100 },
		);
	});

	it("GET/DELETE /api/verifications/{id}/ with arbitrary ids", async () => {
		// "." and ".." are dot segments: the URL parser resolves them away (to the list route or above it), so
		// they never reach the {id} route at all.
		const ids = fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s !== "." && s !== "..");
		await fc.assert(
			fc.asyncProperty(ids, fc.constantFrom("GET", "DELETE"), async (id, method) => {
				const res = await call(`/api/verifications/${encodeURIComponent(id)}/`, { method });
				expect(res.status).toBeLessThan(500);
				expect([404, 405]).toContain(res.status);
			}),
			{ numRuns: 100 },
		);
	});
});
