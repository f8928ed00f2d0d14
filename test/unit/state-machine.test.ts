import { describe, expect, it } from "vitest";
import { type AnswerClass, type ProviderCall, type ProviderOutcome } from "../../src/verification/provider";
import { type LastErrorCode } from "../../src/verification/reasons";
import { type Command, reduce } from "../../src/verification/state-machine";
import { backoffMs } from "../../src/verification/transition";
import { type Status, type VerificationState } from "../../src/verification/types";
import { NOW, policy, state, tick } from "../helpers/states";

const outcome = (o: ProviderOutcome): Command => ({ type: "provider_outcome", outcome: o });
const verified = outcome({ kind: "verified", result: { passport_number: "match" } });
const mismatch = outcome({
	kind: "mismatch",
	code: "date_of_birth_mismatch",
	message: "dob",
	fields: ["date_of_birth"],
	result: { date_of_birth: "mismatch" },
});
const notFound = outcome({ kind: "not_found", code: "passport_not_found", message: "no" });
const rejected = outcome({ kind: "rejected", code: "provider_credentials_invalid", message: "creds", retryable: true });
const retry: Command = { type: "retry", correctedFields: ["date_of_birth"] };

// [from, command label, command, expected status or "illegal"]
const table: [Status, string, Command, Status | "illegal"][] = [
	["submitted", "start", { type: "start" }, "processing"],
	["submitted", "expire", { type: "expire" }, "expired"],
	["submitted", "retry", retry, "illegal"],
	["submitted", "verified answer", verified, "illegal"],
	["submitted", "redact", { type: "redact" }, "illegal"],
	["processing", "verified answer", verified, "verified"],
	["processing", "mismatch answer", mismatch, "requires_action"],
	["processing", "not found answer", notFound, "failed"],
	["processing", "rejected answer", rejected, "failed"],
	["processing", "expire", { type: "expire" }, "expired"],
	["processing", "start", { type: "start" }, "illegal"],
	["processing", "retry", retry, "illegal"],
	["processing", "redact", { type: "redact" }, "illegal"],
	[
		"submitted",
		"defer",
		{ type: "defer", code: "provider_quota_exceeded", message: "q", delayMs: 1, jitterMs: 0 },
		"illegal",
	],
	["requires_action", "retry with correction", retry, "submitted"],
	["requires_action", "expire", { type: "expire" }, "expired"],
	["requires_action", "start", { type: "start" }, "illegal"],
	["requires_action", "verified answer", verified, "illegal"],
	["failed", "retry (retryable)", retry, "submitted"],
	["failed", "expire", { type: "expire" }, "illegal"],
	["failed", "start", { type: "start" }, "illegal"],
	["failed", "verified answer", verified, "illegal"],
	["expired", "retry", retry, "submitted"],
	["expired", "expire", { type: "expire" }, "illegal"],
	["expired", "start", { type: "start" }, "illegal"],
	["verified", "retry", retry, "illegal"],
	["verified", "expire", { type: "expire" }, "illegal"],
	["verified", "start", { type: "start" }, "illegal"],
	["verified", "verified answer", verified, "illegal"],
];

describe("reducer transition table", () => {
	it.each(table)("%s + %s → %s", (from, _label, command, expected) => {
		const before = state(from);
		const t = reduce(before, command, tick);
		if (expected === "illegal") {
			expect(t.ok).toBe(false);
			if (!t.ok) {
				expect(t.error.code).toBe("invalid_state");
				expect(t.error.extra).toEqual({ current_status: from });
			}
			return;
		}
		expect(t.ok).toBe(true);
		if (!t.ok) return;
		expect(t.state.status).toBe(expected);
		expect(t.state.version).toBe(before.version + 1);
		const statusEntries = t.entries.filter((e) => e.statusChange);
		expect(statusEntries).toEqual([
			expect.objectContaining({ type: `verification.${expected}`, previousStatus: from }),
		]);
	});

	it("a non-retryable failure is final", () => {
		const t = reduce(
			state("failed", { lastError: { code: "passport_not_found", message: "no", retryable: false } }),
			retry,
			tick,
		);
		expect(t.ok).toBe(false);
	});

	it("requires_action needs a correction of a named field", () => {
		const t = reduce(state("requires_action"), { type: "retry", correctedFields: ["last_name"] }, tick);
		expect(t.ok).toBe(false);
		if (!t.ok) expect(t.error.code).toBe("validation_failed");
	});

	it("a redacted verification cannot be retried", () => {
		const t = reduce(state("expired", { redactedAt: NOW - 1 }), retry, tick);
		expect(t.ok).toBe(false);
	});

	it("retry resets the round and sets a fresh deadline", () => {
		const t = reduce(state("failed", { attempts: 4, failures: 4 }), retry, tick);
		expect(t.ok && t.state).toMatchObject({
			status: "submitted",
			round: 2,
			attempts: 0,
			failures: 0,
			lastError: null,
			expiresAt: NOW + policy.verificationDeadlineMs,
			nextAttemptAt: NOW,
		});
	});

	it("final states schedule the personal-data purge; requires_action sets the action deadline", () => {
		const v = reduce(state("processing"), verified, tick);
		expect(v.ok && v.state.purgeAt).toBe(NOW + policy.retentionMs);
		const r = reduce(state("processing"), mismatch, tick);
		expect(r.ok && r.state.expiresAt).toBe(NOW + policy.actionDeadlineMs);
		expect(r.ok && r.state.purgeAt).toBeNull();
	});
});

describe("provider unavailability", () => {
	const down = outcome({ kind: "unavailable", code: "provider_unavailable", message: "down" });

	it("stays processing, says so, and backs off", () => {
		const t = reduce(state("processing", { failures: 0, attempts: 0 }), down, tick);
		expect(t.ok).toBe(true);
		if (!t.ok) return;
		expect(t.state).toMatchObject({ status: "processing", version: 4, attempts: 1, failures: 1 });
		expect(t.state.lastError).toEqual({ code: "provider_unavailable", message: "down", retryable: true });
		expect(t.state.nextAttemptAt).toBe(NOW + backoffMs(1, tick));
		expect(t.entries).toEqual([expect.objectContaining({ type: "verification.attempt_failed", statusChange: false })]);
	});

	it("fails retryable after the attempt limit", () => {
		const t = reduce(state("processing", { failures: policy.maxAttempts - 1 }), down, tick);
		expect(t.ok && t.state.status).toBe("failed");
		expect(t.ok && t.state.lastError).toMatchObject({ code: "provider_unavailable", retryable: true });
	});

	it("honours the provider's Retry-After when longer than the backoff", () => {
		const slow = outcome({ kind: "unavailable", code: "provider_rate_limited", message: "429", retryAfterMs: 30_000 });
		const t = reduce(state("processing"), slow, tick);
		expect(t.ok && t.state.nextAttemptAt).toBe(NOW + 30_000);
	});

	it("a deferred attempt stays processing, says why, and is not counted as a provider failure", () => {
		const t = reduce(
			state("processing", { failures: 2 }),
			{ type: "defer", code: "provider_quota_exceeded", message: "q", delayMs: 60_000, jitterMs: 30_000 },
			{ ...tick, random: 0 },
		);
		expect(t.ok && t.state).toMatchObject({
			status: "processing",
			version: 4,
			failures: 2,
			attempts: 1,
			nextAttemptAt: NOW + 60_000,
		});
		expect(t.ok && t.state.lastError?.code).toBe("provider_quota_exceeded");
	});

	it("a deferral writes no history, and its wait is jittered: the delay plus up to the jitter, at random", () => {
		const defer = { type: "defer", code: "provider_quota_exceeded", message: "q", delayMs: 60_000, jitterMs: 30_000 };
		const at = (random: number) => {
			const t = reduce(state("processing"), defer as Command, { ...tick, random });
			return t.ok ? { next: t.state.nextAttemptAt, entries: t.entries } : null;
		};
		expect(at(0)).toEqual({ next: NOW + 60_000, entries: [] });
		expect(at(0.5)).toEqual({ next: NOW + 75_000, entries: [] });
		expect(at(0.999)).toEqual({ next: NOW + 89_970, entries: [] });
	});

	it("pending answers keep processing and schedule a poll", () => {
		const t = reduce(state("processing"), outcome({ kind: "pending", reference: "r1", retryAfterMs: 2_000 }), tick);
		expect(t.ok && t.state).toMatchObject({ status: "processing", version: 4, providerReference: "r1" });
		expect(t.ok && t.state.nextAttemptAt).toBeGreaterThanOrEqual(NOW + 2_000);
	});
});

describe("backoff", () => {
	it("grows exponentially, is capped, and jitters within [half, full]", () => {
		const at = (step: number, random: number) => backoffMs(step, { ...tick, random });
		expect(at(1, 0)).toBe(500);
		expect(at(1, 1)).toBe(1_000);
		expect(at(3, 1)).toBe(4_000);
		expect(at(20, 1)).toBe(60_000);
		expect(at(20, 0)).toBe(30_000);
	});
});

describe("answers from the failover chain: every call on the timeline, the decider named", () => {
	const call = (provider: string, answer: AnswerClass, durationMs: number, code?: LastErrorCode): ProviderCall =>
		code ? { provider, answer, durationMs, error: { code, message: code } } : { provider, answer, durationMs };
	const timedOut = call("interswitch", "could_not_answer", 1_000, "provider_timeout");
	const walletEmpty = call("prembly", "operator", 12, "provider_wallet_empty");
	const chained = (o: ProviderOutcome, calls: ProviderCall[], provider?: string): Command =>
		outcome({ ...o, calls, ...(provider ? { provider } : {}) });
	const down = { kind: "unavailable", code: "provider_unavailable", message: "none" } as const;

	// [rule, state before, command, status after, state fields after, timeline: [type, data subset][]]
	it.each<[string, Partial<VerificationState>, Command, Status, Partial<VerificationState>, [string, object][]]>([
		[
			"one call answers: its provider and duration ride on the status change, no extra row",
			{},
			chained({ kind: "verified", result: {} }, [call("interswitch", "decided", 300)], "interswitch"),
			"verified",
			{ provider: "interswitch", attempts: 2 },
			[["verification.verified", { provider: "interswitch", duration_ms: 300, last_error: null }]],
		],
		[
			"primary times out, secondary decides: one failed step, then the decision naming the secondary",
			{},
			chained({ kind: "verified", result: {} }, [timedOut, call("prembly", "decided", 250)], "prembly"),
			"verified",
			{ provider: "prembly", attempts: 2, failures: 0 },
			[
				[
					"verification.attempt_failed",
					{
						attempt: 2,
						provider: "interswitch",
						answer: "could_not_answer",
						duration_ms: 1_000,
						last_error: { code: "provider_timeout", message: "provider_timeout", retryable: true },
					},
				],
				["verification.verified", { provider: "prembly", duration_ms: 250 }],
			],
		],
		[
			"a mismatch from the secondary asks for action, naming it",
			{},
			chained(
				{ kind: "mismatch", code: "date_of_birth_mismatch", message: "dob", fields: ["date_of_birth"], result: {} },
				[timedOut, call("prembly", "decided", 90)],
				"prembly",
			),
			"requires_action",
			{ provider: "prembly" },
			[
				["verification.attempt_failed", { provider: "interswitch" }],
				["verification.requires_action", { provider: "prembly", duration_ms: 90 }],
			],
		],
		[
			"pending at the secondary: it holds the lookup (polled there), no row for the pending call",
			{},
			chained(
				{ kind: "pending", reference: "pr_1", retryAfterMs: 1_000 },
				[timedOut, call("prembly", "pending", 70)],
				"prembly",
			),
			"processing",
			{ provider: "prembly", pendingProvider: "prembly", providerReference: "pr_1", failures: 0 },
			[["verification.attempt_failed", { provider: "interswitch" }]],
		],
		[
			"the poll decides: the holder is forgotten with the reference",
			{ providerReference: "pr_1", pendingProvider: "prembly", provider: "prembly" },
			chained({ kind: "verified", result: {} }, [call("prembly", "decided", 40)], "prembly"),
			"verified",
			{ provider: "prembly", pendingProvider: null, providerReference: null },
			[["verification.verified", { provider: "prembly", duration_ms: 40 }]],
		],
		[
			"no provider answered: one failed step per call, the attempt counted once",
			{ failures: 0 },
			chained(down, [timedOut, call("prembly", "could_not_answer", 800, "provider_retry_later")]),
			"processing",
			{
				provider: "sandbox",
				attempts: 2,
				failures: 1,
				lastError: { code: "provider_unavailable", message: "none", retryable: true },
			},
			[
				["verification.attempt_failed", { provider: "interswitch", answer: "could_not_answer" }],
				[
					"verification.attempt_failed",
					{ provider: "prembly", last_error: expect.objectContaining({ code: "provider_retry_later" }) },
				],
			],
		],
		[
			"no provider answered at the attempt limit: the failed steps, then failed (retryable)",
			{ failures: 2 },
			chained(down, [timedOut, call("prembly", "could_not_answer", 800, "provider_error")]),
			"failed",
			{ lastError: expect.objectContaining({ code: "provider_unavailable", retryable: true }) },
			[
				["verification.attempt_failed", { provider: "interswitch" }],
				["verification.attempt_failed", { provider: "prembly" }],
				["verification.failed", { last_error: expect.objectContaining({ code: "provider_unavailable" }) }],
			],
		],
		[
			"every provider refused us: failed retryably at once, nobody named as decider",
			{},
			chained(
				{ kind: "rejected", code: "provider_credentials_invalid", message: "c", retryable: true, operator: true },
				[call("interswitch", "operator", 20, "provider_credentials_invalid"), walletEmpty],
			),
			"failed",
			{ provider: "sandbox", lastError: { code: "provider_credentials_invalid", message: "c", retryable: true } },
			[
				["verification.attempt_failed", { provider: "interswitch", answer: "operator" }],
				["verification.attempt_failed", { provider: "prembly", answer: "operator" }],
				["verification.failed", { last_error: expect.objectContaining({ code: "provider_credentials_invalid" }) }],
			],
		],
	])("%s", (_rule, before, command, status, after, timeline) => {
		const t = reduce(state("processing", before), command, tick);
		expect(t.ok).toBe(true);
		if (!t.ok) return;
		expect(t.state.status).toBe(status);
		expect(t.state).toMatchObject(after);
		expect(t.entries.map((e) => [e.type, e.data])).toEqual(
			timeline.map(([type, data]) => [type, expect.objectContaining(data)]),
		);
	});

	it("a retry forgets which provider held a pending lookup", () => {
		const t = reduce(state("failed", { providerReference: "pr_1", pendingProvider: "prembly" }), retry, tick);
		expect(t.ok && t.state).toMatchObject({ status: "submitted", providerReference: null, pendingProvider: null });
	});
});
