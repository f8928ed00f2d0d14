import { domainError } from "../errors";
import { type ProviderOutcome } from "./provider";
import { applyOutcome } from "./provider-outcome";
import { type LastErrorCode } from "./reasons";
import {
	type Entry,
	historyStep,
	illegal,
	invalidState,
	moveTo,
	refuse,
	stay,
	type Tick,
	type Transition,
} from "./transition";
import { isActive, isInFlight, type MatchableField, type VerificationState } from "./types";

export type Command =
	| { type: "start" }
	/** `call` names the attempt the answer belongs to; an answer for an earlier attempt is refused. */
	| { type: "provider_outcome"; outcome: ProviderOutcome; call?: { round: number; attempts: number } }
	| { type: "expire" }
	/** Waits `delayMs` plus up to `jitterMs` more, at random, so the deferred do not all come back at once. */
	| { type: "defer"; code: LastErrorCode; message: string; delayMs: number; jitterMs: number }
	/** `passport` carries the masked view of corrected passport fields. */
	| { type: "retry"; correctedFields: MatchableField[]; passport?: { country?: string; last3?: string } }
	| { type: "redact" }
	/** The partner gives up on a verification that has not decided: `failed`, code `canceled`, not retryable. */
	| { type: "cancel" }
	/** An answer for a call the verification no longer waits for (canceled, expired, moved on): recorded, nothing else. */
	| { type: "late_answer"; outcome: ProviderOutcome }
	| { type: "purge" }
	/** Test mode only: the verification's clock moves forward; what falls due is then run by the caller. */
	| { type: "advance_clock"; ms: number };

/**
 * The verification state machine (docs/partners.md, "States") as a pure reducer: `(state, command, tick) → state | error`.
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
			// An attempt we chose not to make (e.g. the client's provider quota): not a provider failure, and not
			// history either (a client over its quota for hours would write a row per verification every minute);
			// `last_error` and `next_attempt_at` say it.
			if (state.status !== "processing") return illegal(state, "defer an attempt of");
			const lastError = { code: command.code, message: command.message, retryable: true };
			const nextAttemptAt = tick.now + command.delayMs + Math.round(command.jitterMs * tick.random);
			return stay(state, tick, { lastError, nextAttemptAt, estimatedCompletionAt: nextAttemptAt });
		}
		case "retry":
			return retry(state, command, tick);
		case "cancel":
			if (!isActive(state.status)) return illegal(state, "cancel");
			return moveTo(state, "failed", tick, { lastError: CANCELED, requiredAction: null });
		case "late_answer":
			return { ok: true, state, entries: [lateAnswer(command.outcome)] };
		case "redact":
			if (state.redactedAt !== null) return illegal(state, "redact an already redacted");
			if (isInFlight(state.status)) return illegal(state, "redact");
			return stay(state, tick, { redactedAt: tick.now, purgeAt: null }, redacted("partner_request"));
		case "purge":
			if (state.redactedAt !== null || state.purgeAt === null || state.purgeAt > tick.now)
				return illegal(state, "purge");
			return stay(state, tick, { redactedAt: tick.now, purgeAt: null }, redacted("retention"));
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

/** What a canceled verification says: a failure of the partner's choosing, final. */
export const CANCELED = {
	code: "canceled",
	message: "The partner canceled this verification before it was decided.",
	retryable: false,
} as const;

/** The timeline entry of an answer that came after the verification stopped waiting for it. */
const lateAnswer = (outcome: ProviderOutcome): Entry => ({
	type: "verification.provider_answer_ignored",
	statusChange: false,
	previousStatus: null,
	data: { answer: outcome.kind, provider: outcome.provider ?? null },
});

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
					errors: needed.map((field) => ({
						field,
						code: "correction_required",
						message: "A corrected value is required.",
					})),
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
		pendingProvider: null,
		expiresAt: tick.now + tick.policy.verificationDeadlineMs,
		nextAttemptAt: tick.now,
		estimatedCompletionAt: tick.now + tick.policy.backoffBaseMs,
	});
}

/**
 * The erasure of the personal data, by the partner (`DELETE`) or the retention purge: `verification.redacted` with
 * why. Not a status change, but in the feed and sent to subscribed endpoints (src/webhooks/payload.ts).
 */
const redacted = (reason: "partner_request" | "retention"): Entry => ({
	...historyStep("verification.redacted"),
	data: { reason },
});
