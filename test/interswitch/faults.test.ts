import { runDurableObjectAlarm } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type FakeBehaviour } from "../../scripts/fake-interswitch.mjs";
import { runUntil, stubOf } from "../helpers/alarms";
import { call, getView, json, passport, submit } from "../helpers/api";
import { verificationStorage } from "../helpers/inspect";
import { useFakeInterswitch } from "./fake";

const isw = useFakeInterswitch();

/** Fires the verification's alarm once: one provider attempt. */
async function attemptOnce(id: string) {
	expect(await runDurableObjectAlarm(stubOf(id))).toBe(true);
	return getView(id);
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe("registry answers → decisions", () => {
	it("success → verified on the first attempt, per-field results, nothing else kept", async () => {
		const v = await submit(passport(0, { last_name: "Nuñez-Okafor", first_name: "Adaeze" }));
		const done = await runUntil(v.id, ["verified", "failed", "requires_action"]);
		expect(done).toMatchObject({ status: "verified", attempts: 1, last_error: null, provider: "interswitch" });
		expect(done.result).toEqual({
			passport_number: "match",
			last_name: "match",
			date_of_birth: "match",
			first_name: "match",
		});
		expect(isw.fake.snapshot().counts).toEqual({ token: 1, lookup: 1 });
		// The record's other fields, the photo and the raw body are neither returned nor stored.
		const { state } = await verificationStorage(v.id);
		const stored = JSON.stringify(state);
		for (const text of [JSON.stringify(done), stored]) {
			expect(text).not.toMatch(/ADAEZE|NGOZI|\/9j\/|2029-05-31|document_type/);
		}
		// Only the reference id is kept, for support cases with Interswitch.
		expect(state.providerMemo).toEqual({ interswitch_reference: expect.stringMatching(/^isw_/) });
	});

	it.each<{ name: string; behaviour: Partial<FakeBehaviour>; code: string; fields: string[] }>([
		{
			name: "date of birth",
			behaviour: { mode: "mismatch" },
			code: "date_of_birth_mismatch",
			fields: ["date_of_birth"],
		},
		{
			name: "last name and date of birth",
			behaviour: { mode: "mismatch", fields: ["last_name", "date_of_birth"] },
			code: "data_mismatch",
			fields: ["last_name", "date_of_birth"],
		},
	])("mismatch ($name) → requires_action naming the fields", async ({ behaviour, code, fields }) => {
		isw.fake.configure(behaviour);
		const v = await submit(passport(0));
		const done = await runUntil(v.id, ["requires_action", "verified", "failed"]);
		expect(done.status).toBe("requires_action");
		expect(done.required_action).toMatchObject({ code, fields });
		expect(done.attempts).toBe(1);
		for (const f of fields) expect(done.result?.[f as keyof typeof done.result]).toBe("mismatch");
	});

	it.each([
		{ mode: "not_found", code: "passport_not_found", retryable: false },
		{ mode: "incomplete", code: "registry_record_incomplete", retryable: false },
		{ mode: "invalid_credentials", code: "provider_credentials_invalid", retryable: true },
		{ mode: "product_not_enabled", code: "provider_product_not_enabled", retryable: true },
	] as const)("$mode → failed $code (retryable: $retryable) after one attempt", async ({ mode, code, retryable }) => {
		isw.fake.configure({ mode });
		const v = await submit(passport(0));
		const done = await runUntil(v.id, ["failed", "verified", "requires_action"]);
		expect(done.status).toBe("failed");
		expect(done.last_error).toMatchObject({ code, retryable });
		expect(done.attempts).toBe(1);
	});

	it("operator faults log one loud line with a hint and no personal data", async () => {
		const errors = vi.spyOn(console, "error");
		isw.fake.configure({ mode: "invalid_credentials" });
		const v = await submit(passport(0, { last_name: "Okonkwo" }));
		await runUntil(v.id, ["failed"]);
		const lines = errors.mock.calls
			.map((c) => String(c[0]))
			.filter((l) => l.includes("interswitch.operator_action_required"));
		expect(lines).toHaveLength(1);
		expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({
			code: "provider_credentials_invalid",
			alert: true,
			endpoint: "token",
		});
		expect(lines[0]).not.toMatch(/Okonkwo|A12345670|1990/);
	});
});

describe("transient faults → processing with last_error, then recovery", () => {
	it.each([
		{ mode: "429", code: "provider_rate_limited" },
		{ mode: "500", code: "provider_error" },
		{ mode: "hang", code: "provider_timeout" },
		{ mode: "reset", code: "provider_connection_failed" },
		{ mode: "malformed", code: "provider_bad_response" },
		{ mode: "missing_fields", code: "provider_bad_response" },
	] as const)("$mode once → $code on attempt 1, verified on attempt 2", async ({ mode, code }) => {
		isw.fake.configure({ mode, times: 1 });
		const v = await submit(passport(0));
		const waiting = await attemptOnce(v.id);
		expect(waiting).toMatchObject({ status: "processing", attempts: 1, last_error: { code, retryable: true } });
		expect(waiting.next_attempt_at).not.toBeNull();
		const done = await runUntil(v.id, ["verified", "failed"]);
		expect(done).toMatchObject({ status: "verified", attempts: 2, last_error: null });
	});

	it("429 honours Retry-After in next_attempt_at", async () => {
		isw.fake.configure({ mode: "429", retryAfter: 120 });
		const before = Date.now();
		const v = await submit(passport(0));
		const waiting = await attemptOnce(v.id);
		expect(Date.parse(waiting.next_attempt_at ?? "")).toBeGreaterThanOrEqual(before + 120_000);
	});

	it.each([
		{ target: "lookup", mode: "500", last: "provider_error" },
		{ target: "token", mode: "500", last: "provider_error" },
		{ target: "token", mode: "hang", last: "provider_timeout" },
	] as const)(
		"$mode at the $target endpoint on every attempt → failed retryable after the attempt limit",
		async ({ target, mode, last }) => {
			isw.fake.configure({ mode, target });
			const v = await submit(passport(0));
			const done = await runUntil(v.id, ["failed", "verified"]);
			expect(done.attempts).toBe(3);
			expect(done.last_error).toMatchObject({ code: "provider_unavailable", retryable: true });
			expect(done.last_error?.message).toContain(`last: ${last}`);
			const events = await json<{ data: { type: string }[] }>(await call(`/api/verifications/${v.id}/events/`));
			expect(events.data.filter((e) => e.type === "verification.attempt_failed")).toHaveLength(3);
			// A later retry, with Interswitch back, is verified.
			isw.fake.configure({ mode: "success" });
			expect((await call(`/api/verifications/${v.id}/retry/`, { body: {} })).status).toBe(202);
			expect((await runUntil(v.id, ["verified", "failed"])).status).toBe("verified");
		},
	);
});
