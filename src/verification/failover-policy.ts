import { type AnswerClass, type ProviderCall, type ProviderOutcome } from "./provider";

/**
 * The failover rules as pure functions (docs/providers.md, "Failover"). An attempt asks the providers in order of
 * preference, one at a time: it moves on only when a provider could not answer (timeout, 5xx, "retry later", breaker
 * open, an unreadable reply) or refused us (credentials, wallet: an operator problem). An answer about the person
 * (match, mismatch, not found) ends the attempt wherever it came from, so at most one billed lookup decides it and a
 * decided answer is never asked again elsewhere. A poll of a pending lookup goes only to the provider holding it.
 */

/** What a provider's outcome means for the attempt. */
export function classify(outcome: ProviderOutcome): AnswerClass {
	switch (outcome.kind) {
		case "verified":
		case "mismatch":
		case "not_found":
			return "decided";
		case "rejected":
			return outcome.operator ? "operator" : "decided";
		case "pending":
			return "pending";
		case "unavailable":
			return "could_not_answer";
	}
}

/** Whether the attempt goes on to the next provider after an answer of this class. */
export const failsOver = (answer: AnswerClass): boolean => answer === "could_not_answer" || answer === "operator";

/**
 * The providers an attempt may ask, in order: the one holding a pending lookup alone (its reference means nothing
 * to the others, and asking them would pay for a second lookup); otherwise the whole list.
 */
export function candidates(order: readonly string[], pendingProvider: string | null | undefined): readonly string[] {
	return pendingProvider ? [pendingProvider] : order;
}

/** The record of one call for the timeline: its class and duration, and for a call that did not answer, why. */
export function callRecord(provider: string, outcome: ProviderOutcome, durationMs: number): ProviderCall {
	const answer = classify(outcome);
	const call: ProviderCall = { provider, answer, durationMs: Math.max(0, Math.round(durationMs)) };
	if (failsOver(answer) && "code" in outcome && outcome.kind !== "mismatch")
		call.error = { code: outcome.code, message: outcome.message };
	return call;
}

export interface Failure {
	provider: string;
	outcome: ProviderOutcome;
}

/**
 * The attempt's outcome when no provider answered. One failure is itself. When every provider refused us (an
 * operator problem everywhere) the first refusal stands: the verification fails retryably at once rather than
 * retrying in a loop nobody can fix by waiting. Otherwise at least one provider may come back: the attempt is
 * `unavailable` (backoff, then the attempt limit), retried no sooner than every provider that said when allows.
 */
export function noAnswer(failures: readonly Failure[]): ProviderOutcome {
	const [first] = failures;
	if (!first) return { kind: "unavailable", code: "provider_unavailable", message: "No provider was asked." };
	if (failures.length === 1) return first.outcome;
	const transient = failures.filter((f) => classify(f.outcome) === "could_not_answer");
	if (transient.length === 0) return first.outcome;
	const named = failures.map((f) => `${f.provider} (${"code" in f.outcome ? f.outcome.code : f.outcome.kind})`);
	const outcome: ProviderOutcome = {
		kind: "unavailable",
		code: "provider_unavailable",
		message: `No provider could answer: ${named.join(", ")}.`,
	};
	const waits = transient.map((f) => (f.outcome.kind === "unavailable" ? f.outcome.retryAfterMs : undefined));
	if (waits.every((w): w is number => w !== undefined)) outcome.retryAfterMs = Math.min(...waits);
	return outcome;
}

/** Time for the hand-offs between providers of one attempt (breaker look-ups, logging) beyond their own timeouts. */
export const CHAIN_MARGIN_MS = 1_000;

/**
 * The deadline of one attempt over `providers` providers, each call cut off after `perCallMs`: they run one after
 * another, so the attempt may take each one's timeout in turn. The caller's outer timeout and the alarm armed for an
 * interrupted call must allow this much, or a slow primary would leave no time for the secondary.
 */
export const chainTimeoutMs = (providers: number, perCallMs: number): number =>
	Math.max(1, providers) * perCallMs + CHAIN_MARGIN_MS;
