import { type ProviderOutcome } from "../../verification/provider";
import { cappedRetryAfter, operatorFault, unavailableVerdict, type Verdict } from "../adapter";
import { parseErrorEnvelope } from "./wire";

export type Endpoint = "token" | "lookup";

/** The request never got an answer: our deadline passed, or the connection broke. */
export function transportFault(kind: "timeout" | "connection_failed", endpoint: Endpoint): Verdict {
	return kind === "timeout"
		? unavailableVerdict("provider_timeout", "Interswitch did not answer in time.", { endpoint, reason: kind })
		: unavailableVerdict("provider_connection_failed", "The connection to Interswitch failed.", {
				endpoint,
				reason: kind,
			});
}

/** A 2xx whose body is not what the wire format promises: transient, never a decision. */
export function badResponse(endpoint: Endpoint, reason: string): Verdict {
	return unavailableVerdict("provider_bad_response", "Interswitch sent a response that could not be used.", {
		endpoint,
		reason,
	});
}

/** Interswitch refused our client credentials (token endpoint) or still refused a fresh token (lookup). */
export const credentialsRejected = (endpoint: Endpoint, status: number, text: string): Verdict =>
	operatorFault(
		"provider_credentials_invalid",
		"Interswitch rejected this service's credentials. The operator has been alerted; retry once it is resolved.",
		"Check INTERSWITCH_CLIENT_ID / INTERSWITCH_CLIENT_SECRET and INTERSWITCH_AUTH_URL.",
		{ endpoint, status, ...ids(text) },
	);

/** No client id or secret is configured: nothing is called. */
export const notConfigured = (): Verdict =>
	operatorFault(
		"provider_not_configured",
		"The Interswitch provider is not configured. The operator has been alerted; retry once it is resolved.",
		"Set the INTERSWITCH_CLIENT_ID and INTERSWITCH_CLIENT_SECRET secrets.",
		{ endpoint: "token" },
	);

/**
 * Any non-2xx answer that is not handled as a decision or a credentials problem. 429 and 5xx are the
 * provider struggling (honour `Retry-After`); 403 and 400 mean our account or our request is wrong.
 */
export function httpFault(endpoint: Endpoint, status: number, headers: Headers, text: string, now: number): Verdict {
	const detail = { endpoint, status, ...ids(text) };
	const retryAfterMs = cappedRetryAfter(headers.get("retry-after"), now);
	if (status === 429)
		return unavailableVerdict("provider_rate_limited", "Interswitch is rate limiting requests.", detail, retryAfterMs);
	if (status >= 500 || status === 408)
		return unavailableVerdict("provider_error", `Interswitch answered HTTP ${status}.`, detail, retryAfterMs);
	if (endpoint === "token" && (status === 400 || status === 401 || status === 403))
		return credentialsRejected(endpoint, status, text);
	if (status === 403) {
		return operatorFault(
			"provider_product_not_enabled",
			"The passport lookup is not enabled for this service's Interswitch account. The operator has been alerted.",
			"Enable the international passport lookup product for this client on the Interswitch API Marketplace.",
			detail,
		);
	}
	if (status === 400 || status === 422) {
		return operatorFault(
			"provider_request_rejected",
			"Interswitch rejected the lookup request. The operator has been alerted; retry once it is resolved.",
			"Check INTERSWITCH_DATE_FORMAT (dmy | iso) against what Interswitch expects.",
			detail,
		);
	}
	return unavailableVerdict("provider_error", `Interswitch answered HTTP ${status}.`, detail);
}

/** The registry has no passport with this number: a decision, so the provider counts as healthy. */
export const notFound = (text: string): Verdict => ({
	outcome: {
		kind: "not_found",
		code: "passport_not_found",
		message: "No passport with this number exists in the registry.",
	},
	health: "success",
	detail: { endpoint: "lookup", status: 404, ...ids(text) },
});

/** While the breaker is open: no call is made and the verification waits out the cool-down. */
export const breakerOpen = (retryAfterMs: number): ProviderOutcome => ({
	kind: "unavailable",
	code: "provider_unavailable",
	message: "Interswitch is failing; calls are paused until it recovers.",
	retryAfterMs,
});

const ids = (text: string) => {
	const { logId, responseCode } = parseErrorEnvelope(text);
	return { log_id: logId, response_code: responseCode };
};
