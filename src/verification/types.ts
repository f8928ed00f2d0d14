/** Domain types of one verification, shared by the reducer, the Durable Object and the mappers. */
import { type LastErrorCode, type RequiredActionCode } from "./reasons";

export const STATUSES = ["submitted", "processing", "verified", "failed", "requires_action", "expired"] as const;
export type Status = (typeof STATUSES)[number];

export const MATCHABLE_FIELDS = [
	"passport_number",
	"last_name",
	"first_name",
	"date_of_birth",
	"nationality",
	"expiry_date",
] as const;
export type MatchableField = (typeof MATCHABLE_FIELDS)[number];
export type FieldMatch = "match" | "mismatch" | "not_checked";
export type MatchResult = Partial<Record<MatchableField, FieldMatch>>;

export interface LastError {
	code: LastErrorCode;
	message: string;
	retryable: boolean;
}

export interface RequiredAction {
	code: RequiredActionCode;
	message: string;
	fields: MatchableField[];
}

/** The personal data of a submission. Only ever held in memory or encrypted at rest. */
export interface PassportData {
	passport_number: string;
	last_name: string;
	date_of_birth: string;
	first_name?: string | undefined;
	nationality?: string | undefined;
	expiry_date?: string | undefined;
	mrz?: string[] | undefined;
}

export type Corrections = Partial<Omit<PassportData, "mrz">>;

/** Everything the Durable Object persists about one verification except personal data and history. */
export interface VerificationState {
	id: string;
	clientId: string;
	/** Test mode (sandbox, test clock) or live mode (the configured provider). Fixed at creation. */
	livemode: boolean;
	/** Test mode only: how far `POST /api/test/verifications/{id}/advance` has moved this verification's clock. */
	clockOffsetMs: number;
	status: Status;
	/** Goes up by one on every status change. */
	version: number;
	/** Goes up on every persisted change; guards the D1 projection against reordering. */
	revision: number;
	reference: string | null;
	metadata: Record<string, string>;
	passport: { country: string | null; last3: string };
	provider: string;
	createdAt: number;
	updatedAt: number;
	/** The current deadline: decision deadline, or action deadline while requires_action. */
	expiresAt: number | null;
	/** Provider calls made for the current submission. */
	attempts: number;
	/** Consecutive transient provider failures for the current submission. */
	failures: number;
	nextAttemptAt: number | null;
	estimatedCompletionAt: number | null;
	lastError: LastError | null;
	requiredAction: RequiredAction | null;
	result: MatchResult | null;
	/** 1 for the first submission, +1 per retry. */
	round: number;
	providerReference: string | null;
	/**
	 * The provider holding `providerReference` (it answered `pending`): polls go there and nowhere else. Absent in
	 * state stored before failover existed (the verification's `provider` held it then).
	 */
	pendingProvider?: string | null;
	providerMemo: Record<string, string>;
	finalizedAt: number | null;
	purgeAt: number | null;
	redactedAt: number | null;
}

/** A decision or an expiry was reached: the retention clock runs. */
export const FINAL_STATUSES: ReadonlySet<Status> = new Set(["verified", "failed", "expired"]);
/** Not final: a deadline is running. */
export const ACTIVE_STATUSES: ReadonlySet<Status> = new Set(["submitted", "processing", "requires_action"]);
/** Waiting on the provider (not on the client): polls are due, and personal data is still needed. */
export const IN_FLIGHT_STATUSES: ReadonlySet<Status> = new Set(["submitted", "processing"]);

/**
 * The timeline's steps that are not status changes (`verification.<status>`). With the status changes and the
 * webhook event types they make the closed set of event `type`s (src/webhooks/payload.ts).
 */
export const TIMELINE_STEP_TYPES = [
	"verification.redacted",
	"verification.attempt_failed",
	"verification.provider_answer_ignored",
	"verification.test_clock_advanced",
] as const;
export type TimelineStepType = (typeof TIMELINE_STEP_TYPES)[number];
export type TimelineEntryType = `verification.${Status}` | TimelineStepType;

export const isActive = (status: Status): boolean => ACTIVE_STATUSES.has(status);

/** Who a verification is waiting on: the provider (a lookup in flight or scheduled), the partner, or nobody. */
export const WAITING_ON = ["provider", "partner", "nothing"] as const;
export type WaitingOn = (typeof WAITING_ON)[number];

/**
 * `provider` while submitted or processing; `partner` in requires_action (corrected fields are needed); `nothing`
 * once final or expired (a retry is the partner's choice, not something the verification waits for).
 */
export function waitingOn(status: Status): WaitingOn {
	if (isInFlight(status)) return "provider";
	return status === "requires_action" ? "partner" : "nothing";
}
export const isInFlight = (status: Status): boolean => IN_FLIGHT_STATUSES.has(status);
