import { type DomainErrorData, domainError } from "../errors";
import {
	FINAL_STATUSES,
	type Status,
	type TimelineEntryType,
	type TimelineStepType,
	type VerificationState,
} from "./types";

/** The reducer's building blocks: its inputs (policy, clock), its outputs (transitions, history entries), timing. */

/** Timing rules the reducer applies; resolved from config once. */
export interface Policy {
	verificationDeadlineMs: number;
	actionDeadlineMs: number;
	backoffBaseMs: number;
	backoffMaxMs: number;
	maxAttempts: number;
	retentionMs: number;
}

/** Inputs that make the reducer pure: the clock and a random number in [0, 1) for jitter. */
export interface Tick {
	now: number;
	random: number;
	policy: Policy;
}

/** A history row to record; `statusChange` rows become webhook events. */
export interface Entry {
	type: TimelineEntryType;
	statusChange: boolean;
	previousStatus: Status | null;
	data: Record<string, unknown>;
}

export type Transition =
	| { ok: true; state: VerificationState; entries: Entry[] }
	| { ok: false; error: DomainErrorData };

/** Exponential backoff with equal jitter, capped: half the step fixed, half random. */
export function backoffMs(step: number, tick: Tick): number {
	const { backoffBaseMs, backoffMaxMs } = tick.policy;
	const raw = Math.min(backoffMaxMs, backoffBaseMs * 2 ** Math.max(0, step - 1));
	return Math.round(raw / 2 + (raw / 2) * tick.random);
}

/**
 * How long to wait before polling a lookup the provider keeps answering "pending": exponential with jitter and,
 * unlike failure backoff, allowed to grow toward the deadline (at most half the time left, never below the
 * backoff cap), so a lookup that never decides costs a few dozen polls per deadline, not one every few seconds.
 */
export function pollWaitMs(state: VerificationState, poll: number, tick: Tick): number {
	const { backoffBaseMs, backoffMaxMs } = tick.policy;
	const remaining = state.expiresAt === null ? backoffMaxMs : state.expiresAt - tick.now;
	const raw = Math.min(Math.max(backoffMaxMs, remaining / 2), backoffBaseMs * 2 ** Math.max(0, poll - 1));
	return Math.round(raw / 2 + (raw / 2) * tick.random);
}

export function moveTo(
	state: VerificationState,
	to: Status,
	tick: Tick,
	patch: Partial<VerificationState>,
): Transition {
	const final = FINAL_STATUSES.has(to);
	const next: VerificationState = {
		...state,
		...patch,
		status: to,
		version: state.version + 1,
		updatedAt: tick.now,
		finalizedAt: final ? tick.now : null,
		purgeAt: final ? tick.now + tick.policy.retentionMs : null,
	};
	if (final || to === "requires_action") {
		next.nextAttemptAt = null;
		next.estimatedCompletionAt = null;
		next.providerReference = null;
		next.pendingProvider = null;
	}
	const entry: Entry = {
		type: `verification.${to}`,
		statusChange: true,
		previousStatus: state.status,
		data: { last_error: next.lastError, required_action: next.requiredAction },
	};
	return { ok: true, state: next, entries: [entry] };
}

export function stay(
	state: VerificationState,
	tick: Tick,
	patch: Partial<VerificationState>,
	entry?: Entry,
): Transition {
	return { ok: true, state: { ...state, ...patch, updatedAt: tick.now }, entries: entry ? [entry] : [] };
}

export const refuse = (error: DomainErrorData): Transition => ({ ok: false, error });

export const invalidState = (state: VerificationState, message: string): Transition =>
	refuse(domainError("invalid_state", message, { extra: { current_status: state.status } }));

export const illegal = (state: VerificationState, action: string): Transition =>
	invalidState(state, `Cannot ${action} a verification in status '${state.status}'.`);

export const historyStep = (type: TimelineStepType): Entry => ({
	type,
	statusChange: false,
	previousStatus: null,
	data: {},
});
