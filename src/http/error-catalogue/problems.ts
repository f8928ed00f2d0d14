import { type ErrorCode } from "../../errors";
import { type EntryText } from "./entry";

/** The problem codes (`code` of a problem+json answer); titles and statuses come from src/errors.ts. */
export const PROBLEM_TEXTS: Record<ErrorCode, EntryText> = {
	bad_request: {
		retryable: false,
		what: "A header or query parameter could not be used (for example a `Consistency-Bookmark` this API never sent).",
		action: "Fix the request as `detail` says; sending it unchanged fails the same way.",
	},
	cursor_not_found: {
		retryable: false,
		what: "`starting_after` names an event this account's feed does not hold (a typo, another mode, or pruned).",
		action: "Restart from the newest page (no cursor), or from a cursor a page of this feed returned.",
	},
	invalid_json: {
		retryable: false,
		what: "The body is not well-formed JSON.",
		action: "Send a JSON object with `Content-Type: application/json`.",
	},
	unauthorized: {
		retryable: false,
		what: "The `Authorization` header is missing, or its key is unknown or revoked.",
		action:
			"Send `Authorization: Bearer <api key>` with a current key; too many failures from one address are rate limited.",
	},
	not_found: {
		retryable: false,
		what: "No such resource for this key: it does not exist, belongs to another account, or to the other mode.",
		action: "Check the id and that the key's mode (`kyc_test_…` / `kyc_live_…`) is the one that created it.",
	},
	invalid_state: {
		retryable: false,
		what: "The verification's status does not allow this request (e.g. retrying a verified one); `current_status` says where it is.",
		action: "Read the verification and act on its current status; a transition is never applied twice.",
	},
	duplicate_verification: {
		retryable: false,
		what: "Another verification of the same passport is still active for this account (`verification_id`).",
		action: "Follow that verification, or cancel it before submitting again.",
	},
	limit_exceeded: {
		retryable: false,
		what: "An account limit was reached (e.g. at most 20 webhook endpoints).",
		action: "Delete what is no longer used, then try again.",
	},
	idempotency_key_in_use: {
		retryable: true,
		what: "A request with the same `Idempotency-Key` is still being processed.",
		action: "Wait a moment and send the same request again with the same key: it then replays the first answer.",
	},
	payload_too_large: {
		retryable: false,
		what: "The request body is larger than the API accepts.",
		action: "Send a smaller body; no field needs more than a few kilobytes.",
	},
	unsupported_media_type: {
		retryable: false,
		what: "The body is not `application/json`.",
		action: "Send `Content-Type: application/json`.",
	},
	validation_failed: {
		retryable: false,
		what: "One or more fields are invalid; `errors[]` names each field, with a code and a message.",
		action: "Correct the fields listed in `errors[]` and send the request again.",
	},
	url_not_allowed: {
		retryable: false,
		what: "A webhook URL breaks a rule of the guard (`https` only, a public host name, no credentials); as a problem, when the endpoint is registered, and as a delivery's `error_class`, when it is checked again before an attempt.",
		action:
			"Register a public `https` URL; the message names the rule. A delivery refused this way is `failed`: fix the URL, then `recover`.",
	},
	idempotency_key_reused: {
		retryable: false,
		what: "This `Idempotency-Key` was used within the last day for a different request (method, path or body).",
		action: "Use a new key for a new request; reuse a key only to repeat the very same request.",
	},
	rate_limited: {
		retryable: true,
		what: "Too many requests: the key's window is full, or too many failed authentications came from this address.",
		action: "Wait the seconds `Retry-After` says, then send the request again.",
	},
	internal_error: {
		retryable: true,
		what: "Something failed on our side; nothing internal is disclosed.",
		action: "Send the request again (with the same `Idempotency-Key` for writes); quote `request_id` if it persists.",
	},
	service_unavailable: {
		retryable: true,
		what: "A dependency is unavailable, the request was interrupted, or the deployment is not configured for it (e.g. live mode, operator access).",
		action: "Try again later (after `Retry-After` when sent), with the same `Idempotency-Key` for writes.",
	},
};
