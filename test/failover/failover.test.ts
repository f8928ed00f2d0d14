import { afterEach, describe, expect, it, vi } from "vitest";
import { endBreakerCooldown } from "../helpers/scenarios";
import { breaker as interswitchBreaker } from "../interswitch/fake";
import { premblyBreaker } from "../prembly/fake";
import { config, person, steps, Verification } from "./attempts";
import { useFakeProviders } from "./fakes";

const fakes = useFakeProviders();
const lookups = () => ({
	interswitch: fakes.interswitch.snapshot().counts.lookup,
	prembly: fakes.prembly.snapshot().counts.lookup,
});

afterEach(() => {
	vi.restoreAllMocks();
});

/** Silences the expected warnings and alerts; returns the error-level lines' spy. */
const quiet = () => {
	vi.spyOn(console, "warn").mockImplementation(() => {});
	return vi.spyOn(console, "error").mockImplementation(() => {});
};

describe("failover between Interswitch and Prembly (PROVIDERS=interswitch,prembly)", () => {
	it("both up: Interswitch decides, Prembly is never asked, the happy path adds no row", async () => {
		const v = new Verification(person());
		expect(steps(await v.attempt())).toEqual([["verification.verified", "interswitch", null]]);
		expect(v.state).toMatchObject({ status: "verified", provider: "interswitch", attempts: 1 });
		expect(lookups()).toEqual({ interswitch: 1, prembly: 0 });
	});

	it.each([
		["answers 500", { mode: "500" as const }, "provider_error"],
		["hangs (cut off at its own timeout)", { mode: "hang" as const }, "provider_timeout"],
		["drops the connection", { mode: "reset" as const }, "provider_connection_failed"],
		["sends truncated JSON", { mode: "malformed" as const }, "provider_bad_response"],
	])("primary %s → Prembly decides within the same attempt, no backoff wait", async (_name, fault, code) => {
		quiet();
		fakes.interswitch.configure(fault);
		const v = new Verification(person());
		const entries = await v.attempt();
		expect(v.state).toMatchObject({
			status: "verified",
			provider: "prembly",
			attempts: 1,
			failures: 0,
			nextAttemptAt: null,
		});
		expect(steps(entries)).toEqual([
			["verification.attempt_failed", "interswitch", "could_not_answer"],
			["verification.verified", "prembly", null],
		]);
		expect(entries[0]?.data).toMatchObject({
			attempt: 1,
			last_error: { code, retryable: true },
			duration_ms: expect.any(Number),
		});
		expect(entries[1]?.data).toMatchObject({ duration_ms: expect.any(Number) });
		expect(lookups().prembly).toBe(1);
	});

	it.each([
		["a date-of-birth mismatch", { mode: "mismatch" as const }, "requires_action", "date_of_birth_mismatch"],
		["not found", { mode: "not_found" as const }, "failed", "passport_not_found"],
	])("primary says %s → that is the answer; Prembly is never asked", async (_name, behaviour, status, code) => {
		fakes.interswitch.configure(behaviour);
		const v = new Verification(person());
		await v.attempt();
		expect(v.state).toMatchObject({ status, provider: "interswitch" });
		expect(v.state.requiredAction?.code ?? v.state.lastError?.code).toBe(code);
		expect(lookups()).toEqual({ interswitch: 1, prembly: 0 });
	});

	it("Interswitch's credentials refused (an operator problem) → Prembly decides; Interswitch shows down with that reason", async () => {
		quiet();
		fakes.interswitch.configure({ mode: "invalid_credentials" });
		const v = new Verification(person());
		const entries = await v.attempt();
		expect(v.state).toMatchObject({ status: "verified", provider: "prembly" });
		expect(steps(entries)[0]).toEqual(["verification.attempt_failed", "interswitch", "operator"]);
		expect(await interswitchBreaker().health()).toMatchObject({
			status: "down",
			reason: "provider_credentials_invalid",
		});
	});
});

describe("failover from Prembly to Interswitch (the order is configuration)", () => {
	const preferPrembly = ["prembly", "interswitch"] as const;

	it("Prembly's 02 (retry later) → Interswitch decides in the same attempt", async () => {
		quiet();
		fakes.prembly.configure({ mode: "retry_later" });
		const v = new Verification(person(), preferPrembly);
		const entries = await v.attempt();
		expect(v.state).toMatchObject({ status: "verified", provider: "interswitch", attempts: 1 });
		expect(entries[0]?.data).toMatchObject({ provider: "prembly", last_error: { code: "provider_retry_later" } });
	});

	it.each([
		["03 (insufficient wallet balance)", "insufficient_funds" as const],
		["HTTP 402", "payment_required" as const],
	])("Prembly's %s → Interswitch decides; Prembly shows down with provider_wallet_empty", async (_name, mode) => {
		const errors = quiet();
		fakes.prembly.configure({ mode });
		const v = new Verification(person(), preferPrembly);
		const entries = await v.attempt();
		expect(v.state).toMatchObject({ status: "verified", provider: "interswitch" });
		expect(steps(entries)).toEqual([
			["verification.attempt_failed", "prembly", "operator"],
			["verification.verified", "interswitch", null],
		]);
		expect(await premblyBreaker().health()).toMatchObject({ status: "down", reason: "provider_wallet_empty" });
		// The operator is alerted, with a hint and no personal data.
		const alerts = errors.mock.calls.map((c) => String(c[0]));
		expect(alerts.some((l) => l.includes("prembly.operator_action_required") && l.includes('"alert":true'))).toBe(true);
		expect(alerts.join("\n")).not.toContain(v.data.passport_number);
	});

	it("Prembly's mismatch → requires_action from Prembly; Interswitch is never asked", async () => {
		fakes.prembly.configure({ mode: "dob_mismatch" });
		const v = new Verification(person(), preferPrembly);
		await v.attempt();
		expect(v.state).toMatchObject({ status: "requires_action", provider: "prembly" });
		expect(lookups()).toEqual({ interswitch: 0, prembly: 1 });
	});
});

describe("both down", () => {
	it("waits visibly (processing, last_error, next attempt) then fails retryably at the attempt limit", async () => {
		quiet();
		fakes.interswitch.configure({ mode: "500" });
		fakes.prembly.configure({ mode: "503" });
		const v = new Verification(person());
		for (let attempt = 1; attempt < config.maxAttempts; attempt++) {
			const entries = await v.attempt();
			expect(v.state).toMatchObject({
				status: "processing",
				attempts: attempt,
				lastError: { code: "provider_unavailable", retryable: true },
			});
			expect(v.state.lastError?.message).toContain("interswitch (provider_error), prembly (provider_error)");
			expect(v.state.nextAttemptAt).toBeGreaterThan(v.state.updatedAt);
			expect(v.state.estimatedCompletionAt).toBe(v.state.nextAttemptAt);
			expect(steps(entries)).toEqual([
				["verification.attempt_failed", "interswitch", "could_not_answer"],
				["verification.attempt_failed", "prembly", "could_not_answer"],
			]);
		}
		const last = await v.attempt();
		expect(v.state).toMatchObject({
			status: "failed",
			attempts: config.maxAttempts,
			lastError: { code: "provider_unavailable", retryable: true },
		});
		expect(steps(last).map(([type]) => type)).toEqual([
			"verification.attempt_failed",
			"verification.attempt_failed",
			"verification.failed",
		]);
	});
});

describe("the breaker steers new attempts", () => {
	const THRESHOLD = config.breaker.failureThreshold;

	/** Opens Interswitch's breaker the way production does: THRESHOLD failed lookups in a row (each failing over). */
	async function openInterswitch() {
		fakes.interswitch.configure({ mode: "500" });
		for (let i = 0; i < THRESHOLD; i++) await new Verification(person()).attempt();
		expect((await interswitchBreaker().status()).state.phase).toBe("open");
		expect(await interswitchBreaker().health()).toMatchObject({ status: "down", reason: "circuit_open" });
	}

	it("open on the primary → new verifications go straight to the secondary, no call to the primary", async () => {
		quiet();
		await openInterswitch();
		const before = lookups();
		const v = new Verification(person());
		const entries = await v.attempt();
		expect(v.state).toMatchObject({ status: "verified", provider: "prembly", attempts: 1 });
		expect(lookups()).toEqual({ interswitch: before.interswitch, prembly: before.prembly + 1 });
		expect(entries[0]?.data).toMatchObject({ provider: "interswitch", last_error: { code: "provider_unavailable" } });
	});

	it("the primary recovers → after the cool-down its probe succeeds and it is preferred again", async () => {
		quiet();
		await openInterswitch();
		fakes.interswitch.configure({ mode: "success" });
		await endBreakerCooldown(interswitchBreaker());
		const before = lookups();
		const probe = new Verification(person());
		await probe.attempt();
		expect(probe.state).toMatchObject({ status: "verified", provider: "interswitch" });
		expect((await interswitchBreaker().status()).state).toEqual({ phase: "closed", failures: 0 });
		const next = new Verification(person());
		await next.attempt();
		expect(next.state).toMatchObject({ status: "verified", provider: "interswitch" });
		expect(lookups()).toEqual({ interswitch: before.interswitch + 2, prembly: before.prembly });
	});
});

describe("test mode's failover input (the sandbox pair)", () => {
	it("FAILOVER…: sandbox could not answer, sandbox_backup decides in the same attempt", async () => {
		quiet();
		const v = new Verification(person({ passport_number: "FAILOVER0" }), ["sandbox", "sandbox_backup"], false);
		expect(steps(await v.attempt())).toEqual([
			["verification.attempt_failed", "sandbox", "could_not_answer"],
			["verification.verified", "sandbox_backup", null],
		]);
		expect(v.state).toMatchObject({ status: "verified", provider: "sandbox_backup", attempts: 1 });
	});

	it("a pending answer is polled at the provider holding it, not the first in the list", async () => {
		quiet();
		const v = new Verification(person({ passport_number: "FAILOVER6" }), ["sandbox", "sandbox_backup"], false);
		await v.attempt();
		expect(v.state).toMatchObject({
			status: "processing",
			provider: "sandbox_backup",
			pendingProvider: "sandbox_backup",
		});
		const poll = await v.attempt();
		// Only sandbox_backup was asked: no failed call to `sandbox` on the poll.
		expect(steps(poll)).toEqual([["verification.verified", "sandbox_backup", null]]);
		expect(v.state).toMatchObject({ status: "verified", attempts: 2, pendingProvider: null });
	});

	it("other inputs: the first sandbox decides as it always did", async () => {
		const v = new Verification(person({ passport_number: "A12345672" }), ["sandbox", "sandbox_backup"], false);
		await v.attempt();
		expect(v.state).toMatchObject({ status: "requires_action", provider: "sandbox" });
	});
});
