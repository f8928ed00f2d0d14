import { type DomainErrorData, domainError } from "../errors";
import type { ProviderOutcome } from "./provider";
import { FINAL_STATUSES, isActive, isInFlight, type MatchableField, type Status, type VerificationState } from "./types";

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

export type Command =
	| { type: "start" }
	/** `call` names the attempt the answer belongs to; an answer for an earlier attempt is refused. */
	| { type: "provider_outcome"; outcome: ProviderOutcome; call?: { round: number; attempts: number } }
	| { type: "expire" }
	| { type: "defer"; code: string; message: string; delayMs: number }
	/** `passport` carries the masked view of corrected passport fields. */
	| { type: "retry"; correctedFields: MatchableField[]; passport?: { country?: string; last3?: string } }
	| { type: "redact" }
	| { type: "purge" }
	/** Test mode only: the verification's clock moves forward; what falls due is then run by the caller. */
	| { type: "advance_clock"; ms: number };

/** A history row to record; `statusChange` rows become webhook events. */
export interface Entry {
	type: string;
	statusChange: boolean;
	previousStatus: Status | null;
	data: Record<string, unknown>;
}

export type Transition = { ok: true; state: VerificationState; entries: Entry[] } | { ok: false; error: DomainErrorData };

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

function moveTo(state: VerificationState, to: Status, tick: Tick, patch: Partial<VerificationState>): Transition {
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
	}
	const entry: Entry = {
		type: `verification.${to}`,
		statusChange: true,
		previousStatus: state.status,
		data: { last_error: next.lastError, required_action: next.requiredAction },
	};
	return { ok: true, state: next, entries: [entry] };
}

function stay(state: VerificationState, tick: Tick, patch: Partial<VerificationState>, entry?: Entry): Transition {
	return { ok: true, state: { ...state, ...patch, updatedAt: tick.now }, entries: entry ? [entry] : [] };
}

const refuse = (error: DomainErrorData): Transition => ({ ok: false, error });

const invalidState = (state: VerificationState, message: string): Transition =>
	refuse(domainError("invalid_state", message, { extra: { current_status: state.status } }));

const illegal = (state: VerificationState, action: string): Transition =>
	invalidState(state, `Cannot ${action} a verification in status '${state.status}'.`);

function applyOutcome(state: VerificationState, outcome: ProviderOutcome, tick: Tick): Transition {
	const base = { attempts: state.attempts + 1, providerMemo: outcome.memo ?? state.providerMemo };
	switch (outcome.kind) {
		case "verified":
			return moveTo(state, "verified", tick, { ...base, result: outcome.result, lastError: null });
		case "mismatch":
			return moveTo(state, "requires_action", tick, {
				...base,
				result: outcome.result,
				lastError: null,
				requiredAction: { code: outcome.code, message: outcome.message, fields: outcome.fields },
				expiresAt: tick.now + tick.policy.actionDeadlineMs,
			});
		case "not_found":
			return moveTo(state, "failed", tick, {
				...base,
				lastError: { code: outcome.code, message: outcome.message, retryable: false },
			});
		case "rejected":
			return moveTo(state, "failed", tick, {
				...base,
				lastError: { code: outcome.code, message: outcome.message, retryable: outcome.retryable },
			});
		case "pending": {
			const wait = Math.max(outcome.retryAfterMs, pollWaitMs(state, base.attempts, tick));
			return stay(state, tick, {
				...base,
				failures: 0,
				lastError: null,
				providerReference: outcome.reference,
				nextAttemptAt: tick.now + wait,
				estimatedCompletionAt: tick.now + Math.max(wait, outcome.retryAfterMs),
			});
		}
		case "unavailable": {
			const failures = state.failures + 1;
			const lastError = { code: outcome.code, message: outcome.message, retryable: true };
			const step: Entry = {
				type: "verification.attempt_failed",
				statusChange: false,
				previousStatus: null,
				data: {
					attempt: base.attempts,
					last_error: lastError,
				},
			};
			if (failures >= tick.policy.maxAttempts) {
				const exhausted = {
					code: "provider_unavailable",
					message: `The provider stayed unavailable through ${failures} attempts (last: ${outcome.code}).`,
					retryable: true,
				};
				const moved = moveTo(state, "failed", tick, { ...base, failures, lastError: exhausted });
				return moved.ok ? { ...moved, entries: [step, ...moved.entries] } : moved;
			}
			const wait = Math.max(outcome.retryAfterMs ?? 0, backoffMs(failures, tick));
			const nextAttemptAt = tick.now + wait;
			return stay(state, tick, { ...base, failures, lastError, nextAttemptAt, estimatedCompletionAt: nextAttemptAt }, step);
		}
	}
}

/**
 * The verification state machine from DESIGN.md as a pure reducer: `(state, command, tick) → state | error`.
 * Status changes bump `version` and emit one status entry each; other steps only record history.
 */
export function reduce(state: VerificationState, command: Command, tick: Tick): Transition {
	switch (command.type) {
		case "start":
			if (state.status !== "submitted") return illegal(state, "start processing");
			return moveTo(state, "processing", tick, { lastError: null });
		case "provider_outcome":
			if (state.status !== "processing") return illegal(state, "record a provider answer for");
			if (command.call && (command.call.round !== state.round || command.call.attempts !== state.attempts)) {
				return invalidState(state, "The provider answer belongs to an earlier attempt.");
			}
			return applyOutcome(state, command.outcome, tick);
		case "expire": {
			if (!isActive(state.status)) return illegal(state, "expire");
			const code = state.status === "requires_action" ? "action_deadline_exceeded" : "verification_deadline_exceeded";
			const message =
				state.status === "requires_action"
					? "No corrected data was submitted before the action deadline."
					: "No decision was reached before the verification deadline.";
			return moveTo(state, "expired", tick, { lastError: { code, message, retryable: true }, requiredAction: null });
		}
		case "defer": {
			// An attempt we chose not to make (e.g. the client's provider quota): not a provider failure.
			if (state.status !== "processing") return illegal(state, "defer an attempt of");
			const lastError = { code: command.code, message: command.message, retryable: true };
			const nextAttemptAt = tick.now + command.delayMs;
			const step: Entry = {
				type: "verification.attempt_deferred",
				statusChange: false,
				previousStatus: null,
				data: { last_error: lastError },
			};
			return stay(state, tick, { lastError, nextAttemptAt, estimatedCompletionAt: nextAttemptAt }, step);
		}
		case "retry":
			return retry(state, command, tick);
		case "redact":
			if (state.redactedAt !== null) return illegal(state, "redact an already redacted");
			if (isInFlight(state.status)) return illegal(state, "redact");
			return stay(state, tick, { redactedAt: tick.now, purgeAt: null }, historyStep("verification.redacted"));
		case "purge":
			if (state.redactedAt !== null || state.purgeAt === null || state.purgeAt > tick.now) return illegal(state, "purge");
			return stay(state, tick, { redactedAt: tick.now, purgeAt: null }, historyStep("verification.personal_data_purged"));
		case "advance_clock": {
			if (state.livemode) return invalidState(state, "Only a test-mode verification has a test clock.");
			const step: Entry = {
				type: "verification.test_clock_advanced",
				statusChange: false,
				previousStatus: null,
				data: { seconds: command.ms / 1000 },
			};
			return stay(state, tick, { clockOffsetMs: state.clockOffsetMs + command.ms }, step);
		}
	}
}

const historyStep = (type: string): Entry => ({ type, statusChange: false, previousStatus: null, data: {} });

function retry(state: VerificationState, command: Extract<Command, { type: "retry" }>, tick: Tick): Transition {
	const { correctedFields } = command;
	if (state.redactedAt !== null) return invalidState(state, "Personal data was erased; submit a new verification.");
	const retryable =
		state.status === "expired" ||
		state.status === "requires_action" ||
		(state.status === "failed" && state.lastError?.retryable === true);
	if (!retryable) return illegal(state, state.status === "failed" ? "retry a non-retryable failed" : "retry");
	if (state.status === "requires_action") {
		const needed = state.requiredAction?.fields ?? [];
		if (needed.length > 0 && !needed.some((f) => correctedFields.includes(f))) {
			return refuse(
				domainError("validation_failed", `Provide a corrected value for: ${needed.join(", ")}.`, {
					errors: needed.map((field) => ({ field, code: "correction_required", message: "A corrected value is required." })),
				}),
			);
		}
	}
	return moveTo(state, "submitted", tick, {
		passport: {
			country: command.passport?.country ?? state.passport.country,
			last3: command.passport?.last3 ?? state.passport.last3,
		},
		round: state.round + 1,
		attempts: 0,
		failures: 0,
		lastError: null,
		requiredAction: null,
		result: null,
		providerReference: null,
		expiresAt: tick.now + tick.policy.verificationDeadlineMs,
		nextAttemptAt: tick.now,
		estimatedCompletionAt: tick.now + tick.policy.backoffBaseMs,
	});
}
