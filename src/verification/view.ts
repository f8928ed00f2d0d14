import { iso } from "../time";
import {
	isInFlight,
	type LastError,
	type MatchResult,
	type RequiredAction,
	type Status,
	type VerificationState,
	type WaitingOn,
	waitingOn,
} from "./types";

/** The public Verification object (see the OpenAPI `Verification` schema). Holds no personal data. */
export interface VerificationView {
	id: string;
	object: "verification";
	livemode: boolean;
	status: Status;
	/** Who the verification waits on: the provider, the partner (corrected fields), or nothing (final). */
	waiting_on: WaitingOn;
	version: number;
	reference: string | null;
	metadata: Record<string, string>;
	passport: { country: string | null; last3: string };
	provider: string;
	created_at: string;
	updated_at: string;
	expires_at: string | null;
	estimated_completion_at: string | null;
	attempts: number;
	next_attempt_at: string | null;
	last_error: LastError | null;
	required_action: RequiredAction | null;
	result: MatchResult | null;
	redacted_at: string | null;
}

export function toView(s: VerificationState): VerificationView {
	const waiting = isInFlight(s.status);
	return {
		id: s.id,
		object: "verification",
		livemode: s.livemode,
		status: s.status,
		waiting_on: waitingOn(s.status),
		version: s.version,
		reference: s.reference,
		metadata: s.metadata,
		passport: s.passport,
		provider: s.provider,
		created_at: new Date(s.createdAt).toISOString(),
		updated_at: new Date(s.updatedAt).toISOString(),
		expires_at: iso(s.expiresAt),
		estimated_completion_at: waiting ? iso(s.estimatedCompletionAt) : null,
		attempts: s.attempts,
		next_attempt_at: waiting ? iso(s.nextAttemptAt) : null,
		last_error: s.lastError,
		required_action: s.requiredAction,
		result: s.result,
		redacted_at: iso(s.redactedAt),
	};
}
