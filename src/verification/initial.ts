import { type Entry, type Tick } from "./transition";
import { type PassportData, type VerificationState } from "./types";

export interface NewVerification {
	id: string;
	clientId: string;
	livemode: boolean;
	provider: string;
	reference: string | null;
	metadata: Record<string, string>;
	data: PassportData;
}

/** The state of a just-accepted verification (`submitted`, version 1) and its first history entry. */
export function initialState(input: NewVerification, tick: Tick): { state: VerificationState; entries: Entry[] } {
	const number = input.data.passport_number;
	const state: VerificationState = {
		id: input.id,
		clientId: input.clientId,
		livemode: input.livemode,
		clockOffsetMs: 0,
		status: "submitted",
		version: 1,
		revision: 1,
		reference: input.reference,
		metadata: input.metadata,
		passport: { country: input.data.nationality ?? null, last3: number.slice(-3) },
		provider: input.provider,
		createdAt: tick.now,
		updatedAt: tick.now,
		expiresAt: tick.now + tick.policy.verificationDeadlineMs,
		attempts: 0,
		failures: 0,
		nextAttemptAt: tick.now,
		estimatedCompletionAt: tick.now + tick.policy.backoffBaseMs,
		lastError: null,
		requiredAction: null,
		result: null,
		round: 1,
		providerReference: null,
		providerMemo: {},
		finalizedAt: null,
		purgeAt: null,
		redactedAt: null,
	};
	const entry: Entry = {
		type: "verification.submitted",
		statusChange: true,
		previousStatus: null,
		data: { last_error: null, required_action: null },
	};
	return { state, entries: [entry] };
}
