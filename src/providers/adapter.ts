import { log } from "../log";
import { retryAfterMs as readRetryAfter } from "../retry-after";
import { classify } from "../verification/failover-policy";
import { type Provider, type ProviderOutcome, type ProviderRequest } from "../verification/provider";
import { type LastErrorCode } from "../verification/reasons";
import { type Breaker } from "./breaker/client";
import { type Admission } from "./breaker/policy";

/** What every real provider adapter shares: its verdicts, the breaker guard around each call, its log line. */

/** How a call bears on the provider's health: the circuit breaker counts failures and resets on success. */
export type Health = "success" | "failure" | "neutral";

/** An outcome, its effect on the breaker, and what the operator log line should carry (ids only). */
export interface Verdict {
	outcome: ProviderOutcome;
	health: Health;
	/** Set when a person must act (credentials, wallet, product access, date format): logged at error level. */
	operatorHint?: string;
	detail: Record<string, string | number | null>;
}

/** A provider that could not answer (timeout, 5xx, a bad reply): transient, counted as a failure by the breaker. */
export const unavailableVerdict = (
	code: LastErrorCode,
	message: string,
	detail: Verdict["detail"],
	retryAfterMs?: number,
): Verdict => ({
	outcome:
		retryAfterMs === undefined
			? { kind: "unavailable", code, message }
			: { kind: "unavailable", code, message, retryAfterMs },
	health: "failure",
	detail,
});

/** The longest `Retry-After` an attempt honours: a provider asking for more is asked again within the hour. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/** `Retry-After` in milliseconds, capped at MAX_RETRY_AFTER_MS; undefined when absent or unreadable. */
export function cappedRetryAfter(header: string | null, now: number): number | undefined {
	const ms = readRetryAfter(header, now);
	return ms === null ? undefined : Math.min(MAX_RETRY_AFTER_MS, ms);
}

/** A configuration problem only an operator can fix: never a decision about the person (a chain fails over). */
export function operatorFault(
	code: LastErrorCode,
	message: string,
	operatorHint: string,
	detail: Verdict["detail"],
): Verdict {
	return {
		outcome: { kind: "rejected", code, message, retryable: true, operator: true },
		health: "neutral",
		operatorHint,
		detail,
	};
}

export interface Guard {
	/** The provider's name: its breaker, its log lines' prefix. */
	name: string;
	breaker: Breaker;
	/** One lookup and its verdict, never throwing; null when the adapter has no credentials. */
	verify: ((request: ProviderRequest, signal: AbortSignal) => Promise<Verdict>) | null;
	notConfigured: () => Verdict;
	breakerOpen: (retryAfterMs: number) => ProviderOutcome;
}

/**
 * A lookup behind the shared circuit breaker: asked before each call, told after it how the call went (which also
 * counts it in the provider's status). While the breaker refuses, no call is made. One log line per call.
 */
export function guardedProvider(guard: Guard): Provider {
	const { name, breaker, verify } = guard;
	return {
		name,
		async lookup(request: ProviderRequest, signal: AbortSignal): Promise<ProviderOutcome> {
			if (!verify) {
				const verdict = guard.notConfigured();
				await tellBreaker(breaker, null, verdict);
				return report(name, request, verdict);
			}
			const admission = await breaker.admit();
			if (!admission.allowed) {
				log("warn", `${name}.skipped`, {
					verification_id: request.verificationId,
					retry_after_ms: admission.retryAfterMs,
				});
				return guard.breakerOpen(admission.retryAfterMs);
			}
			const verdict = await verify(request, signal);
			await tellBreaker(breaker, admission, verdict);
			return report(name, request, verdict);
		},
	};
}

/**
 * Tells the breaker how the call went: a failure always counts; a success only when the breaker asked to hear of it
 * (to reset a count or close); the answer's class always goes into the provider's status. `admission` is null when
 * no call could be made (not configured): only the status hears of it.
 */
async function tellBreaker(breaker: Breaker, admission: Admission | null, verdict: Verdict): Promise<void> {
	if (admission && !admission.allowed) return;
	let counts: "success" | "failure" | null = null;
	if (admission && verdict.health === "failure") counts = "failure";
	else if (admission?.report && verdict.health === "success") counts = "success";
	const code = "code" in verdict.outcome ? verdict.outcome.code : null;
	await breaker.record({ breaker: counts, answer: classify(verdict.outcome), code });
}

/** One log line per call: ids, codes and statuses only (never the request, the record or a message). */
function report(name: string, request: ProviderRequest, verdict: Verdict): ProviderOutcome {
	const fields = {
		verification_id: request.verificationId,
		attempt: request.attempt,
		kind: verdict.outcome.kind,
		...verdict.detail,
	};
	if (verdict.operatorHint) {
		const code = "code" in verdict.outcome ? verdict.outcome.code : null;
		log("error", `${name}.operator_action_required`, { ...fields, code, alert: true, hint: verdict.operatorHint });
	} else if (verdict.outcome.kind === "unavailable") {
		log("warn", `${name}.unavailable`, { ...fields, code: verdict.outcome.code });
	}
	return verdict.outcome;
}
