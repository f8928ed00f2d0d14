import { type Policy, type Tick } from "../../src/verification/transition";
import { type Status, type VerificationState } from "../../src/verification/types";

/** Pure-logic fixtures: one policy, one clock, and a verification state in any status. */
export const policy: Policy = {
	verificationDeadlineMs: 86_400_000,
	actionDeadlineMs: 604_800_000,
	backoffBaseMs: 1_000,
	backoffMaxMs: 60_000,
	maxAttempts: 3,
	retentionMs: 1_000_000,
};
export const NOW = 1_800_000_000_000;
export const tick: Tick = { now: NOW, random: 0.5, policy };

export function state(status: Status, patch: Partial<VerificationState> = {}): VerificationState {
	return {
		id: "ver_X",
		clientId: "cli_X",
		livemode: false,
		clockOffsetMs: 0,
		status,
		version: 4,
		revision: 9,
		reference: null,
		metadata: {},
		passport: { country: null, last3: "670" },
		provider: "sandbox",
		createdAt: NOW - 10_000,
		updatedAt: NOW - 5_000,
		expiresAt: NOW + 50_000,
		attempts: 1,
		failures: 0,
		nextAttemptAt: NOW,
		estimatedCompletionAt: null,
		lastError: status === "failed" ? { code: "provider_unavailable", message: "down", retryable: true } : null,
		requiredAction:
			status === "requires_action"
				? { code: "date_of_birth_mismatch", message: "dob", fields: ["date_of_birth"] }
				: null,
		result: null,
		round: 1,
		providerReference: null,
		providerMemo: {},
		finalizedAt: null,
		purgeAt: null,
		redactedAt: null,
		...patch,
	};
}
