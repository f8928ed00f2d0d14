import { describe, expect, it } from "vitest";
import {
	admit,
	type BreakerSettings,
	type BreakerState,
	INITIAL,
	record,
	refusing,
} from "../../src/providers/breaker/policy";

const S: BreakerSettings = { failureThreshold: 3, cooldownMs: 30_000, probeLeaseMs: 11_000 };
const T = 1_000_000;

const fail = (s: BreakerState, now = T) => record(s, false, now, S);
const succeed = (s: BreakerState, now = T) => record(s, true, now, S);
const times = (n: number, s: BreakerState, f: (s: BreakerState) => BreakerState) => {
	let out = s;
	for (let i = 0; i < n; i++) out = f(out);
	return out;
};

describe("breaker policy", () => {
	it("stays closed below the threshold, and a success resets the count", () => {
		const twice = times(2, INITIAL, fail);
		expect(twice).toEqual({ phase: "closed", failures: 2 });
		expect(admit(twice, T, S).admission).toEqual({ allowed: true, probe: false, report: true });
		expect(succeed(twice)).toEqual(INITIAL);
		// With nothing to reset, successes need not be reported (one RPC per call instead of two).
		expect(admit(INITIAL, T, S).admission).toEqual({ allowed: true, probe: false, report: false });
	});

	it("opens at the threshold and refuses calls for the cool-down, saying how long is left", () => {
		const open = times(3, INITIAL, fail);
		expect(open).toEqual({ phase: "open", failures: 3, openUntil: T + 30_000 });
		expect(admit(open, T + 10_000, S).admission).toEqual({ allowed: false, retryAfterMs: 20_000 });
	});

	it("ignores late results while open", () => {
		const open = times(3, INITIAL, fail);
		expect(succeed(open, T + 1)).toEqual(open);
		expect(fail(open, T + 20_000)).toEqual({ ...open, failures: 4 });
	});

	it("after the cool-down admits exactly one probe and holds the rest until its lease ends", () => {
		const open = times(3, INITIAL, fail);
		const first = admit(open, T + 30_000, S);
		expect(first.admission).toEqual({ allowed: true, probe: true, report: true });
		expect(first.state).toEqual({ phase: "half_open", failures: 3, probeUntil: T + 41_000 });
		expect(admit(first.state, T + 31_000, S).admission).toEqual({ allowed: false, retryAfterMs: 10_000 });
		// The probe never reported (its isolate died): the next caller probes.
		expect(admit(first.state, T + 41_000, S).admission).toMatchObject({ allowed: true, probe: true });
	});

	it("closes when the probe succeeds and re-opens for a full cool-down when it fails", () => {
		const { state: probing } = admit(times(3, INITIAL, fail), T + 30_000, S);
		expect(succeed(probing, T + 31_000)).toEqual(INITIAL);
		expect(fail(probing, T + 31_000)).toEqual({ phase: "open", failures: 4, openUntil: T + 61_000 });
	});
});

describe("whether the breaker refuses calls now (a provider's status is down while it does)", () => {
	it.each<[string, BreakerState, number, boolean]>([
		["closed", { phase: "closed", failures: 2 }, T, false],
		["open, in its cool-down", { phase: "open", failures: 3, openUntil: T + 1 }, T, true],
		["open, cool-down over (the next caller probes)", { phase: "open", failures: 3, openUntil: T }, T, false],
		["half-open, probe out", { phase: "half_open", failures: 3, probeUntil: T + 1 }, T, true],
		["half-open, probe lease over", { phase: "half_open", failures: 3, probeUntil: T }, T, false],
	])("%s → %s", (_name, state, now, expected) => {
		expect(refusing(state, now)).toBe(expected);
	});
});
