import { type ProviderOutcome } from "../../verification/provider";
import { cappedRetryAfter, operatorFault, unavailableVerdict, type Verdict } from "../adapter";

/** Every Prembly reply, fault and timeout as a verdict: an outcome, its effect on the breaker, the log's ids. */

/** The request never got an answer: our deadline passed, or the connection broke. */
export function transportFault(kind: "timeout" | "connection_failed"): Verdict {
	return kind === "timeout"
		? unavailableVerdict("provider_timeout", "Prembly did not answer in time.", { reason: kind })
		: unavailableVerdict("provider_connection_failed", "The connection to Prembly failed.", { reason: kind });
}

/** A reply that is not the documented format (truncated, no response code, `00` without a record): never a decision. */
export const badResponse = (status: number, reason: string, code: string | null): Verdict =>
	unavailableVerdict("provider_bad_response", "Prembly sent a response that could not be used.", {
		status,
		reason,
		response_code: code,
	});

/** `02`: Prembly cannot complete the lookup now. */
export const retryLater = (status: number, reference: string | null): Verdict =>
	unavailableVerdict("provider_retry_later", "Prembly could not complete the lookup now.", {
		status,
		response_code: "02",
		reference,
	});

/** `03` or HTTP 402: the prepaid wallet is empty. An operator must top it up; lookups fail over meanwhile. */
export const walletEmpty = (status: number, reference: string | null): Verdict =>
	operatorFault(
		"provider_wallet_empty",
		"Prembly refused the lookup: this service's wallet balance is insufficient. The operator has been alerted.",
		"Top up the Prembly wallet of the app in PREMBLY_APP_ID.",
		{ status, response_code: "03", reference },
	);

/** HTTP 401 (or 403): Prembly refused our API key or app id. */
export const credentialsRejected = (status: number): Verdict =>
	operatorFault(
		"provider_credentials_invalid",
		"Prembly rejected this service's credentials. The operator has been alerted; retry once it is resolved.",
		"Check PREMBLY_API_KEY and PREMBLY_APP_ID (and that the key is live, not sandbox, for PREMBLY_BASE_URL).",
		{ status },
	);

/** HTTP 400 / 422: Prembly refused the request itself (our body, not the person). */
export const requestRejected = (status: number, code: string | null): Verdict =>
	operatorFault(
		"provider_request_rejected",
		"Prembly rejected the lookup request. The operator has been alerted; retry once it is resolved.",
		"Check the request against Prembly's national_passport_v2 documentation (number, last_name, dob YYYY-MM-DD).",
		{ status, response_code: code },
	);

/** `01`: the registry has no such passport. A decision, so the provider counts as healthy. */
export const notFound = (status: number, reference: string | null): Verdict => ({
	outcome: {
		kind: "not_found",
		code: "passport_not_found",
		message: "No passport with this number exists in the registry.",
	},
	health: "success",
	detail: { status, response_code: "01", reference },
});

/** Any other non-2xx: 429 and 5xx are the provider struggling (honour `Retry-After`); the rest transient too. */
export function httpFault(status: number, headers: Headers, now: number): Verdict {
	const retryAfterMs = cappedRetryAfter(headers.get("retry-after"), now);
	if (status === 429)
		return unavailableVerdict("provider_rate_limited", "Prembly is rate limiting requests.", { status }, retryAfterMs);
	return unavailableVerdict("provider_error", `Prembly answered HTTP ${status}.`, { status }, retryAfterMs);
}

/** No API key or app id is configured: nothing is called. */
export const notConfigured = (): Verdict =>
	operatorFault(
		"provider_not_configured",
		"The Prembly provider is not configured. The operator has been alerted; retry once it is resolved.",
		"Set the PREMBLY_API_KEY and PREMBLY_APP_ID secrets.",
		{},
	);

/** While the breaker is open: no call is made. */
export const breakerOpen = (retryAfterMs: number): ProviderOutcome => ({
	kind: "unavailable",
	code: "provider_unavailable",
	message: "Prembly is failing; calls are paused until it recovers.",
	retryAfterMs,
});
