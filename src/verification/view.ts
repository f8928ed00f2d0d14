import type { Entry } from "./state-machine";
import type { LastError, MatchResult, RequiredAction, Status, VerificationState } from "./types";

/** The public Verification object (see the OpenAPI `Verification` schema). Holds no personal data. */
export interface VerificationView {
	id: string;
	object: "verification";
	status: Status;
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

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function toView(s: VerificationState): VerificationView {
	const waiting = s.status === "submitted" || s.status === "processing";
	return {
		id: s.id,
		object: "verification",
		status: s.status,
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

/** One stored history row, as the timeline API and the webhook pipeline see it. */
export interface HistoryRecord {
	id: string;
	verificationId: string;
	clientId: string;
	/** The storage revision that recorded it, so the outbox can find what a revision produced. */
	revision: number;
	type: string;
	statusChange: boolean;
	version: number;
	status: Status;
	previousStatus: Status | null;
	data: Record<string, unknown>;
	createdAt: number;
}

export function toHistory(state: VerificationState, entry: Entry, id: string): HistoryRecord {
	return {
		id,
		verificationId: state.id,
		clientId: state.clientId,
		revision: state.revision,
		type: entry.type,
		statusChange: entry.statusChange,
		version: state.version,
		status: state.status,
		previousStatus: entry.previousStatus,
		data: entry.data,
		createdAt: state.updatedAt,
	};
}

/** The Standard Webhooks payload for a status change: ids and states only, never personal data. */
export interface WebhookEvent {
	id: string;
	type: string;
	timestamp: string;
	data: {
		id: string;
		status: Status;
		previous_status: Status | null;
		version: number;
		reference: string | null;
		last_error: LastError | null;
		required_action: RequiredAction | null;
	};
}

export function toWebhookEvent(h: HistoryRecord, reference: string | null): WebhookEvent {
	return {
		id: h.id,
		type: h.type,
		timestamp: new Date(h.createdAt).toISOString(),
		data: {
			id: h.verificationId,
			status: h.status,
			previous_status: h.previousStatus,
			version: h.version,
			reference,
			last_error: (h.data.last_error as LastError | null | undefined) ?? null,
			required_action: (h.data.required_action as RequiredAction | null | undefined) ?? null,
		},
	};
}
