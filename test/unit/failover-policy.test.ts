import { describe, expect, it } from "vitest";
import {
	CHAIN_MARGIN_MS,
	callRecord,
	candidates,
	chainTimeoutMs,
	classify,
	type Failure,
	failsOver,
	noAnswer,
} from "../../src/verification/failover-policy";
import { type AnswerClass, type ProviderOutcome } from "../../src/verification/provider";
import { type LastErrorCode } from "../../src/verification/reasons";

const verified: ProviderOutcome = { kind: "verified", result: { passport_number: "match" } };
const mismatch: ProviderOutcome = {
	kind: "mismatch",
	code: "date_of_birth_mismatch",
	message: "dob",
	fields: ["date_of_birth"],
	result: { date_of_birth: "mismatch" },
};
const notFound: ProviderOutcome = { kind: "not_found", code: "passport_not_found", message: "no" };
const incomplete: ProviderOutcome = {
	kind: "rejected",
	code: "registry_record_incomplete",
	message: "no dob",
	retryable: false,
};
const unreadable: ProviderOutcome = {
	kind: "rejected",
	code: "personal_data_unreadable",
	message: "key gone",
	retryable: false,
};
const pending: ProviderOutcome = { kind: "pending", reference: "r1", retryAfterMs: 1_000 };
const timeout: ProviderOutcome = { kind: "unavailable", code: "provider_timeout", message: "slow" };
const serverError: ProviderOutcome = {
	kind: "unavailable",
	code: "provider_error",
	message: "503",
	retryAfterMs: 20_000,
};
const retryLater: ProviderOutcome = { kind: "unavailable", code: "provider_retry_later", message: "02" };
const breakerOpen: ProviderOutcome = {
	kind: "unavailable",
	code: "provider_unavailable",
	message: "paused",
	retryAfterMs: 5_000,
};
const malformed: ProviderOutcome = { kind: "unavailable", code: "provider_bad_response", message: "truncated" };
const op = (code: LastErrorCode): ProviderOutcome => ({
	kind: "rejected",
	code,
	message: code,
	retryable: true,
	operator: true,
});

describe("classify: one row per rule", () => {
	it.each<[string, ProviderOutcome, AnswerClass, boolean]>([
		["verified: an answer about the person", verified, "decided", false],
		["mismatch: an answer about the person", mismatch, "decided", false],
		["not found: an answer about the person", notFound, "decided", false],
		["a rejection of the record (no date of birth on file)", incomplete, "decided", false],
		["nothing to look up (personal data unreadable)", unreadable, "decided", false],
		["pending: polled later at the same provider", pending, "pending", false],
		["timeout", timeout, "could_not_answer", true],
		["5xx", serverError, "could_not_answer", true],
		["Prembly 02 (retry later)", retryLater, "could_not_answer", true],
		["breaker open (no call made)", breakerOpen, "could_not_answer", true],
		["malformed reply", malformed, "could_not_answer", true],
		["401 invalid credentials", op("provider_credentials_invalid"), "operator", true],
		["402 / 03 wallet empty", op("provider_wallet_empty"), "operator", true],
		["not configured", op("provider_not_configured"), "operator", true],
	])("%s → %s (fails over: %s)", (_name, outcome, answer, over) => {
		expect(classify(outcome)).toBe(answer);
		expect(failsOver(answer)).toBe(over);
	});
});

describe("which providers an attempt may ask", () => {
	it.each<[string, string | null | undefined, string[]]>([
		["a first attempt: the whole list, in order", null, ["interswitch", "prembly"]],
		["state from before failover: the whole list", undefined, ["interswitch", "prembly"]],
		["a poll: only the provider holding the lookup", "prembly", ["prembly"]],
		["a poll held by a provider since removed from the list: still only it", "sandbox", ["sandbox"]],
	])("%s", (_name, holder, expected) => {
		expect(candidates(["interswitch", "prembly"], holder)).toEqual(expected);
	});
});

describe("each call's record", () => {
	it.each<[string, ProviderOutcome, number, object]>([
		["an answer: class and rounded duration, no error", verified, 812.6, { answer: "decided", durationMs: 813 }],
		["pending: no error", pending, 40, { answer: "pending", durationMs: 40 }],
		[
			"could not answer: its code and message",
			timeout,
			1_000,
			{ answer: "could_not_answer", durationMs: 1_000, error: { code: "provider_timeout", message: "slow" } },
		],
		[
			"operator: its code and message",
			op("provider_wallet_empty"),
			3,
			{ answer: "operator", error: { code: "provider_wallet_empty", message: "provider_wallet_empty" } },
		],
		["a clock that stepped back: never negative", verified, -5, { durationMs: 0 }],
	])("%s", (_name, outcome, ms, expected) => {
		const call = callRecord("prembly", outcome, ms);
		expect(call).toMatchObject({ provider: "prembly", ...expected });
		if (!("error" in expected)) expect(call).not.toHaveProperty("error");
	});
});

const f = (provider: string, outcome: ProviderOutcome): Failure => ({ provider, outcome });

describe("the attempt's outcome when no provider answered", () => {
	it.each<[string, Failure[], ProviderOutcome]>([
		["one provider: its own outcome, unchanged", [f("interswitch", serverError)], serverError],
		[
			"one provider refusing us: its refusal (fails retryably at once, no retry loop)",
			[f("interswitch", op("provider_credentials_invalid"))],
			op("provider_credentials_invalid"),
		],
		[
			"every provider refusing us: the first refusal",
			[f("interswitch", op("provider_credentials_invalid")), f("prembly", op("provider_wallet_empty"))],
			op("provider_credentials_invalid"),
		],
		[
			"all could not answer: unavailable naming each, no wait hint unless every one gave one",
			[f("interswitch", timeout), f("prembly", serverError)],
			{
				kind: "unavailable",
				code: "provider_unavailable",
				message: "No provider could answer: interswitch (provider_timeout), prembly (provider_error).",
			},
		],
		[
			"all could not answer, each saying when: the soonest",
			[f("interswitch", breakerOpen), f("prembly", serverError)],
			{
				kind: "unavailable",
				code: "provider_unavailable",
				message: "No provider could answer: interswitch (provider_unavailable), prembly (provider_error).",
				retryAfterMs: 5_000,
			},
		],
		[
			"one refusing us, one could not answer: unavailable (the other may come back), its wait",
			[f("interswitch", op("provider_credentials_invalid")), f("prembly", serverError)],
			{
				kind: "unavailable",
				code: "provider_unavailable",
				message: "No provider could answer: interswitch (provider_credentials_invalid), prembly (provider_error).",
				retryAfterMs: 20_000,
			},
		],
	])("%s", (_name, failures, expected) => {
		expect(noAnswer(failures)).toEqual(expected);
	});
});

describe("an attempt's deadline covers each provider's timeout in turn", () => {
	it.each<[number, number, number]>([
		[1, 10_000, 10_000 + CHAIN_MARGIN_MS],
		[2, 10_000, 20_000 + CHAIN_MARGIN_MS],
		[3, 1_000, 3_000 + CHAIN_MARGIN_MS],
		[0, 10_000, 10_000 + CHAIN_MARGIN_MS],
	])("%i providers × %i ms → %i ms", (n, per, total) => {
		expect(chainTimeoutMs(n, per)).toBe(total);
	});
});
