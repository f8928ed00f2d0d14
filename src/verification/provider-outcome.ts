import { type ProviderOutcome } from "./provider";
import { backoffMs, type Entry, moveTo, pollWaitMs, stay, type Tick, type Transition } from "./transition";
import { type VerificationState } from "./types";

/** What a provider's answer does to a `processing` verification: decide, ask for action, or schedule the next call. */
export function applyOutcome(state: VerificationState, outcome: ProviderOutcome, tick: Tick): Transition {
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
			return stay(
				state,
				tick,
				{ ...base, failures, lastError, nextAttemptAt, estimatedCompletionAt: nextAttemptAt },
				step,
			);
		}
	}
}
