import { type Command } from "./state-machine";
import { isActive, isInFlight, type VerificationState } from "./types";

/**
 * The one place that decides what a verification's alarm does next, and when it must next wake up. Pure:
 * state and clock in, a step or a time out; the Durable Object only carries the answer out.
 */

/** What falls due: a reducer command, or a provider attempt (which needs I/O between two commands). */
export type DueStep = Extract<Command, { type: "purge" | "expire" | "start" }> | { type: "attempt" };

/** When the verification next needs its Durable Object to wake up, or null once nothing is pending. */
export function nextWakeAt(s: VerificationState): number | null {
	const times: number[] = [];
	if (isInFlight(s.status) && s.nextAttemptAt !== null) times.push(s.nextAttemptAt);
	if (isActive(s.status) && s.expiresAt !== null) times.push(s.expiresAt);
	if (s.purgeAt !== null && s.redactedAt === null) times.push(s.purgeAt);
	return times.length ? Math.min(...times) : null;
}

/**
 * The step due at `now`, most urgent first: purge, then expiry, then the provider (a `submitted` verification is
 * started first; once `processing`, the attempt itself is due). Null when nothing is due yet.
 */
export function dueCommand(s: VerificationState, now: number): DueStep | null {
	if (s.purgeAt !== null && s.redactedAt === null && s.purgeAt <= now) return { type: "purge" };
	if (isActive(s.status) && s.expiresAt !== null && s.expiresAt <= now) return { type: "expire" };
	if (isInFlight(s.status) && (s.nextAttemptAt ?? Number.POSITIVE_INFINITY) <= now) {
		return s.status === "submitted" ? { type: "start" } : { type: "attempt" };
	}
	return null;
}

/**
 * The verification's own clock: real time, plus what a test clock advanced it by (test mode only). Deadlines,
 * polls and purge times are kept on this clock; alarms and outbox retries run on real time.
 */
export const clockOf = (s: VerificationState, realNow: number): number => realNow + s.clockOffsetMs;

/** The next wake-up in real time (what the alarm and the cron sweep see), or null. */
export function realWakeAt(s: VerificationState): number | null {
	const wake = nextWakeAt(s);
	return wake === null ? null : wake - s.clockOffsetMs;
}

/**
 * The verification clock an alarm runs at. An alarm fires at or after the time it was set for, so when that
 * time was the state's wake-up (not an earlier outbox retry) the wake-up counts as reached even if the clock is
 * a little behind; this also lets tests fire alarms early, one step at a time.
 */
export function alarmClock(s: VerificationState, earliestOutboxRetry: number, realNow: number): number {
	const wake = nextWakeAt(s);
	const real = realWakeAt(s);
	const clock = clockOf(s, realNow);
	return wake !== null && real !== null && real <= earliestOutboxRetry ? Math.max(clock, wake) : clock;
}

/**
 * When to set the alarm (real time) after a change: the state's wake-up or the earliest outbox retry, whichever
 * is first; a drain that failed without scheduling its retry comes back in a second. Null: no alarm is needed.
 */
export function nextAlarmAt(
	s: VerificationState,
	outboxRetries: number[],
	drained: boolean,
	now: number,
): number | null {
	const times = [realWakeAt(s), ...outboxRetries].filter((t): t is number => t !== null);
	if (!drained && outboxRetries.length === 0) times.push(now + 1_000);
	return times.length ? Math.min(...times) : null;
}
