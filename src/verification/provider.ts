/** The provider port: what the verification part needs from a provider. Adapters in providers/ implement it. */
import { type LastErrorCode, type RequiredActionCode } from "./reasons";
import { type MatchableField, type MatchResult, type PassportData } from "./types";

/** One provider call for one verification. Attempts and rounds let stateless providers stay deterministic. */
export interface ProviderRequest {
	verificationId: string;
	data: PassportData;
	/** 1 for the first submission, +1 per retry. */
	round: number;
	/** 1-based provider call number within this round. */
	attempt: number;
	/** Set when an earlier call answered `pending`: this call is a poll. */
	pendingReference: string | null;
	/** The provider holding `pendingReference`: a poll goes there and nowhere else. Null when not polling. */
	pendingProvider?: string | null;
	/** Small opaque state the provider asked to keep between calls (never personal data). */
	memo: Record<string, string>;
}

/**
 * What one provider's answer means for the attempt (verification/failover-policy.ts classifies outcomes):
 * `decided` — an answer about the person (verified, mismatch, not found, a rejection of the record);
 * `pending` — the provider took the lookup and will answer on a later poll (polled there again);
 * `could_not_answer` — timeout, 5xx, "retry later", breaker open, a reply that could not be read;
 * `operator` — the provider refused us (credentials, wallet, account, configuration): a person must act.
 */
export type AnswerClass = "decided" | "pending" | "could_not_answer" | "operator";

/** One provider call an attempt made: who, how it ended, how long it took. Ids and codes only. */
export interface ProviderCall {
	provider: string;
	answer: AnswerClass;
	durationMs: number;
	/** For a call that did not answer: the outcome's code and message (shown in the timeline's `last_error`). */
	error?: { code: LastErrorCode; message: string };
}

interface OutcomeBase {
	/** Replaces the stored memo when present. */
	memo?: Record<string, string>;
	/** The provider that gave this answer (set by the failover chain); becomes the verification's `provider`. */
	provider?: string;
	/** Every call the attempt made, in order (set by the failover chain): the timeline records each. */
	calls?: ProviderCall[];
}

/** What a provider can answer. Adapters map every wire response, fault and timeout into one of these. */
export type ProviderOutcome = OutcomeBase &
	(
		| { kind: "verified"; result: MatchResult; reference?: string }
		| { kind: "mismatch"; code: RequiredActionCode; message: string; fields: MatchableField[]; result: MatchResult }
		| { kind: "not_found"; code: LastErrorCode; message: string }
		/**
		 * `operator`: the provider refused this service, not the person (credentials, wallet, account, our request):
		 * another provider may still answer, and an operator is alerted. Without it, a rejection is about the record.
		 */
		| { kind: "rejected"; code: LastErrorCode; message: string; retryable: boolean; operator?: true }
		| { kind: "pending"; reference: string; retryAfterMs: number }
		| { kind: "unavailable"; code: LastErrorCode; message: string; retryAfterMs?: number }
	);

export interface Provider {
	readonly name: string;
	/** Never throws for provider faults: they come back as `unavailable`. */
	lookup(request: ProviderRequest, signal: AbortSignal): Promise<ProviderOutcome>;
}
