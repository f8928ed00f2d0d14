import { describe, expect, it } from "vitest";
import { alarmClock, dueCommand, nextAlarmAt, nextWakeAt } from "../../src/verification/schedule";
import { type Status, type VerificationState } from "../../src/verification/types";
import { NOW, state } from "../helpers/states";

const LATER = NOW + 10_000;
const EXPIRES = NOW + 50_000;
const PURGE = NOW + 90_000;

type Row = [string, Status, Partial<VerificationState>, number, string | null];

// One row per rule: state, clock → the step that is due (null: nothing yet).
const due: Row[] = [
	["submitted, attempt due → start", "submitted", {}, NOW, "start"],
	["processing, attempt due → attempt", "processing", {}, NOW, "attempt"],
	["processing, attempt not yet due", "processing", { nextAttemptAt: LATER }, NOW, null],
	["processing, no attempt scheduled", "processing", { nextAttemptAt: null }, NOW, null],
	["processing past its deadline → expire (before the attempt)", "processing", {}, EXPIRES, "expire"],
	["submitted past its deadline → expire", "submitted", {}, EXPIRES, "expire"],
	["requires_action past its deadline → expire", "requires_action", { nextAttemptAt: null }, EXPIRES, "expire"],
	["requires_action never polls", "requires_action", { nextAttemptAt: NOW }, NOW, null],
	["verified ignores a stale attempt time", "verified", { expiresAt: null, purgeAt: PURGE }, NOW, null],
	["failed ignores an old deadline", "failed", { expiresAt: NOW - 1, purgeAt: PURGE }, NOW, null],
	["verified at its purge time → purge", "verified", { purgeAt: PURGE }, PURGE, "purge"],
	["expired at its purge time → purge", "expired", { purgeAt: PURGE }, PURGE, "purge"],
	["already redacted: no purge", "verified", { purgeAt: PURGE, redactedAt: NOW }, PURGE, null],
	["purge outranks an expiry at the same moment", "processing", { purgeAt: EXPIRES }, EXPIRES, "purge"],
];

describe("dueCommand", () => {
	it.each(due)("%s", (_name, status, patch, now, expected) => {
		expect(dueCommand(state(status, patch), now)?.type ?? null).toBe(expected);
	});
});

// State → when its object must next wake (null: never again).
const wake: [string, Status, Partial<VerificationState>, number | null][] = [
	["in flight: the next attempt", "processing", {}, NOW],
	["in flight: the deadline when it comes first", "submitted", { nextAttemptAt: EXPIRES + 1 }, EXPIRES],
	["requires_action: its deadline, not the stale attempt time", "requires_action", {}, EXPIRES],
	["final: the purge", "verified", { purgeAt: PURGE }, PURGE],
	["final and redacted: never", "failed", { purgeAt: PURGE, redactedAt: NOW }, null],
	["final without purge time: never", "expired", { purgeAt: null }, null],
];

describe("nextWakeAt", () => {
	it.each(wake)("%s", (_name, status, patch, expected) => {
		expect(nextWakeAt(state(status, patch))).toBe(expected);
	});
});

describe("alarmClock", () => {
	it("an alarm set for the state's wake-up counts it as reached even if fired early", () => {
		expect(alarmClock(state("processing", { nextAttemptAt: LATER }), Number.POSITIVE_INFINITY, NOW)).toBe(LATER);
	});
	it("an alarm set for an earlier outbox retry runs at the real clock", () => {
		expect(alarmClock(state("processing", { nextAttemptAt: LATER }), NOW + 1, NOW)).toBe(NOW);
	});
	it("never runs behind the real clock", () => {
		expect(alarmClock(state("processing", { nextAttemptAt: NOW - 5 }), Number.POSITIVE_INFINITY, NOW)).toBe(NOW);
	});
});

describe("nextAlarmAt", () => {
	it("the earliest of the wake-up and the outbox retries", () => {
		expect(nextAlarmAt(state("processing", { nextAttemptAt: LATER }), [NOW + 5], true, NOW)).toBe(NOW + 5);
		expect(nextAlarmAt(state("processing", { nextAttemptAt: LATER }), [], true, NOW)).toBe(LATER);
	});
	it("a failed drain with no scheduled retry comes back in a second", () => {
		expect(nextAlarmAt(state("verified", { purgeAt: null }), [], false, NOW)).toBe(NOW + 1_000);
	});
	it("nothing pending: no alarm", () => {
		expect(nextAlarmAt(state("verified", { purgeAt: null }), [], true, NOW)).toBeNull();
	});
});
