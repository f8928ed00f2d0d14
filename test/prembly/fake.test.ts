import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { type FakeBehaviour } from "../../scripts/fake-prembly.mjs";
import { loadConfig } from "../../src/config";
import { createProvider } from "../../src/providers/index";
import { callProvider } from "../../src/verification/attempt";
import { type ProviderRequest } from "../../src/verification/provider";
import { until } from "../helpers/wait";
import { premblyBreaker, useFakePrembly } from "./fake";

const prembly = useFakePrembly();
const config = loadConfig(env);

const request = (patch: Partial<ProviderRequest["data"]> = {}): ProviderRequest => ({
	verificationId: "ver_fake",
	data: { passport_number: "A12345670", last_name: "Okafor", date_of_birth: "1990-04-15", ...patch },
	round: 1,
	attempt: 1,
	pendingReference: null,
	memo: {},
});

/** One lookup through the real adapter, its breaker and the fake, under the project's per-call timeout. */
const lookup = (patch: Partial<ProviderRequest["data"]> = {}) =>
	callProvider(createProvider("prembly", config, env), request(patch), config.providerTimeoutMs);

describe("every behaviour of the fake Prembly, and what the adapter makes of it", () => {
	it.each<[string, Partial<FakeBehaviour>, Record<string, unknown>, string]>([
		["success", { mode: "success" }, { kind: "verified", reference: expect.stringMatching(/^prb_/) }, "operational"],
		["a slow answer within the timeout", { mode: "slow", delayMs: 20 }, { kind: "verified" }, "operational"],
		[
			"dob_mismatch",
			{ mode: "dob_mismatch" },
			{ kind: "mismatch", code: "date_of_birth_mismatch", fields: ["date_of_birth"] },
			"operational",
		],
		[
			"not_found (01, status: true)",
			{ mode: "not_found" },
			{ kind: "not_found", code: "passport_not_found" },
			"operational",
		],
		["retry_later (02)", { mode: "retry_later" }, { kind: "unavailable", code: "provider_retry_later" }, "down"],
		[
			"insufficient_funds (03)",
			{ mode: "insufficient_funds" },
			{ kind: "rejected", code: "provider_wallet_empty" },
			"down",
		],
		[
			"payment_required (402)",
			{ mode: "payment_required" },
			{ kind: "rejected", code: "provider_wallet_empty" },
			"down",
		],
		["invalid_key (401)", { mode: "invalid_key" }, { kind: "rejected", code: "provider_credentials_invalid" }, "down"],
		["bad_request (400)", { mode: "bad_request" }, { kind: "rejected", code: "provider_request_rejected" }, "down"],
		["500", { mode: "500" }, { kind: "unavailable", code: "provider_error" }, "down"],
		["503 with Retry-After", { mode: "503", retryAfter: 20 }, { kind: "unavailable", retryAfterMs: 20_000 }, "down"],
		["truncated JSON", { mode: "truncated" }, { kind: "unavailable", code: "provider_bad_response" }, "down"],
		["reset", { mode: "reset" }, { kind: "unavailable", code: "provider_connection_failed" }, "down"],
		[
			"hang → cut off at the per-call timeout",
			{ mode: "hang" },
			{ kind: "unavailable", code: "provider_timeout" },
			"down",
		],
	])("%s", async (_name, behaviour, expected, status) => {
		vi.spyOn(console, "warn").mockImplementation(() => {});
		vi.spyOn(console, "error").mockImplementation(() => {});
		prembly.fake.configure(behaviour);
		expect(await lookup()).toMatchObject(expected);
		expect(prembly.fake.snapshot().counts.lookup).toBe(1);
		// One lookup in the window: its class decides the provider's status. (A timed-out call reports as its aborted
		// request unwinds, just after the attempt ends.)
		await until(async () => (await premblyBreaker().health()).status === status, `prembly is ${status}`);
	});

	it("the date of birth is read from the label: the WAT-midnight epoch would be a day early in UTC", async () => {
		// 1 January: read as UTC, the fake's epoch (midnight WAT) falls on 31 December of the year before.
		expect(await lookup({ date_of_birth: "1990-01-01" })).toMatchObject({ kind: "verified" });
	});

	it("a wallet failure shows Prembly down with its reason until a lookup is answered again", async () => {
		vi.spyOn(console, "error").mockImplementation(() => {});
		prembly.fake.configure({ mode: "insufficient_funds", times: 1 });
		await lookup();
		expect(await premblyBreaker().health()).toMatchObject({
			status: "down",
			reason: "provider_wallet_empty",
			successRate: 0,
			changedAt: expect.any(Number),
		});
		// 10 answered of 11 is under 91 %: degraded; the 11th answer makes it operational.
		for (let i = 0; i < 10; i++) await lookup();
		expect(await premblyBreaker().health()).toMatchObject({ status: "degraded", reason: "low_success_rate" });
		await lookup();
		expect(await premblyBreaker().health()).toMatchObject({ status: "operational", reason: null, successRate: 0.9167 });
	});

	it("a wrong API key is refused by the fake as by Prembly", async () => {
		vi.spyOn(console, "error").mockImplementation(() => {});
		const wrong = loadConfig({ ...env, PREMBLY_API_KEY: "not-the-key" });
		const outcome = await callProvider(createProvider("prembly", wrong, env), request(), wrong.providerTimeoutMs);
		expect(outcome).toMatchObject({ kind: "rejected", code: "provider_credentials_invalid" });
	});
});
