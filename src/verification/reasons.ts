/**
 * The closed sets of reason codes a verification carries: `last_error.code` (why it failed, expired or is waiting on
 * the provider) and `required_action.code` (what the partner must correct). Partners branch on them, so each is in
 * the OpenAPI document as an enum and in the error catalogue (src/http/error-catalogue.ts); test/node/error-codes.test.ts
 * checks that the code produces exactly these.
 */

export const LAST_ERROR_CODES = [
	// Decisions about the record.
	"passport_not_found",
	"registry_record_incomplete",
	// The partner's or the clock's doing.
	"canceled",
	"verification_deadline_exceeded",
	"action_deadline_exceeded",
	// The provider could not answer (transient: retried, then `failed` with `retryable: true`).
	"provider_unavailable",
	"provider_timeout",
	"provider_connection_failed",
	"provider_error",
	"provider_bad_response",
	"provider_rate_limited",
	"provider_retry_later",
	"provider_call_interrupted",
	"provider_quota_exceeded",
	// The provider refused this service, not the person: an operator must act.
	"provider_credentials_invalid",
	"provider_not_configured",
	"provider_product_not_enabled",
	"provider_request_rejected",
	"provider_wallet_empty",
	// Ours: the submitted data cannot be read back.
	"personal_data_unreadable",
] as const;
export type LastErrorCode = (typeof LAST_ERROR_CODES)[number];

/** One field that disagrees with the registry, or `data_mismatch` for several. Nationality is never compared. */
export const REQUIRED_ACTION_CODES = [
	"passport_number_mismatch",
	"last_name_mismatch",
	"first_name_mismatch",
	"date_of_birth_mismatch",
	"expiry_date_mismatch",
	"data_mismatch",
] as const;
export type RequiredActionCode = (typeof REQUIRED_ACTION_CODES)[number];
