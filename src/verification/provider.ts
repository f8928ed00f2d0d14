/** The provider port: what the verification part needs from a provider. Adapters in providers/ implement it. */
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
	/** Small opaque state the provider asked to keep between calls (never personal data). */
	memo: Record<string, string>;
}

interface OutcomeBase {
	/** Replaces the stored memo when present. */
	memo?: Record<string, string>;
}

/** What a provider can answer. Adapters map every wire response, fault and timeout into one of these. */
export type ProviderOutcome = OutcomeBase &
	(
		| { kind: "verified"; result: MatchResult; reference?: string }
		| { kind: "mismatch"; code: string; message: string; fields: MatchableField[]; result: MatchResult }
		| { kind: "not_found"; code: string; message: string }
		| { kind: "rejected"; code: string; message: string; retryable: boolean }
		| { kind: "pending"; reference: string; retryAfterMs: number }
		| { kind: "unavailable"; code: string; message: string; retryAfterMs?: number }
	);

export interface Provider {
	readonly name: string;
	/** Never throws for provider faults: they come back as `unavailable`. */
	lookup(request: ProviderRequest, signal: AbortSignal): Promise<ProviderOutcome>;
}
