import type { ProviderStatus, TimelineEvent, Verification } from "./api";

/**
 * Pure display rules for providers (docs/providers.md): their public status, and which provider each attempt on a
 * verification's timeline asked. Type imports only, so test/browser/console-logic.test.mjs runs it in Node.
 */

/** `provider_wallet_empty` → "provider wallet empty" (format.ts's `label`, kept here so Node needs no resolver). */
const words = (code: string): string => code.replaceAll("_", " ");

/** Why a provider is not operational, in words; an unknown code is shown as itself. */
const REASONS: Record<string, string> = {
	low_success_rate: "Too few of its lookups in the window were answered (under 91 %: degraded; under 50 %: down).",
	circuit_open:
		"Calls to it are paused by its circuit breaker after repeated failures; lookups go to the next provider.",
	provider_credentials_invalid: "It refuses this service's credentials: an operator must replace them.",
	provider_wallet_empty: "Its prepaid wallet is empty: an operator must top it up.",
	provider_not_configured: "This deployment has no credentials for it: an operator must set them.",
	provider_request_rejected: "It rejects this service's requests as malformed: an operator must look.",
	provider_product_not_enabled: "The passport product is not enabled on this account: an operator must enable it.",
	provider_operator_action_required: "It refuses this service until an operator acts.",
};

export function reasonText(reason: string | null): string | null {
	if (reason === null) return null;
	return REASONS[reason] ?? words(reason);
}

/** The sandboxes always answer, so they are not measured (`success_rate` null); a real provider may have no lookups. */
export function successRateText(p: Pick<ProviderStatus, "name" | "success_rate">): string {
	if (p.success_rate !== null) {
		const pct = p.success_rate * 100;
		return `${pct === 100 || pct === 0 ? pct.toFixed(0) : pct.toFixed(1)} %`;
	}
	return p.name.startsWith("sandbox") ? "not measured (sandbox)" : "no lookups in the window";
}

/** `600` → "10 min". */
export function windowText(seconds: number): string {
	return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

/** `44` → "44 ms", `10002` → "10.0 s". */
export function formatDuration(ms: number): string {
	return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Who a verification waits on (`waiting_on`), in a word and in a sentence. */
export const WAITING_ON: Record<Verification["waiting_on"], { who: string; why: string }> = {
	provider: { who: "the provider", why: "a lookup is under way or scheduled" },
	partner: { who: "you", why: "corrected fields are needed (retry with them)" },
	nothing: { who: "nothing", why: "the verification is final" },
};

/** The class of a provider's answer (`data.answer` of `verification.attempt_failed`), in words. */
const ANSWERS: Record<string, string> = {
	could_not_answer: "could not answer",
	operator: "refused this service (an operator must act)",
	decided: "answered",
	pending: "took the lookup, answer pending",
};

/** One provider call as a timeline entry records it. */
export interface ProviderCallView {
	provider: string;
	/** `asked`: a call that did not answer (`attempt_failed`); `decided`: the call whose answer is this status change. */
	role: "asked" | "decided";
	answer: string;
	durationMs: number | null;
	code: string | null;
}

/**
 * The provider call a timeline entry records, if any: `verification.attempt_failed` carries `provider`, `answer`,
 * `duration_ms` and `last_error`; a status change a provider decided carries `provider` and `duration_ms`.
 */
export function providerCall(event: Pick<TimelineEvent, "type" | "status_change" | "data">): ProviderCallView | null {
	const { provider, answer, duration_ms: duration, last_error: error } = event.data;
	if (typeof provider !== "string") return null;
	const durationMs = typeof duration === "number" ? duration : null;
	if (event.type === "verification.attempt_failed") {
		const code = error && typeof error === "object" && "code" in error ? String(error.code) : null;
		const said = typeof answer === "string" ? (ANSWERS[answer] ?? words(answer)) : "could not answer";
		return { provider, role: "asked", answer: said, durationMs, code };
	}
	if (!event.status_change) return null;
	return { provider, role: "decided", answer: "answered", durationMs, code: null };
}

/** Keys of an entry's data that `providerCall` already shows. */
export const CALL_KEYS: ReadonlySet<string> = new Set(["provider", "answer", "duration_ms"]);
