import { describe, expect, it } from "vitest";
import {
	BUCKET_MS,
	type Classification,
	classifyHealth,
	EMPTY_STATUS,
	observe,
	STATUS_WINDOW_MS,
	type StatusRecord,
	settle,
} from "../../src/providers/breaker/status";
import { type AnswerClass } from "../../src/verification/provider";

const T = 1_800_000_000_000; // a minute boundary
type Call = [AnswerClass, string | null, number]; // class, code, ms after T

const replay = (calls: Call[]): StatusRecord =>
	calls.reduce((r, [answer, code, at]) => observe(r, answer, code, T + at), EMPTY_STATUS);
const times = (n: number, call: Call): Call[] => Array.from({ length: n }, () => call);
const ok: Call = ["decided", null, 0];
const pending: Call = ["pending", null, 0];
const fail: Call = ["could_not_answer", "provider_timeout", 0];

describe("provider status: one row per rule", () => {
	it.each<[string, Call[], boolean, number, Classification]>([
		[
			"no lookups in the window: operational, no rate",
			[],
			false,
			0,
			{ status: "operational", successRate: null, reason: null },
		],
		["every lookup answered", times(10, ok), false, 1_000, { status: "operational", successRate: 1, reason: null }],
		[
			"pending counts as answered",
			times(4, pending),
			false,
			1_000,
			{ status: "operational", successRate: 1, reason: null },
		],
		[
			"exactly 91 % answered: operational",
			[...times(91, ok), ...times(9, fail)],
			false,
			1_000,
			{ status: "operational", successRate: 0.91, reason: null },
		],
		[
			"just under 91 %: degraded",
			[...times(90, ok), ...times(10, fail)],
			false,
			1_000,
			{ status: "degraded", successRate: 0.9, reason: "low_success_rate" },
		],
		[
			"exactly 50 %: degraded",
			[...times(5, ok), ...times(5, fail)],
			false,
			1_000,
			{ status: "degraded", successRate: 0.5, reason: "low_success_rate" },
		],
		[
			"under 50 %: down",
			[...times(4, ok), ...times(6, fail)],
			false,
			1_000,
			{ status: "down", successRate: 0.4, reason: "low_success_rate" },
		],
		[
			"a credential failure: down with its code, whatever the rate",
			[...times(50, ok), ["operator", "provider_credentials_invalid", 0]],
			false,
			1_000,
			{ status: "down", successRate: 0.9804, reason: "provider_credentials_invalid" },
		],
		[
			"a wallet failure followed by failures still shows the wallet",
			[["operator", "provider_wallet_empty", 0], fail],
			false,
			1_000,
			{ status: "down", successRate: 0, reason: "provider_wallet_empty" },
		],
		[
			"an answered lookup after the operator failure clears it",
			[["operator", "provider_wallet_empty", 0], ...times(20, ok)],
			false,
			1_000,
			{ status: "operational", successRate: 0.9524, reason: null },
		],
		[
			"the breaker refusing calls: down, circuit_open",
			times(10, ok),
			true,
			1_000,
			{ status: "down", successRate: 1, reason: "circuit_open" },
		],
		[
			"failures older than the window no longer count",
			[...times(10, fail), ["decided", null, STATUS_WINDOW_MS]],
			false,
			STATUS_WINDOW_MS,
			{ status: "operational", successRate: 1, reason: null },
		],
		[
			"failures in the window's oldest minute still count",
			[...times(10, fail), ["decided", null, STATUS_WINDOW_MS - BUCKET_MS]],
			false,
			STATUS_WINDOW_MS - BUCKET_MS,
			{ status: "down", successRate: 0.0909, reason: "low_success_rate" },
		],
		[
			"the window slides while nothing is called",
			times(10, fail),
			false,
			STATUS_WINDOW_MS + 1,
			{ status: "operational", successRate: null, reason: null },
		],
	])("%s", (_rule, calls, refusing, at, expected) => {
		expect(classifyHealth(replay(calls), refusing, T + at)).toEqual(expected);
	});
});

describe("the window's storage stays bounded", () => {
	it("keeps one bucket per minute, at most ten", () => {
		const record = replay(Array.from({ length: 30 }, (_, i): Call => ["decided", null, i * BUCKET_MS]));
		expect(record.buckets).toHaveLength(10);
		expect(record.buckets.map((b) => b.answered)).toEqual(Array(10).fill(1));
	});
});

describe("last change", () => {
	it("changes only when the status does, at the time it is seen", () => {
		const down = classifyHealth(replay(times(3, fail)), false, T);
		const first = settle(EMPTY_STATUS, down, T);
		expect(first).toMatchObject({ status: "down", changedAt: T });
		expect(settle(first, down, T + 5_000)).toBe(first);
		const back = settle(first, { status: "operational", successRate: 1, reason: null }, T + 9_000);
		expect(back).toMatchObject({ status: "operational", changedAt: T + 9_000 });
	});
});
