import { type ProviderCall, type ProviderOutcome } from "./provider";
import { backoffMs, type Entry, moveTo, pollWaitMs, stay, type Tick, type Transition } from "./transition";
import { type LastError, type VerificationState } from "./types";

/**
 * What a provider's answer does to a `processing` verification: decide, ask for action, or schedule the next call.
 * An answer from the failover chain also names the provider that gave it (the verification's `provider` from then
 * on) and every call the attempt made: each call that did not answer is a `verification.attempt_failed` step; the
 * answering call's provider and duration ride on the status change it causes, so the happy path adds no row.
 */
export function applyOutcome(state: VerificationState, outcome: ProviderOutcome, tick: Tick): Transition {
	const attempt = state.attempts + 1;
	const base = {
		attempts: attempt,
		providerMemo: outcome.memo ?? state.providerMemo,
		...(outcome.provider === undefined ? {} : { provider: outcome.provider }),
	};
	const steps = failedCalls(outcome.calls, attempt);
	const decided = (t: Transition): Transition => withCalls(t, steps, answeringCall(outcome));
	switch (outcome.kind) {
		case "verified":
			return decided(moveTo(state, "verified", tick, { ...base, result: outcome.result, lastError: null }));
		case "mismatch":
			return decided(
				moveTo(state, "requires_action", tick, {
					...base,
					result: outcome.result,
					lastError: null,
					requiredAction: { code: outcome.code, message: outcome.message, fields: outcome.fields },
					expiresAt: tick.now + tick.policy.actionDeadlineMs,
				}),
			);
		case "not_found":
			return decided(
				moveTo(state, "failed", tick, {
					...base,
					lastError: { code: outcome.code, message: outcome.message, retryable: false },
				}),
			);
		case "rejected":
			return decided(
				moveTo(state, "failed", tick, {
					...base,
					lastError: { code: outcome.code, message: outcome.message, retryable: outcome.retryable },
				}),
			);
		case "pending": {
			const wait = Math.max(outcome.retryAfterMs, pollWaitMs(state, base.attempts, tick));
			const holder = outcome.provider === undefined ? {} : { pendingProvider: outcome.provider };
			const t = stay(state, tick, {
				...base,
				...holder,
				failures: 0,
				lastError: null,
				providerReference: outcome.reference,
				nextAttemptAt: tick.now + wait,
				estimatedCompletionAt: tick.now + Math.max(wait, outcome.retryAfterMs),
			});
			return withCalls(t, steps, null);
		}
		case "unavailable": {
			const failures = state.failures + 1;
			const lastError = { code: outcome.code, message: outcome.message, retryable: true };
			const failed = steps.length > 0 ? steps : [attemptFailed(attempt, lastError)];
			if (failures >= tick.policy.maxAttempts) {
				const exhausted: LastError = {
					code: "provider_unavailable",
					message: `The provider stayed unavailable through ${failures} attempts (last: ${outcome.code}).`,
					retryable: true,
				};
				return withCalls(moveTo(state, "failed", tick, { ...base, failures, lastError: exhausted }), failed, null);
			}
			const wait = Math.max(outcome.retryAfterMs ?? 0, backoffMs(failures, tick));
			const nextAttemptAt = tick.now + wait;
			const t = stay(state, tick, {
				...base,
				failures,
				lastError,
				nextAttemptAt,
				estimatedCompletionAt: nextAttemptAt,
			});
			return withCalls(t, failed, null);
		}
	}
}

const attemptFailed = (attempt: number, lastError: LastError, call?: ProviderCall): Entry => ({
	type: "verification.attempt_failed",
	statusChange: false,
	previousStatus: null,
	data: call
		? { attempt, provider: call.provider, answer: call.answer, duration_ms: call.durationMs, last_error: lastError }
		: { attempt, last_error: lastError },
});

/** One `verification.attempt_failed` step per call that did not answer, in the order they were made. */
function failedCalls(calls: readonly ProviderCall[] | undefined, attempt: number): Entry[] {
	return (calls ?? []).flatMap((call) =>
		call.error
			? [attemptFailed(attempt, { code: call.error.code, message: call.error.message, retryable: true }, call)]
			: [],
	);
}

/** The call whose answer this outcome is (the last one made), when it answered. */
function answeringCall(outcome: ProviderOutcome): ProviderCall | null {
	const last = outcome.calls?.at(-1);
	return last && !last.error ? last : null;
}

/**
 * Puts the failed calls' steps before the transition's own entries, and the answering call's provider and duration
 * on its status change.
 */
function withCalls(t: Transition, steps: Entry[], answered: ProviderCall | null): Transition {
	if (!t.ok) return t;
	const entries = answered
		? t.entries.map((e) =>
				e.statusChange
					? { ...e, data: { ...e.data, provider: answered.provider, duration_ms: answered.durationMs } }
					: e,
			)
		: t.entries;
	return { ...t, entries: [...steps, ...entries] };
}
