import { type LastErrorCode, type RequiredActionCode } from "../../verification/reasons";
import { type EntryText } from "./entry";

const operator = (what: string): Required<EntryText> => ({
	title: what,
	retryable: true,
	what: `${what}: the provider refused this service, not the person. Live mode fails over to the next provider; the operator has been alerted.`,
	action: "Nothing about the person is wrong. `POST …/retry` once the provider status is `operational` again.",
});

const transient = (title: string, what: string): Required<EntryText> => ({
	title,
	retryable: true,
	what: `${what} The verification stays \`processing\` and is tried again (\`next_attempt_at\`); if every attempt fails it ends \`failed\` with \`provider_unavailable\`.`,
	action: "Nothing; wait for the next attempt or watch `GET /api/provider-status`.",
});

/** `last_error.code`: why a verification failed or expired, or why its provider attempt is waiting. */
export const LAST_ERROR_TEXTS: Record<LastErrorCode, Required<EntryText>> = {
	passport_not_found: {
		title: "Passport not found",
		retryable: false,
		what: "The registry has no passport with this number. A decision: the verification is `failed`.",
		action: "Ask the user to check the passport number and submit a new verification.",
	},
	registry_record_incomplete: {
		title: "Registry record incomplete",
		retryable: false,
		what: "The registry's record has no readable date of birth, so it cannot be verified automatically.",
		action: "Verify this user by another means; a retry would read the same record.",
	},
	canceled: {
		title: "Canceled",
		retryable: false,
		what: "You canceled the verification (`POST …/cancel`) before it was decided.",
		action: "Nothing; submit a new verification to try again.",
	},
	verification_deadline_exceeded: {
		title: "Verification deadline exceeded",
		retryable: true,
		what: "No decision was reached before the verification deadline: the verification is `expired`.",
		action: "`POST …/retry` starts it again with a fresh deadline.",
	},
	action_deadline_exceeded: {
		title: "Action deadline exceeded",
		retryable: true,
		what: "No corrected data arrived before the action deadline of `requires_action`: the verification is `expired`.",
		action: "`POST …/retry` with the corrected fields.",
	},
	provider_unavailable: {
		title: "Provider unavailable",
		retryable: true,
		what: "The provider could not answer (or its calls are paused while it recovers). When every attempt failed the verification is `failed` with this code and `retryable: true`.",
		action: "While `processing`, wait; once `failed`, `POST …/retry` when `GET /api/provider-status` is `operational`.",
	},
	provider_timeout: transient("Provider timeout", "The provider did not answer in time."),
	provider_connection_failed: transient("Provider connection failed", "The connection to the provider failed."),
	provider_error: transient("Provider error", "The provider answered with a server error, or the call failed."),
	provider_bad_response: transient("Provider bad response", "The provider sent an answer that could not be read."),
	provider_rate_limited: transient("Provider rate limited", "The provider is rate limiting this service."),
	provider_retry_later: transient("Provider asked to retry later", "The provider could not complete the lookup now."),
	provider_call_interrupted: transient(
		"Provider call interrupted",
		"The call to the provider was interrupted before it answered.",
	),
	provider_quota_exceeded: {
		title: "Provider quota exceeded",
		retryable: true,
		what: "This account made more provider lookups in the last minute than its quota allows: the attempt is deferred (`next_attempt_at`), not failed.",
		action: "Nothing; it runs when the quota has room. Spread bursts of submissions if it recurs.",
	},
	provider_credentials_invalid: operator("Provider credentials rejected"),
	provider_not_configured: operator("Provider not configured"),
	provider_product_not_enabled: operator("Provider product not enabled"),
	provider_request_rejected: operator("Provider rejected the request"),
	provider_wallet_empty: operator("Provider wallet empty"),
	personal_data_unreadable: {
		title: "Personal data unreadable",
		retryable: false,
		what: "The submitted personal data could not be decrypted, so there is nothing to look up.",
		action: "Submit a new verification; quote the verification id to support.",
	},
};

const mismatch = (field: string): Required<EntryText> => ({
	title: `${field[0]?.toUpperCase()}${field.slice(1)} mismatch`,
	retryable: true,
	what: `The ${field} does not match the passport registry: the verification is \`requires_action\` (\`fields\` names it).`,
	action: `\`POST …/retry/\` with the corrected ${field} before the action deadline (\`expires_at\`).`,
});

/** `required_action.code`: what the partner must correct while a verification is `requires_action`. */
export const REQUIRED_ACTION_TEXTS: Record<RequiredActionCode, Required<EntryText>> = {
	passport_number_mismatch: mismatch("passport number"),
	last_name_mismatch: mismatch("last name"),
	first_name_mismatch: mismatch("first name"),
	date_of_birth_mismatch: mismatch("date of birth"),
	expiry_date_mismatch: mismatch("expiry date"),
	data_mismatch: {
		title: "Data mismatch",
		retryable: true,
		what: "Several fields do not match the passport registry: the verification is `requires_action` (`fields` names them).",
		action: "`POST …/retry` with a corrected value for at least one field in `fields` before `expires_at`.",
	},
};
