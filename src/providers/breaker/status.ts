import { type AnswerClass } from "../../verification/provider";

/**
 * A provider's public status as pure functions of (record, now): a rolling count of its lookups over the last ten
 * minutes in one-minute buckets, classified `operational` (at least 91 % answered), `degraded` (50 – 91 %) or
 * `down` (under 50 %, its breaker refusing calls, or a credential / wallet failure not yet followed by an answer).
 * "Answered" means the provider gave an answer (about the person, or pending); everything else counts against it.
 */

export const BUCKET_MS = 60_000;
/** The window the rate covers: the current minute and the nine before it. */
export const STATUS_WINDOW_MS = 10 * BUCKET_MS;
export const OPERATIONAL_RATE = 0.91;
export const DEGRADED_RATE = 0.5;

export const PROVIDER_HEALTH = ["operational", "degraded", "down"] as const;
export type ProviderHealth = (typeof PROVIDER_HEALTH)[number];

/** Calls in one minute (`at`: the minute's start, ms since the epoch). */
export interface Bucket {
	at: number;
	answered: number;
	unanswered: number;
}

/** What the breaker's Durable Object stores about the provider's status. */
export interface StatusRecord {
	buckets: Bucket[];
	/** The last call refused for an operator reason (credentials, wallet, …) that no answered call has followed. */
	operatorFault: { code: string; at: number } | null;
	/** The classification last seen, and when it last changed (null: never since the record began). */
	status: ProviderHealth;
	changedAt: number | null;
}

export const EMPTY_STATUS: StatusRecord = { buckets: [], operatorFault: null, status: "operational", changedAt: null };

export interface Classification {
	status: ProviderHealth;
	/** Answered share of the window's lookups, 4 decimals; null when there were none. */
	successRate: number | null;
	/** Why it is not operational: an operator fault's code, `circuit_open` or `low_success_rate`; null when it is. */
	reason: string | null;
}

const bucketOf = (now: number): number => Math.floor(now / BUCKET_MS) * BUCKET_MS;

/** The buckets still inside the window at `now`. */
export function inWindow(buckets: readonly Bucket[], now: number): Bucket[] {
	const oldest = bucketOf(now) - STATUS_WINDOW_MS + BUCKET_MS;
	return buckets.filter((b) => b.at >= oldest && b.at <= now);
}

/** Adds one call: counted in its minute; an operator refusal is remembered until a later call is answered. */
export function observe(record: StatusRecord, answer: AnswerClass, code: string | null, now: number): StatusRecord {
	const answered = answer === "decided" || answer === "pending";
	const at = bucketOf(now);
	const buckets = inWindow(record.buckets, now);
	const current = buckets.find((b) => b.at === at);
	const counted = current
		? buckets.map((b) => (b === current ? bump(b, answered) : b))
		: [...buckets, bump({ at, answered: 0, unanswered: 0 }, answered)];
	const operatorFault = answered
		? null
		: answer === "operator"
			? { code: code ?? "provider_operator_action_required", at: now }
			: record.operatorFault;
	return { ...record, buckets: counted, operatorFault };
}

const bump = (b: Bucket, answered: boolean): Bucket =>
	answered ? { ...b, answered: b.answered + 1 } : { ...b, unanswered: b.unanswered + 1 };

/** The status now. `refusing`: the breaker refuses calls at `now` (open, or a probe is out). */
export function classifyHealth(record: StatusRecord, refusing: boolean, now: number): Classification {
	const window = inWindow(record.buckets, now);
	const answered = window.reduce((n, b) => n + b.answered, 0);
	const total = window.reduce((n, b) => n + b.answered + b.unanswered, 0);
	const successRate = total === 0 ? null : Math.round((answered / total) * 10_000) / 10_000;
	if (record.operatorFault) return { status: "down", successRate, reason: record.operatorFault.code };
	if (refusing) return { status: "down", successRate, reason: "circuit_open" };
	if (successRate === null || successRate >= OPERATIONAL_RATE)
		return { status: "operational", successRate, reason: null };
	return { status: successRate >= DEGRADED_RATE ? "degraded" : "down", successRate, reason: "low_success_rate" };
}

/** The record with the classification seen at `now`: a different status starts a new `changedAt`. */
export function settle(record: StatusRecord, seen: Classification, now: number): StatusRecord {
	if (seen.status === record.status) return record;
	return { ...record, status: seen.status, changedAt: now };
}
