/**
 * Generated from the worker's OpenAPI document (GET /openapi.json) by client/scripts/generate.mjs with
 * openapi-typescript. Do not edit: run `npm run client:generate`; CI runs `npm run client:check`.
 */
export interface paths {
	"/health": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/**
		 * Liveness
		 * @description No API key needed. Answers 503 only when the deployment's configuration cannot be read.
		 */
		get: operations["getHealth"];
		put?: never;
		post?: never;
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"/errors": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/**
		 * Every error code
		 * @description The whole catalogue: every problem code, `last_error.code`, `required_action.code` and delivery `error_class`. No API key needed.
		 */
		get: operations["listErrors"];
		put?: never;
		post?: never;
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"/errors/{code}": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/**
		 * One error code
		 * @description What a code means, whether it can succeed later, and what to do: the page behind every problem's `type` URI. No API key needed. JSON for tools; HTML when `text/html` is asked for first.
		 */
		get: operations["getError"];
		put?: never;
		post?: never;
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"/api/verifications": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/**
		 * List verifications
		 * @description Newest first. Page with `starting_after` = the previous page's `next_cursor`.
		 */
		get: operations["listVerifications"];
		put?: never;
		/**
		 * Submit passport details
		 * @description Accepts a verification and starts it asynchronously (202). Send an `Idempotency-Key` to make retries safe: the same key with the same body returns the same verification with `Idempotent-Replayed: true`; with another body it is a 422. While a verification of the same passport number, date of birth and last name is still active, submitting again returns it (`Duplicate-Of-Active: true`) instead of paying for a second lookup.
		 */
		post: operations["createVerification"];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"/api/verifications/{id}": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/**
		 * Get a verification
		 * @description Read from the verification's own Durable Object: always the latest state. To poll cheaply, send the `ETag` of the last answer as `If-None-Match`: while nothing changed the answer is a `304` with no body.
		 */
		get: operations["getVerification"];
		put?: never;
		post?: never;
		/**
		 * Erase a verification's personal data
		 * @description Erases the passport number, names, date of birth and MRZ. Status, version and timeline stay, and a `verification.redacted` entry records it. A redacted verification cannot be retried. Not allowed while a provider lookup is in flight (`submitted`, `processing`): 409.
		 */
		delete: operations["redactVerification"];
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"/api/verifications/{id}/retry": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		get?: never;
		put?: never;
		/**
		 * Retry or resubmit a verification
		 * @description Allowed from `failed` with a retryable `last_error`, from `expired`, and from `requires_action` with a corrected value for at least one field named in `required_action.fields`. Moves the verification back to `submitted`; anything else is a 409 `invalid_state` naming the current status. A retry claims the person (as corrected) like a submission: while another verification of the same passport number, date of birth and last name is active, it is a 409 `duplicate_verification` naming that verification (`verification_id`).
		 */
		post: operations["retryVerification"];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"/api/verifications/{id}/cancel": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		get?: never;
		put?: never;
		/**
		 * Cancel a verification
		 * @description Stops a verification that has not decided (`submitted`, `processing` or `requires_action`): it becomes `failed` with `last_error.code` `canceled`, not retryable — one status change, with its `verification.failed` webhook. A provider answer that arrives afterwards is recorded on the timeline (`verification.provider_answer_ignored`) and changes nothing. From `verified`, `failed` or `expired` it is a 409 naming the current status.
		 */
		post: operations["cancelVerification"];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"/api/verifications/{id}/events": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/**
		 * A verification's timeline
		 * @description Every step of the last 30 days (the event window, as in the feed), oldest first: status changes (which are also sent as webhooks) and steps such as failed provider attempts or redaction. The verification itself, with its status and version, is kept for the record retention (400 days by default).
		 */
		get: operations["listVerificationEvents"];
		put?: never;
		post?: never;
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"/api/events": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/**
		 * The account's event feed
		 * @description Every event webhooks carry from the last 30 days (the event window; the deployment's `EVENT_RETENTION_SECONDS`), in the order it was recorded, for polling: every status change of every verification, each redaction (`verification.redacted`) and the operational events about the account's webhook endpoints (`webhook_endpoint.*`). Keep the last `id` you processed and pass it as `starting_after`: every event recorded after it comes next, exactly once, even one whose own timestamp is older (events of different verifications are stamped by their own clocks and can be recorded out of timestamp order). Filter by `type`. With `created[gte]` / `created[lt]` (the event's timestamp) the feed reads a window of the past in timestamp order instead (`starting_after` then continues in that order): to poll, use `starting_after` without them. A `starting_after` that is not an event of this feed (never one, another account's, or older than the event window: 30 days by default) is a `400` with code `cursor_not_found`: start again from a time with `created[gte]`.
		 */
		get: operations["listEvents"];
		put?: never;
		post?: never;
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"/api/provider-status": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/**
		 * The providers' status
		 * @description Each passport provider your key's mode uses, in order of preference: a live key sees live mode's providers, a test key the sandbox pair (which always reports `operational`). Status and success rate cover the last 10 minutes of lookups from every verification, not only yours. While the first provider is `down`, lookups fail over to the next: verifications keep deciding within one attempt.
		 */
		get: operations["getProviderStatus"];
		put?: never;
		post?: never;
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"/api/webhook-endpoints": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/**
		 * List webhook endpoints
		 * @description Newest first. Secrets are never listed.
		 */
		get: operations["listWebhookEndpoints"];
		put?: never;
		/**
		 * Register a webhook endpoint
		 * @description Every status change of your verifications is POSTed to `url`, signed per Standard Webhooks. The response carries the endpoint's `whsec_` secret: it is shown only this once. A URL refused by the SSRF guard is a 422 `url_not_allowed`.
		 */
		post: operations["createWebhookEndpoint"];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"/api/webhook-endpoints/{id}": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/** Get a webhook endpoint */
		get: operations["getWebhookEndpoint"];
		put?: never;
		post?: never;
		/**
		 * Delete a webhook endpoint
		 * @description Stops all deliveries to it at once: from now on it is not found, and deliveries already queued for it are skipped. Its delivery log is removed in the background. To pause instead, disable it.
		 */
		delete: operations["deleteWebhookEndpoint"];
		options?: never;
		head?: never;
		/**
		 * Update a webhook endpoint
		 * @description Change the URL (checked by the SSRF guard again), the description or the event-type filter.
		 */
		patch: operations["updateWebhookEndpoint"];
		trace?: never;
	};
	"/api/webhook-endpoints/{id}/enable": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		get?: never;
		put?: never;
		/**
		 * Enable a webhook endpoint
		 * @description Resumes deliveries and forgets the failure streak. Events that arrived while it was disabled are `skipped`: re-send them with `recover`. The account's other endpoints subscribed to it get `webhook_endpoint.enabled`.
		 */
		post: operations["enableWebhookEndpoint"];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"/api/webhook-endpoints/{id}/disable": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		get?: never;
		put?: never;
		/**
		 * Disable a webhook endpoint
		 * @description Pauses deliveries: new events are recorded as `skipped` deliveries, which `recover` can re-send after enabling. The account's other endpoints subscribed to it get `webhook_endpoint.disabled` (reason `partner`).
		 */
		post: operations["disableWebhookEndpoint"];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"/api/webhook-endpoints/{id}/rotate-secret": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		get?: never;
		put?: never;
		/**
		 * Rotate an endpoint's signing secret
		 * @description Returns the new secret (shown only now). For 24 h every delivery carries two signatures, one per secret, so you can deploy the new secret without dropping events; `force: true` drops the old secret at once.
		 */
		post: operations["rotateWebhookEndpointSecret"];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"/api/webhook-endpoints/{id}/test": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		get?: never;
		put?: never;
		/**
		 * Send a test event
		 * @description POSTs a signed `webhook.test` event to the endpoint now (also when it is disabled or filters event types) and returns the attempt: status, HTTP code, latency and error class. It is not retried and does not count towards disabling the endpoint.
		 */
		post: operations["testWebhookEndpoint"];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"/api/webhook-endpoints/{id}/deliveries": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/**
		 * List an endpoint's deliveries
		 * @description Newest first, the last 30 days (the delivery log's window; the deployment's `DELIVERY_RETENTION_SECONDS`): one entry per event sent (or to be sent) to this endpoint, with its status, attempt count, the last attempt's HTTP status, latency and error class, and when the next retry is due.
		 */
		get: operations["listDeliveries"];
		put?: never;
		post?: never;
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"/api/webhook-endpoints/{id}/recover": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		get?: never;
		put?: never;
		/**
		 * Re-send deliveries since a time
		 * @description After an outage on your side: queues every delivery created in [`since`, `until`) that has not succeeded (`failed`, `skipped`, or waiting for a retry) to be sent again now, each with a fresh retry schedule; at most 500 per call, walked in order: while `has_more`, call again with the same window and `starting_after: next_cursor` (`until` defaults to the first call's time). `event_id` re-sends one event's delivery whatever its status; `dry_run` only counts. The endpoint must be enabled (409 otherwise).
		 */
		post: operations["recoverDeliveries"];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"/api/webhook-endpoints/{id}/deliveries/{delivery_id}/resend": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		get?: never;
		put?: never;
		/**
		 * Re-send one delivery now
		 * @description Queues this delivery to be sent again now, whatever its status (also one that succeeded), with a fresh retry schedule and the same `webhook-id`. The endpoint must be enabled (409 otherwise).
		 */
		post: operations["resendDelivery"];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"/api/test/verifications/{id}/advance": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		get?: never;
		put?: never;
		/**
		 * Advance a verification's test clock
		 * @description Test mode only (a live key gets 404). Moves this verification's clock forward by `seconds` and runs every provider poll, deadline and personal-data purge that falls due in that time, in order, each with its normal timeline entries and webhooks; answers the updated verification. Its timestamps then read on its own clock. Example: a digit-5 passport expires after `{"seconds": 86400}`.
		 */
		post: operations["advanceTestClock"];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"/api/test/webhook-endpoints/{id}/trigger": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		get?: never;
		put?: never;
		/**
		 * Send a sample event of any type
		 * @description Test mode only (a live key gets 404), like `stripe trigger`: POSTs a signed sample event of `type` to the endpoint now, shaped like the real event and marked `"test": true` (no verification stands behind it), and returns the attempt. Not retried; does not count towards disabling the endpoint.
		 */
		post: operations["triggerTestEvent"];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
}
export interface webhooks {
	"verification-event": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		get?: never;
		put?: never;
		/**
		 * A verification changed status
		 * @description Sent to every enabled endpoint subscribed to its type, signed per Standard Webhooks v1: verify `webhook-signature` with your `whsec_` secret (e.g. the `standardwebhooks` package), deduplicate on `webhook-id`, order by `data.version`. Answer 2xx within 5 s (a slower endpoint moves to a slow lane for 10 minutes); otherwise it is retried for about three days (see docs/webhooks.md). Samples sent by the test-mode trigger carry `"test": true`.
		 */
		post: operations["receiveVerificationEvent"];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"webhook-test": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		get?: never;
		put?: never;
		/**
		 * A test ping
		 * @description Sent by `POST /api/webhook-endpoints/{id}/test` (and the trigger with `type: webhook.test`) to check a receiver and its signature code: signed like every event, sent whatever the endpoint's event-type filter, never retried.
		 */
		post: operations["receiveTestEvent"];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"verification-redacted": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		get?: never;
		put?: never;
		/**
		 * A verification's personal data was erased
		 * @description Sent when the personal data is erased, by `DELETE /api/verifications/{id}` (`reason: partner_request`) or by the retention purge (`reason: retention`), to every enabled endpoint subscribed to it. Not a status change: `data.version` stays. Signed, retried and deduplicated like every event.
		 */
		post: operations["receiveVerificationRedacted"];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"webhook-endpoint-failing": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		get?: never;
		put?: never;
		/**
		 * Another endpoint of the account is failing (10 attempts or 15 min)
		 * @description An operational event: the health of one of the account's webhook endpoints (`data.id`), sent to the account's other enabled endpoints subscribed to it, never to the endpoint it describes, and listed in the event feed. Signed, retried and deduplicated like every event; no personal data.
		 */
		post: operations["receiveWebhookEndpointFailing"];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"webhook-endpoint-disabled": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		get?: never;
		put?: never;
		/**
		 * Another endpoint of the account was disabled
		 * @description An operational event: the health of one of the account's webhook endpoints (`data.id`), sent to the account's other enabled endpoints subscribed to it, never to the endpoint it describes, and listed in the event feed. Signed, retried and deduplicated like every event; no personal data.
		 */
		post: operations["receiveWebhookEndpointDisabled"];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"webhook-endpoint-enabled": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		get?: never;
		put?: never;
		/**
		 * Another endpoint of the account was enabled
		 * @description An operational event: the health of one of the account's webhook endpoints (`data.id`), sent to the account's other enabled endpoints subscribed to it, never to the endpoint it describes, and listed in the event feed. Signed, retried and deduplicated like every event; no personal data.
		 */
		post: operations["receiveWebhookEndpointEnabled"];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	"webhook-endpoint-recovered": {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		get?: never;
		put?: never;
		/**
		 * Another endpoint of the account answered again after failing
		 * @description An operational event: the health of one of the account's webhook endpoints (`data.id`), sent to the account's other enabled endpoints subscribed to it, never to the endpoint it describes, and listed in the event feed. Signed, retried and deduplicated like every event; no personal data.
		 */
		post: operations["receiveWebhookEndpointRecovered"];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
}
export interface components {
	schemas: {
		WebhookEvent: {
			/**
			 * @description Same as `webhook-id`.
			 * @example evt_01JD2X4R8B7Q0V3C5N6M9K1H2G
			 */
			id: string;
			/**
			 * Format: date-time
			 * @example 2026-11-25T12:00:00.000Z
			 */
			timestamp: string;
			/**
			 * @description false in test mode (sandbox), true in live mode.
			 * @example false
			 */
			livemode: boolean;
			/**
			 * @description `verification.<data.status>`.
			 * @enum {string}
			 */
			type:
				| "verification.submitted"
				| "verification.processing"
				| "verification.verified"
				| "verification.failed"
				| "verification.requires_action"
				| "verification.expired";
			/**
			 * @description Present on sample events sent by the test-mode trigger: no verification stands behind them.
			 * @enum {boolean}
			 */
			test?: true;
			data: {
				/** @example ver_01JD2X4R8B7Q0V3C5N6M9K1H2F */
				id: string;
				/** @enum {string} */
				status: "submitted" | "processing" | "verified" | "failed" | "requires_action" | "expired";
				/** @enum {string|null} */
				previous_status: "submitted" | "processing" | "verified" | "failed" | "requires_action" | "expired" | null;
				/**
				 * @description Order events by this, not by arrival. A redaction does not change it.
				 * @example 3
				 */
				version: number;
				reference: string | null;
				last_error: components["schemas"]["LastError"];
				required_action: components["schemas"]["RequiredAction"];
				/**
				 * @description Who must act next: `provider` (a lookup is under way or scheduled), `partner`, or `nothing`.
				 * @enum {string}
				 */
				waiting_on: "provider" | "partner" | "nothing";
			};
		};
		/**
		 * @example {
		 *       "code": "provider_unavailable",
		 *       "message": "Sandbox provider unavailable (attempt 1).",
		 *       "retryable": true
		 *     }
		 */
		LastError: {
			code: components["schemas"]["LastErrorCode"];
			message: string;
			retryable: boolean;
		} | null;
		/**
		 * @description Stable: branch on it. What each means and what to do: `GET /errors/{code}`.
		 * @enum {string}
		 */
		LastErrorCode:
			| "passport_not_found"
			| "registry_record_incomplete"
			| "canceled"
			| "verification_deadline_exceeded"
			| "action_deadline_exceeded"
			| "provider_unavailable"
			| "provider_timeout"
			| "provider_connection_failed"
			| "provider_error"
			| "provider_bad_response"
			| "provider_rate_limited"
			| "provider_retry_later"
			| "provider_call_interrupted"
			| "provider_quota_exceeded"
			| "provider_credentials_invalid"
			| "provider_not_configured"
			| "provider_product_not_enabled"
			| "provider_request_rejected"
			| "provider_wallet_empty"
			| "personal_data_unreadable";
		RequiredAction: {
			code: components["schemas"]["RequiredActionCode"];
			message: string;
			fields: ("passport_number" | "last_name" | "first_name" | "date_of_birth" | "nationality" | "expiry_date")[];
		} | null;
		/**
		 * @description Stable: branch on it. What each means and what to do: `GET /errors/{code}`.
		 * @enum {string}
		 */
		RequiredActionCode:
			| "passport_number_mismatch"
			| "last_name_mismatch"
			| "first_name_mismatch"
			| "date_of_birth_mismatch"
			| "expiry_date_mismatch"
			| "data_mismatch";
		WebhookTestEvent: {
			/**
			 * @description Same as `webhook-id`.
			 * @example evt_01JD2X4R8B7Q0V3C5N6M9K1H2G
			 */
			id: string;
			/**
			 * Format: date-time
			 * @example 2026-11-25T12:00:00.000Z
			 */
			timestamp: string;
			/**
			 * @description false in test mode (sandbox), true in live mode.
			 * @example false
			 */
			livemode: boolean;
			/** @enum {string} */
			type: "webhook.test";
			data: {
				/** @example we_01JD2X4R8B7Q0V3C5N6M9K1H2G */
				endpoint_id: string;
				/** @example A test event from the KYC API. */
				message: string;
			};
		};
		WebhookRedactedEvent: {
			/**
			 * @description Same as `webhook-id`.
			 * @example evt_01JD2X4R8B7Q0V3C5N6M9K1H2G
			 */
			id: string;
			/**
			 * Format: date-time
			 * @example 2026-11-25T12:00:00.000Z
			 */
			timestamp: string;
			/**
			 * @description false in test mode (sandbox), true in live mode.
			 * @example false
			 */
			livemode: boolean;
			/** @enum {string} */
			type: "verification.redacted";
			data: {
				/** @example ver_01JD2X4R8B7Q0V3C5N6M9K1H2F */
				id: string;
				/** @enum {string} */
				status: "submitted" | "processing" | "verified" | "failed" | "requires_action" | "expired";
				/** @enum {string|null} */
				previous_status: "submitted" | "processing" | "verified" | "failed" | "requires_action" | "expired" | null;
				/**
				 * @description Order events by this, not by arrival. A redaction does not change it.
				 * @example 3
				 */
				version: number;
				reference: string | null;
				last_error: components["schemas"]["LastError"];
				required_action: components["schemas"]["RequiredAction"];
				/**
				 * @description Who must act next: `provider` (a lookup is under way or scheduled), `partner`, or `nothing`.
				 * @enum {string}
				 */
				waiting_on: "provider" | "partner" | "nothing";
				/**
				 * Format: date-time
				 * @description When the personal data was erased.
				 * @example 2026-11-25T12:00:00.000Z
				 */
				redacted_at: string;
				/**
				 * @description `partner_request`: `DELETE /api/verifications/{id}`. `retention`: the personal-data retention ran out.
				 * @enum {string}
				 */
				reason: "partner_request" | "retention";
			};
		};
		WebhookFailingEndpointEvent: {
			/**
			 * @description Same as `webhook-id`.
			 * @example evt_01JD2X4R8B7Q0V3C5N6M9K1H2G
			 */
			id: string;
			/**
			 * Format: date-time
			 * @example 2026-11-25T12:00:00.000Z
			 */
			timestamp: string;
			/**
			 * @description false in test mode (sandbox), true in live mode.
			 * @example false
			 */
			livemode: boolean;
			/** @enum {string} */
			type: "webhook_endpoint.failing";
			data: {
				/**
				 * @description The endpoint the event is about.
				 * @example we_01JD2X4R8B7Q0V3C5N6M9K1H2G
				 */
				id: string;
				/** @enum {string} */
				object: "webhook_endpoint";
				/** @example https://hooks.partner.example.com/kyc */
				url: string;
				/**
				 * Format: date-time
				 * @description The first failure of the streak.
				 * @example 2026-11-25T12:00:00.000Z
				 */
				failing_since: string;
				/** @example 10 */
				failed_attempts: number;
				last_error: {
					error_class: components["schemas"]["DeliveryErrorClass"];
					/** @example HTTP 503. */
					message: string | null;
					/** @example 503 */
					response_status: number | null;
				};
				/**
				 * Format: date-time
				 * @description When it is disabled if every attempt keeps failing.
				 * @example 2026-11-25T12:00:00.000Z
				 */
				disabled_at_the_latest: string;
			};
		};
		/**
		 * @description Stable: branch on it. What each means and what to do: `GET /errors/{code}`.
		 * @example http_error
		 * @enum {string|null}
		 */
		DeliveryErrorClass:
			| "timeout"
			| "network_error"
			| "redirect"
			| "http_error"
			| "url_not_allowed"
			| "endpoint_disabled"
			| "signing_secret_unreadable"
			| "retries_exhausted"
			| "exhausted"
			| null;
		WebhookDisabledEndpointEvent: {
			/**
			 * @description Same as `webhook-id`.
			 * @example evt_01JD2X4R8B7Q0V3C5N6M9K1H2G
			 */
			id: string;
			/**
			 * Format: date-time
			 * @example 2026-11-25T12:00:00.000Z
			 */
			timestamp: string;
			/**
			 * @description false in test mode (sandbox), true in live mode.
			 * @example false
			 */
			livemode: boolean;
			/** @enum {string} */
			type: "webhook_endpoint.disabled";
			data: {
				/**
				 * @description The endpoint the event is about.
				 * @example we_01JD2X4R8B7Q0V3C5N6M9K1H2G
				 */
				id: string;
				/** @enum {string} */
				object: "webhook_endpoint";
				/** @example https://hooks.partner.example.com/kyc */
				url: string;
				/**
				 * @description `failing`: every attempt failed for 5 days. `gone`: it answered 410. `partner`: disabled through the API.
				 * @enum {string}
				 */
				reason: "failing" | "gone" | "partner";
				/** @example The endpoint answered 410 Gone. */
				disabled_reason: string;
				/**
				 * Format: date-time
				 * @example 2026-11-25T12:00:00.000Z
				 */
				disabled_at: string;
			};
		};
		WebhookEnabledEndpointEvent: {
			/**
			 * @description Same as `webhook-id`.
			 * @example evt_01JD2X4R8B7Q0V3C5N6M9K1H2G
			 */
			id: string;
			/**
			 * Format: date-time
			 * @example 2026-11-25T12:00:00.000Z
			 */
			timestamp: string;
			/**
			 * @description false in test mode (sandbox), true in live mode.
			 * @example false
			 */
			livemode: boolean;
			/** @enum {string} */
			type: "webhook_endpoint.enabled";
			data: {
				/**
				 * @description The endpoint the event is about.
				 * @example we_01JD2X4R8B7Q0V3C5N6M9K1H2G
				 */
				id: string;
				/** @enum {string} */
				object: "webhook_endpoint";
				/** @example https://hooks.partner.example.com/kyc */
				url: string;
				/**
				 * Format: date-time
				 * @example 2026-11-25T12:00:00.000Z
				 */
				enabled_at: string;
			};
		};
		WebhookRecoveredEndpointEvent: {
			/**
			 * @description Same as `webhook-id`.
			 * @example evt_01JD2X4R8B7Q0V3C5N6M9K1H2G
			 */
			id: string;
			/**
			 * Format: date-time
			 * @example 2026-11-25T12:00:00.000Z
			 */
			timestamp: string;
			/**
			 * @description false in test mode (sandbox), true in live mode.
			 * @example false
			 */
			livemode: boolean;
			/** @enum {string} */
			type: "webhook_endpoint.recovered";
			data: {
				/**
				 * @description The endpoint the event is about.
				 * @example we_01JD2X4R8B7Q0V3C5N6M9K1H2G
				 */
				id: string;
				/** @enum {string} */
				object: "webhook_endpoint";
				/** @example https://hooks.partner.example.com/kyc */
				url: string;
				/**
				 * Format: date-time
				 * @example 2026-11-25T12:00:00.000Z
				 */
				failing_since: string | null;
				/**
				 * Format: date-time
				 * @description When it answered again.
				 * @example 2026-11-25T12:00:00.000Z
				 */
				recovered_at: string;
			};
		};
		Health: {
			/** @enum {string} */
			status: "ok";
		};
		Problem: {
			/**
			 * @description The code's catalogue entry on this API's origin (`GET /errors/{code}`): HTML for people, JSON for tools.
			 * @example https://kyc.example/errors/validation_failed
			 */
			type: string;
			/** @example Validation failed */
			title: string;
			/** @example 422 */
			status: number;
			code: components["schemas"]["ProblemCode"];
			/** @example date_of_birth: must not be in the future */
			detail: string;
			/** @example req_01JD2X4R8B7Q0V3C5N6M9K1H2G */
			request_id: string;
			/** @description Per-field validation errors. */
			errors?: {
				field: string;
				code: string;
				message: string;
			}[];
			/**
			 * @description With `invalid_state`: the status the verification is in.
			 * @enum {string}
			 */
			current_status?: "submitted" | "processing" | "verified" | "failed" | "requires_action" | "expired";
			/**
			 * @description With `duplicate_verification`: the active verification of the same person.
			 * @example ver_01JD2X4R8B7Q0V3C5N6M9K1H2G
			 */
			verification_id?: string;
		} & {
			[key: string]: unknown;
		};
		/**
		 * @description Stable: branch on it. Each code's meaning and remedy is at `type`.
		 * @enum {string}
		 */
		ProblemCode:
			| "bad_request"
			| "cursor_not_found"
			| "invalid_json"
			| "unauthorized"
			| "not_found"
			| "invalid_state"
			| "duplicate_verification"
			| "limit_exceeded"
			| "idempotency_key_in_use"
			| "payload_too_large"
			| "unsupported_media_type"
			| "validation_failed"
			| "url_not_allowed"
			| "idempotency_key_reused"
			| "rate_limited"
			| "internal_error"
			| "service_unavailable";
		ErrorCodeList: {
			/** @enum {string} */
			object: "list";
			data: components["schemas"]["ErrorCode"][];
		};
		ErrorCode: {
			/** @enum {string} */
			object: "error_code";
			/** @example provider_timeout */
			code: string;
			/**
			 * @description Where it appears: `problem` (a problem's `code`), `last_error` (`last_error.code`), `required_action` (`required_action.code`), `error_class` (a delivery's `error_class`).
			 * @example [
			 *       "last_error"
			 *     ]
			 */
			kinds: ("problem" | "last_error" | "required_action" | "error_class")[];
			/** @example Provider timeout */
			title: string;
			/** @description The HTTP status of its problem answer; null when it is not a problem code. */
			status: number | null;
			/** @description Whether it can succeed later: the same request, `POST …/retry` for a verification, `recover` for a delivery. */
			retryable: boolean;
			/** @description What happened. */
			description: string;
			/** @description What to do about it. */
			action: string;
			/** @example https://kyc.example/errors/provider_timeout */
			url: string;
		};
		Verification: {
			/** @example ver_01JD2X4R8B7Q0V3C5N6M9K1H2G */
			id: string;
			/** @enum {string} */
			object: "verification";
			/**
			 * @description false in test mode (sandbox), true in live mode.
			 * @example false
			 */
			livemode: boolean;
			/** @enum {string} */
			status: "submitted" | "processing" | "verified" | "failed" | "requires_action" | "expired";
			/**
			 * @description Who the verification is waiting on: `provider` (submitted or processing: a lookup is in flight or scheduled, see `next_attempt_at`), `partner` (requires_action: retry with corrected fields), `nothing` (verified, failed or expired).
			 * @example provider
			 * @enum {string}
			 */
			waiting_on: "provider" | "partner" | "nothing";
			/**
			 * @description Goes up by one on every status change.
			 * @example 3
			 */
			version: number;
			reference: string | null;
			metadata: {
				[key: string]: string;
			};
			/**
			 * @description Masked: issuing country and last 3 characters only.
			 * @example {
			 *       "country": "NGA",
			 *       "last3": "670"
			 *     }
			 */
			passport: {
				country: string | null;
				last3: string;
			};
			/** @example sandbox */
			provider: string;
			/**
			 * Format: date-time
			 * @example 2026-11-25T12:00:00.000Z
			 */
			created_at: string;
			/**
			 * Format: date-time
			 * @example 2026-11-25T12:00:00.000Z
			 */
			updated_at: string;
			/**
			 * Format: date-time
			 * @description When it expires without a decision (or without your correction).
			 * @example 2026-11-25T12:00:00.000Z
			 */
			expires_at: string | null;
			/**
			 * Format: date-time
			 * @example 2026-11-25T12:00:00.000Z
			 */
			estimated_completion_at: string | null;
			/** @description Provider calls made for the current submission. */
			attempts: number;
			/**
			 * Format: date-time
			 * @example 2026-11-25T12:00:00.000Z
			 */
			next_attempt_at: string | null;
			last_error: components["schemas"]["LastError"];
			required_action: components["schemas"]["RequiredAction"];
			/**
			 * @description Per-field match results from the provider.
			 * @example {
			 *       "passport_number": "match",
			 *       "last_name": "match",
			 *       "date_of_birth": "match"
			 *     }
			 */
			result: {
				[key: string]: "match" | "mismatch" | "not_checked";
			} | null;
			/**
			 * Format: date-time
			 * @description When personal data was erased, if it was.
			 * @example 2026-11-25T12:00:00.000Z
			 */
			redacted_at: string | null;
		};
		VerificationRequest: {
			/**
			 * @description 5 to 20 letters or digits, stored upper-cased; surrounding whitespace is trimmed. In the sandbox its last digit picks the outcome.
			 * @example A12345670
			 */
			passport_number: string;
			/**
			 * @description Letters of any script, spaces, apostrophes, dots and hyphens; surrounding whitespace is trimmed.
			 * @example Okafor
			 */
			last_name: string;
			/**
			 * Format: date
			 * @description On or after 1900-01-01 and not in the future.
			 * @example 1990-04-15
			 */
			date_of_birth: string;
			/**
			 * @description Letters of any script, spaces, apostrophes, dots and hyphens; surrounding whitespace is trimmed.
			 * @example Ada
			 */
			first_name?: string;
			/** @example NGA */
			nationality?: string;
			/**
			 * Format: date
			 * @example 2031-01-31
			 */
			expiry_date?: string;
			/** @description ICAO 9303 TD3 lines; every check digit is validated. */
			mrz?: string[];
			/**
			 * @description Your own id for the user (printable ASCII; surrounding whitespace is trimmed); filterable in the list.
			 * @example user_8812
			 */
			reference?: string;
			/**
			 * @example {
			 *       "plan": "gold"
			 *     }
			 */
			metadata?: {
				[key: string]: string;
			};
		};
		VerificationList: {
			/** @enum {string} */
			object: "list";
			data: components["schemas"]["Verification"][];
			has_more: boolean;
			/** @description Pass as `starting_after` for the next page. */
			next_cursor: string | null;
		};
		/** @description Corrected fields. Required for `requires_action` (at least one field it names); optional otherwise. */
		VerificationRetry: {
			/**
			 * @description 5 to 20 letters or digits, stored upper-cased; surrounding whitespace is trimmed. In the sandbox its last digit picks the outcome.
			 * @example A12345670
			 */
			passport_number?: string;
			/**
			 * @description Letters of any script, spaces, apostrophes, dots and hyphens; surrounding whitespace is trimmed.
			 * @example Okafor
			 */
			last_name?: string;
			/**
			 * Format: date
			 * @description On or after 1900-01-01 and not in the future.
			 * @example 1990-04-15
			 */
			date_of_birth?: string;
			/**
			 * @description Letters of any script, spaces, apostrophes, dots and hyphens; surrounding whitespace is trimmed.
			 * @example Ada
			 */
			first_name?: string;
			/** @example NGA */
			nationality?: string;
			/**
			 * Format: date
			 * @example 2031-01-31
			 */
			expiry_date?: string;
		};
		EventList: {
			/** @enum {string} */
			object: "list";
			data: components["schemas"]["Event"][];
			has_more: boolean;
			/** @description Pass as `starting_after` for the next page. */
			next_cursor: string | null;
		};
		Event: {
			/** @example evt_01JD2X4R8B7Q0V3C5N6M9K1H2G */
			id: string;
			/** @enum {string} */
			object: "event";
			/**
			 * @description false in test mode (sandbox), true in live mode.
			 * @example false
			 */
			livemode: boolean;
			type: components["schemas"]["EventType"];
			/** @description The verification; null for an operational event (see `endpoint_id`). */
			verification_id: string | null;
			/** @description The webhook endpoint an operational event is about; null for the others. */
			endpoint_id: string | null;
			/** @description Whether it changed the verification's status. */
			status_change: boolean;
			/** @description The verification's version; null for an operational event. */
			version: number | null;
			/**
			 * @description The verification's status then; null for an operational event.
			 * @enum {string|null}
			 */
			status: "submitted" | "processing" | "verified" | "failed" | "requires_action" | "expired" | null;
			/** @enum {string|null} */
			previous_status: "submitted" | "processing" | "verified" | "failed" | "requires_action" | "expired" | null;
			/** @description What the step says: for `verification.redacted` `reason` (`partner_request` or `retention`); for an operational event the same `data` its webhook carries. */
			data: {
				[key: string]: unknown;
			};
			/**
			 * Format: date-time
			 * @example 2026-11-25T12:00:00.000Z
			 */
			created_at: string;
		};
		/**
		 * @description `verification.<status>` (a status change), a step of a verification's timeline (`verification.redacted`, `verification.attempt_failed`, …), or an operational event about a webhook endpoint (`webhook_endpoint.failing`, `.disabled`, `.enabled`, `.recovered`).
		 * @example verification.processing
		 * @enum {string}
		 */
		EventType:
			| "verification.submitted"
			| "verification.processing"
			| "verification.verified"
			| "verification.failed"
			| "verification.requires_action"
			| "verification.expired"
			| "verification.redacted"
			| "verification.attempt_failed"
			| "verification.provider_answer_ignored"
			| "verification.test_clock_advanced"
			| "webhook_endpoint.failing"
			| "webhook_endpoint.disabled"
			| "webhook_endpoint.enabled"
			| "webhook_endpoint.recovered";
		/**
		 * @example {
		 *       "object": "provider_status",
		 *       "livemode": true,
		 *       "data": [
		 *         {
		 *           "name": "interswitch",
		 *           "status": "down",
		 *           "success_rate": 0.2,
		 *           "window_seconds": 600,
		 *           "last_changed_at": "2026-11-25T11:58:00.000Z",
		 *           "reason": "circuit_open"
		 *         },
		 *         {
		 *           "name": "prembly",
		 *           "status": "operational",
		 *           "success_rate": 1,
		 *           "window_seconds": 600,
		 *           "last_changed_at": null,
		 *           "reason": null
		 *         }
		 *       ]
		 *     }
		 */
		ProviderStatusList: {
			/** @enum {string} */
			object: "provider_status";
			/** @description Whose providers: live mode's (a live key) or the sandbox pair (a test key). */
			livemode: boolean;
			/** @description In order of preference: a lookup asks the first, and moves on only when one could not answer (timeout, 5xx, retry later, breaker open, an unreadable reply) or refused this service (credentials, wallet). */
			data: components["schemas"]["ProviderStatus"][];
		};
		ProviderStatus: {
			/**
			 * @description The provider, as in a verification's `provider`.
			 * @example interswitch
			 */
			name: string;
			/**
			 * @description `operational`: at least 91 % of lookups answered in the window; `degraded`: 50–91 %; `down`: under 50 %, calls paused by its circuit breaker, or refused for a credential or wallet problem. With no lookups in the window: `operational`.
			 * @example operational
			 * @enum {string}
			 */
			status: "operational" | "degraded" | "down";
			/**
			 * @description Share of the window's lookups the provider answered (about the person, or pending), 0–1; null when it made none (always for the sandbox, which is not measured).
			 * @example 0.9875
			 */
			success_rate: number | null;
			/**
			 * @description The window the rate covers.
			 * @example 600
			 */
			window_seconds: number;
			/**
			 * Format: date-time
			 * @description When `status` last changed (as first seen); null when it never has.
			 * @example 2026-11-25T12:00:00.000Z
			 */
			last_changed_at: string | null;
			/**
			 * @description Why it is not `operational`: `low_success_rate`, `circuit_open`, or the code of a refusal an operator must fix (`provider_credentials_invalid`, `provider_wallet_empty`, `provider_not_configured`, …). Null when operational.
			 * @example null
			 */
			reason: string | null;
		};
		WebhookEndpointWithSecret: components["schemas"]["WebhookEndpoint"] & {
			/**
			 * @description The signing secret. Shown only now: store it. Rotate it if it is lost or leaked.
			 * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw/HpGqJqj7Xk=
			 */
			secret: string;
		};
		WebhookEndpoint: {
			/** @example we_01JD2X4R8B7Q0V3C5N6M9K1H2G */
			id: string;
			/** @enum {string} */
			object: "webhook_endpoint";
			/**
			 * @description false in test mode, true in live mode.
			 * @example false
			 */
			livemode: boolean;
			/** @example https://hooks.partner.example.com/kyc */
			url: string;
			description: string | null;
			event_types:
				| (
						| "verification.submitted"
						| "verification.processing"
						| "verification.verified"
						| "verification.failed"
						| "verification.requires_action"
						| "verification.expired"
						| "verification.redacted"
						| "webhook_endpoint.failing"
						| "webhook_endpoint.disabled"
						| "webhook_endpoint.enabled"
						| "webhook_endpoint.recovered"
				  )[]
				| null;
			/**
			 * @description Deliveries per second at most; null: no limit.
			 * @example null
			 */
			rate_limit: number | null;
			/** @enum {string} */
			status: "enabled" | "disabled";
			/** @example The endpoint answered 410 Gone. */
			disabled_reason: string | null;
			/**
			 * Format: date-time
			 * @example 2026-11-25T12:00:00.000Z
			 */
			disabled_at: string | null;
			/**
			 * Format: date-time
			 * @description While a rotation is open, the previous secret also signs until this time.
			 * @example 2026-11-25T12:00:00.000Z
			 */
			previous_secret_expires_at: string | null;
			/**
			 * Format: date-time
			 * @example 2026-11-25T12:00:00.000Z
			 */
			created_at: string;
			/**
			 * Format: date-time
			 * @example 2026-11-25T12:00:00.000Z
			 */
			updated_at: string;
		};
		WebhookEndpointCreate: {
			/**
			 * @description Where events are POSTed. https only, a public hostname (no IP addresses, no localhost/.local/.internal names), no credentials. In development http://127.0.0.1:<port> and http://localhost:<port> are allowed too.
			 * @example https://hooks.partner.example.com/kyc
			 */
			url: string;
			/** @example Production receiver */
			description?: string | null;
			/**
			 * @description Only these event types are sent. Omit or null for every type.
			 * @example [
			 *       "verification.verified",
			 *       "verification.failed"
			 *     ]
			 */
			event_types?:
				| (
						| "verification.submitted"
						| "verification.processing"
						| "verification.verified"
						| "verification.failed"
						| "verification.requires_action"
						| "verification.expired"
						| "verification.redacted"
						| "webhook_endpoint.failing"
						| "webhook_endpoint.disabled"
						| "webhook_endpoint.enabled"
						| "webhook_endpoint.recovered"
				  )[]
				| null;
			/**
			 * @description At most this many deliveries per second to this endpoint (a throttle, like Svix's `throttleRate`). Deliveries above it wait their turn, in order: none is dropped and waiting is not a failed attempt. Omit or null for no limit.
			 * @example 10
			 */
			rate_limit?: number | null;
		};
		WebhookEndpointList: {
			/** @enum {string} */
			object: "list";
			data: components["schemas"]["WebhookEndpoint"][];
			has_more: boolean;
			/** @description Pass as `starting_after` for the next page. */
			next_cursor: string | null;
		};
		/** @description Only the fields sent change; null clears a field. */
		WebhookEndpointUpdate: {
			/**
			 * @description Where events are POSTed. https only, a public hostname (no IP addresses, no localhost/.local/.internal names), no credentials. In development http://127.0.0.1:<port> and http://localhost:<port> are allowed too.
			 * @example https://hooks.partner.example.com/kyc
			 */
			url?: string;
			/** @example Production receiver */
			description?: string | null;
			/**
			 * @description Only these event types are sent. Omit or null for every type.
			 * @example [
			 *       "verification.verified",
			 *       "verification.failed"
			 *     ]
			 */
			event_types?:
				| (
						| "verification.submitted"
						| "verification.processing"
						| "verification.verified"
						| "verification.failed"
						| "verification.requires_action"
						| "verification.expired"
						| "verification.redacted"
						| "webhook_endpoint.failing"
						| "webhook_endpoint.disabled"
						| "webhook_endpoint.enabled"
						| "webhook_endpoint.recovered"
				  )[]
				| null;
			/**
			 * @description At most this many deliveries per second to this endpoint (a throttle, like Svix's `throttleRate`). Deliveries above it wait their turn, in order: none is dropped and waiting is not a failed attempt. Omit or null for no limit.
			 * @example 10
			 */
			rate_limit?: number | null;
		};
		WebhookEndpointDeleted: {
			id: string;
			/** @enum {string} */
			object: "webhook_endpoint";
			/** @enum {boolean} */
			deleted: true;
		};
		WebhookSecretRotation: {
			/**
			 * @description Stop signing with the old secret at once (a leaked secret) instead of after 24 h.
			 * @default false
			 */
			force: boolean;
		};
		WebhookDelivery: {
			/**
			 * @description `del_` and the event's and the endpoint's ids (52 characters); deliveries made before 2026-12 have 26.
			 * @example del_01JD2X4R8B7Q0V3C5N6M9K1H2G01JD2X3Q0A9C8B7D6E5F4G3H2J
			 */
			id: string;
			/** @enum {string} */
			object: "webhook_delivery";
			/**
			 * @description false in test mode, true in live mode.
			 * @example false
			 */
			livemode: boolean;
			endpoint_id: string;
			/**
			 * @description Also the `webhook-id` header.
			 * @example evt_01JD2X4R8B7Q0V3C5N6M9K1H2G
			 */
			event_id: string;
			/**
			 * @example verification.verified
			 * @enum {string}
			 */
			event_type:
				| "verification.submitted"
				| "verification.processing"
				| "verification.verified"
				| "verification.failed"
				| "verification.requires_action"
				| "verification.expired"
				| "verification.redacted"
				| "webhook_endpoint.failing"
				| "webhook_endpoint.disabled"
				| "webhook_endpoint.enabled"
				| "webhook_endpoint.recovered"
				| "webhook.test";
			/**
			 * @description `pending`: waiting for its first attempt or a retry (or, while its endpoint is failing, parked behind the endpoint's catch-up: `next_attempt_at` is then null). `succeeded`: a 2xx arrived. `failed`: retries exhausted, 410 Gone, or the URL was refused. `skipped`: the endpoint was disabled.
			 * @enum {string}
			 */
			status: "pending" | "succeeded" | "failed" | "skipped";
			/** @example 2 */
			attempts: number;
			/**
			 * @description HTTP status of the last attempt.
			 * @example 500
			 */
			response_status: number | null;
			/** @example 182 */
			latency_ms: number | null;
			error_class: components["schemas"]["DeliveryErrorClass"];
			/** @example HTTP 500. */
			error: string | null;
			/**
			 * Format: date-time
			 * @example 2026-11-25T12:00:00.000Z
			 */
			last_attempt_at: string | null;
			/**
			 * Format: date-time
			 * @example 2026-11-25T12:00:00.000Z
			 */
			next_attempt_at: string | null;
			/**
			 * Format: date-time
			 * @example 2026-11-25T12:00:00.000Z
			 */
			created_at: string;
			/**
			 * Format: date-time
			 * @example 2026-11-25T12:00:00.000Z
			 */
			updated_at: string;
		};
		WebhookDeliveryList: {
			/** @enum {string} */
			object: "list";
			data: components["schemas"]["WebhookDelivery"][];
			has_more: boolean;
			/** @description Pass as `starting_after` for the next page. */
			next_cursor: string | null;
		};
		WebhookRecoveryResult: {
			/** @enum {string} */
			object: "webhook_recovery";
			/**
			 * @description Deliveries queued to be sent again (with `dry_run`: that would be).
			 * @example 3
			 */
			recovered: number;
			dry_run: boolean;
			/**
			 * Format: date-time
			 * @description The window's end used for this walk; pass it on with `next_cursor`.
			 * @example 2026-11-25T12:00:00.000Z
			 */
			until: string;
			/** @description More remain: call again with `starting_after: next_cursor`. */
			has_more: boolean;
			/** @example del_01JD2X4R8B7Q0V3C5N6M9K1H2G01JD2X3Q0A9C8B7D6E5F4G3H2J */
			next_cursor: string | null;
		};
		/**
		 * @example {
		 *       "since": "2026-11-25T00:00:00.000Z"
		 *     }
		 */
		WebhookRecovery: {
			/**
			 * Format: date-time
			 * @description Re-send deliveries created at or after this time.
			 * @example 2026-11-25T12:00:00.000Z
			 */
			since: string;
			/**
			 * Format: date-time
			 * @description …and before this time. Defaults to the first call's time, so a window is walked once.
			 * @example 2026-11-25T12:00:00.000Z
			 */
			until?: string;
			/** @description The previous call's `next_cursor`: continue the walk after it. */
			starting_after?: string;
			/** @description Only this event's delivery (whatever its status). */
			event_id?: string;
			/** @description Count what would be re-sent; send nothing. */
			dry_run?: boolean;
		};
		/**
		 * @example {
		 *       "seconds": 86400
		 *     }
		 */
		TestClockAdvance: {
			/**
			 * @description How far to move this verification's clock. Everything due in that time runs, in order.
			 * @example 86400
			 */
			seconds: number;
		};
		/**
		 * @example {
		 *       "type": "verification.verified"
		 *     }
		 */
		TestEventTrigger: {
			/**
			 * @description The event type to send a sample of.
			 * @example verification.verified
			 * @enum {string}
			 */
			type:
				| "verification.submitted"
				| "verification.processing"
				| "verification.verified"
				| "verification.failed"
				| "verification.requires_action"
				| "verification.expired"
				| "webhook.test";
		};
	};
	responses: never;
	parameters: never;
	requestBodies: never;
	headers: never;
	pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
	getHealth: {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description The worker is up. */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["Health"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	listErrors: {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description Every entry, problem codes first. */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["ErrorCodeList"];
					"text/html": string;
				};
			};
		};
	};
	getError: {
		parameters: {
			query?: never;
			header?: never;
			path: {
				code: string;
			};
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description The code's catalogue entry. */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["ErrorCode"];
					"text/html": string;
				};
			};
			/** @description The service never sends this code. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	listVerifications: {
		parameters: {
			query?: {
				limit?: number;
				starting_after?: string;
				status?: "submitted" | "processing" | "verified" | "failed" | "requires_action" | "expired";
				reference?: string;
			};
			header?: {
				/** @description The `ETag` of the representation you hold: while it is still current the answer is `304 Not Modified` with no body. */
				"if-none-match"?: string;
				/** @description A `Consistency-Bookmark` an earlier answer carried: this read then sees at least everything that request wrote. Without one, reads may come from a nearby read replica a moment behind. Send it back as it came: a value this API did not give (it carries a MAC) is a `400`. */
				"consistency-bookmark"?: string;
			};
			path?: never;
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description A page of verifications. */
			200: {
				headers: {
					/** @description Weak validator of this answer (a digest of its body): send it back as `If-None-Match` to get a 304 while nothing changed. */
					ETag: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["VerificationList"];
				};
			};
			/** @description Not modified: the `If-None-Match` tag is still current; no body. */
			304: {
				headers: {
					/** @description Weak validator of this answer (a digest of its body): send it back as `If-None-Match` to get a 304 while nothing changed. */
					ETag: string;
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	createVerification: {
		parameters: {
			query?: never;
			header?: {
				/** @description Makes retrying this request safe: the same key with the same request returns the first answer (`Idempotent-Replayed: true`) for 24 h; with another request it is a 422 `idempotency_key_reused`, and while the first is still running a 409 `idempotency_key_in_use`. */
				"idempotency-key"?: string;
			};
			path?: never;
			cookie?: never;
		};
		requestBody: {
			content: {
				"application/json": components["schemas"]["VerificationRequest"];
			};
		};
		responses: {
			/** @description Accepted; watch `status` or your webhook endpoint. */
			202: {
				headers: {
					/** @description `true` when this replays an earlier request. */
					"Idempotent-Replayed"?: string;
					/** @description `true` when an active verification of the same person was returned instead. */
					"Duplicate-Of-Active"?: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["Verification"];
				};
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	getVerification: {
		parameters: {
			query?: never;
			header?: {
				/** @description The `ETag` of the representation you hold: while it is still current the answer is `304 Not Modified` with no body. */
				"if-none-match"?: string;
				/** @description A `Consistency-Bookmark` an earlier answer carried: this read then sees at least everything that request wrote. Without one, reads may come from a nearby read replica a moment behind. Send it back as it came: a value this API did not give (it carries a MAC) is a `400`. */
				"consistency-bookmark"?: string;
			};
			path: {
				id: string;
			};
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description The verification. */
			200: {
				headers: {
					/** @description Weak validator of this answer (a digest of its body): send it back as `If-None-Match` to get a 304 while nothing changed. */
					ETag: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["Verification"];
				};
			};
			/** @description Not modified: the `If-None-Match` tag is still current; no body. */
			304: {
				headers: {
					/** @description Weak validator of this answer (a digest of its body): send it back as `If-None-Match` to get a 304 while nothing changed. */
					ETag: string;
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	redactVerification: {
		parameters: {
			query?: never;
			header?: {
				/** @description Makes retrying this request safe: the same key with the same request returns the first answer (`Idempotent-Replayed: true`) for 24 h; with another request it is a 422 `idempotency_key_reused`, and while the first is still running a 409 `idempotency_key_in_use`. */
				"idempotency-key"?: string;
			};
			path: {
				id: string;
			};
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description Redacted. */
			200: {
				headers: {
					/** @description `true` when this replays the answer to an earlier request with the same key. */
					"Idempotent-Replayed"?: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["Verification"];
				};
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description The request conflicts with the resource's current state. */
			409: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	retryVerification: {
		parameters: {
			query?: never;
			header?: {
				/** @description Makes retrying this request safe: the same key with the same request returns the first answer (`Idempotent-Replayed: true`) for 24 h; with another request it is a 422 `idempotency_key_reused`, and while the first is still running a 409 `idempotency_key_in_use`. */
				"idempotency-key"?: string;
			};
			path: {
				id: string;
			};
			cookie?: never;
		};
		requestBody?: {
			content: {
				"application/json": components["schemas"]["VerificationRetry"];
			};
		};
		responses: {
			/** @description Resubmitted. */
			202: {
				headers: {
					/** @description `true` when this replays the answer to an earlier request with the same key. */
					"Idempotent-Replayed"?: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["Verification"];
				};
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description `invalid_state`: not retryable from its status (`current_status`). `duplicate_verification`: another verification of the same person is active (`verification_id`). */
			409: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	cancelVerification: {
		parameters: {
			query?: never;
			header?: {
				/** @description Makes retrying this request safe: the same key with the same request returns the first answer (`Idempotent-Replayed: true`) for 24 h; with another request it is a 422 `idempotency_key_reused`, and while the first is still running a 409 `idempotency_key_in_use`. */
				"idempotency-key"?: string;
			};
			path: {
				id: string;
			};
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description Canceled. */
			200: {
				headers: {
					/** @description `true` when this replays the answer to an earlier request with the same key. */
					"Idempotent-Replayed"?: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["Verification"];
				};
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description The request conflicts with the resource's current state. */
			409: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	listVerificationEvents: {
		parameters: {
			query?: {
				limit?: number;
				starting_after?: string;
			};
			header?: {
				/** @description The `ETag` of the representation you hold: while it is still current the answer is `304 Not Modified` with no body. */
				"if-none-match"?: string;
				/** @description A `Consistency-Bookmark` an earlier answer carried: this read then sees at least everything that request wrote. Without one, reads may come from a nearby read replica a moment behind. Send it back as it came: a value this API did not give (it carries a MAC) is a `400`. */
				"consistency-bookmark"?: string;
			};
			path: {
				id: string;
			};
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description The timeline. */
			200: {
				headers: {
					/** @description Weak validator of this answer (a digest of its body): send it back as `If-None-Match` to get a 304 while nothing changed. */
					ETag: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["EventList"];
				};
			};
			/** @description Not modified: the `If-None-Match` tag is still current; no body. */
			304: {
				headers: {
					/** @description Weak validator of this answer (a digest of its body): send it back as `If-None-Match` to get a 304 while nothing changed. */
					ETag: string;
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	listEvents: {
		parameters: {
			query?: {
				limit?: number;
				starting_after?: string;
				type?:
					| "verification.submitted"
					| "verification.processing"
					| "verification.verified"
					| "verification.failed"
					| "verification.requires_action"
					| "verification.expired"
					| "verification.redacted"
					| "webhook_endpoint.failing"
					| "webhook_endpoint.disabled"
					| "webhook_endpoint.enabled"
					| "webhook_endpoint.recovered";
				"created[gte]"?: string;
				"created[lt]"?: string;
			};
			header?: {
				/** @description The `ETag` of the representation you hold: while it is still current the answer is `304 Not Modified` with no body. */
				"if-none-match"?: string;
				/** @description A `Consistency-Bookmark` an earlier answer carried: this read then sees at least everything that request wrote. Without one, reads may come from a nearby read replica a moment behind. Send it back as it came: a value this API did not give (it carries a MAC) is a `400`. */
				"consistency-bookmark"?: string;
			};
			path?: never;
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description A page of events. */
			200: {
				headers: {
					/** @description Weak validator of this answer (a digest of its body): send it back as `If-None-Match` to get a 304 while nothing changed. */
					ETag: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["EventList"];
				};
			};
			/** @description Not modified: the `If-None-Match` tag is still current; no body. */
			304: {
				headers: {
					/** @description Weak validator of this answer (a digest of its body): send it back as `If-None-Match` to get a 304 while nothing changed. */
					ETag: string;
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Malformed request (bad query parameter), or `starting_after` is not an event of this feed (`cursor_not_found`). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	getProviderStatus: {
		parameters: {
			query?: never;
			header?: {
				/** @description The `ETag` of the representation you hold: while it is still current the answer is `304 Not Modified` with no body. */
				"if-none-match"?: string;
				/** @description A `Consistency-Bookmark` an earlier answer carried: this read then sees at least everything that request wrote. Without one, reads may come from a nearby read replica a moment behind. Send it back as it came: a value this API did not give (it carries a MAC) is a `400`. */
				"consistency-bookmark"?: string;
			};
			path?: never;
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description The providers, in order of preference. */
			200: {
				headers: {
					/** @description Weak validator of this answer (a digest of its body): send it back as `If-None-Match` to get a 304 while nothing changed. */
					ETag: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["ProviderStatusList"];
				};
			};
			/** @description Not modified: the `If-None-Match` tag is still current; no body. */
			304: {
				headers: {
					/** @description Weak validator of this answer (a digest of its body): send it back as `If-None-Match` to get a 304 while nothing changed. */
					ETag: string;
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	listWebhookEndpoints: {
		parameters: {
			query?: {
				limit?: number;
				starting_after?: string;
			};
			header?: {
				/** @description The `ETag` of the representation you hold: while it is still current the answer is `304 Not Modified` with no body. */
				"if-none-match"?: string;
				/** @description A `Consistency-Bookmark` an earlier answer carried: this read then sees at least everything that request wrote. Without one, reads may come from a nearby read replica a moment behind. Send it back as it came: a value this API did not give (it carries a MAC) is a `400`. */
				"consistency-bookmark"?: string;
			};
			path?: never;
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description A page of endpoints. */
			200: {
				headers: {
					/** @description Weak validator of this answer (a digest of its body): send it back as `If-None-Match` to get a 304 while nothing changed. */
					ETag: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["WebhookEndpointList"];
				};
			};
			/** @description Not modified: the `If-None-Match` tag is still current; no body. */
			304: {
				headers: {
					/** @description Weak validator of this answer (a digest of its body): send it back as `If-None-Match` to get a 304 while nothing changed. */
					ETag: string;
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	createWebhookEndpoint: {
		parameters: {
			query?: never;
			header?: {
				/** @description Makes retrying this request safe: the same key with the same request returns the first answer (`Idempotent-Replayed: true`) for 24 h; with another request it is a 422 `idempotency_key_reused`, and while the first is still running a 409 `idempotency_key_in_use`. */
				"idempotency-key"?: string;
			};
			path?: never;
			cookie?: never;
		};
		requestBody: {
			content: {
				"application/json": components["schemas"]["WebhookEndpointCreate"];
			};
		};
		responses: {
			/** @description Registered. */
			201: {
				headers: {
					/** @description `true` when this replays the answer to an earlier request with the same key. */
					"Idempotent-Replayed"?: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["WebhookEndpointWithSecret"];
				};
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description The request conflicts with the resource's current state. */
			409: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	getWebhookEndpoint: {
		parameters: {
			query?: never;
			header?: {
				/** @description The `ETag` of the representation you hold: while it is still current the answer is `304 Not Modified` with no body. */
				"if-none-match"?: string;
				/** @description A `Consistency-Bookmark` an earlier answer carried: this read then sees at least everything that request wrote. Without one, reads may come from a nearby read replica a moment behind. Send it back as it came: a value this API did not give (it carries a MAC) is a `400`. */
				"consistency-bookmark"?: string;
			};
			path: {
				id: string;
			};
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description The endpoint (without its secret). */
			200: {
				headers: {
					/** @description Weak validator of this answer (a digest of its body): send it back as `If-None-Match` to get a 304 while nothing changed. */
					ETag: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["WebhookEndpoint"];
				};
			};
			/** @description Not modified: the `If-None-Match` tag is still current; no body. */
			304: {
				headers: {
					/** @description Weak validator of this answer (a digest of its body): send it back as `If-None-Match` to get a 304 while nothing changed. */
					ETag: string;
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	deleteWebhookEndpoint: {
		parameters: {
			query?: never;
			header?: {
				/** @description Makes retrying this request safe: the same key with the same request returns the first answer (`Idempotent-Replayed: true`) for 24 h; with another request it is a 422 `idempotency_key_reused`, and while the first is still running a 409 `idempotency_key_in_use`. */
				"idempotency-key"?: string;
			};
			path: {
				id: string;
			};
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description Deleted. */
			200: {
				headers: {
					/** @description `true` when this replays the answer to an earlier request with the same key. */
					"Idempotent-Replayed"?: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["WebhookEndpointDeleted"];
				};
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	updateWebhookEndpoint: {
		parameters: {
			query?: never;
			header?: {
				/** @description Makes retrying this request safe: the same key with the same request returns the first answer (`Idempotent-Replayed: true`) for 24 h; with another request it is a 422 `idempotency_key_reused`, and while the first is still running a 409 `idempotency_key_in_use`. */
				"idempotency-key"?: string;
			};
			path: {
				id: string;
			};
			cookie?: never;
		};
		requestBody: {
			content: {
				"application/json": components["schemas"]["WebhookEndpointUpdate"];
			};
		};
		responses: {
			/** @description Updated. */
			200: {
				headers: {
					/** @description `true` when this replays the answer to an earlier request with the same key. */
					"Idempotent-Replayed"?: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["WebhookEndpoint"];
				};
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	enableWebhookEndpoint: {
		parameters: {
			query?: never;
			header?: {
				/** @description Makes retrying this request safe: the same key with the same request returns the first answer (`Idempotent-Replayed: true`) for 24 h; with another request it is a 422 `idempotency_key_reused`, and while the first is still running a 409 `idempotency_key_in_use`. */
				"idempotency-key"?: string;
			};
			path: {
				id: string;
			};
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description The endpoint. */
			200: {
				headers: {
					/** @description `true` when this replays the answer to an earlier request with the same key. */
					"Idempotent-Replayed"?: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["WebhookEndpoint"];
				};
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	disableWebhookEndpoint: {
		parameters: {
			query?: never;
			header?: {
				/** @description Makes retrying this request safe: the same key with the same request returns the first answer (`Idempotent-Replayed: true`) for 24 h; with another request it is a 422 `idempotency_key_reused`, and while the first is still running a 409 `idempotency_key_in_use`. */
				"idempotency-key"?: string;
			};
			path: {
				id: string;
			};
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description The endpoint. */
			200: {
				headers: {
					/** @description `true` when this replays the answer to an earlier request with the same key. */
					"Idempotent-Replayed"?: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["WebhookEndpoint"];
				};
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	rotateWebhookEndpointSecret: {
		parameters: {
			query?: never;
			header?: {
				/** @description Makes retrying this request safe: the same key with the same request returns the first answer (`Idempotent-Replayed: true`) for 24 h; with another request it is a 422 `idempotency_key_reused`, and while the first is still running a 409 `idempotency_key_in_use`. */
				"idempotency-key"?: string;
			};
			path: {
				id: string;
			};
			cookie?: never;
		};
		requestBody?: {
			content: {
				"application/json": components["schemas"]["WebhookSecretRotation"];
			};
		};
		responses: {
			/** @description Rotated. */
			200: {
				headers: {
					/** @description `true` when this replays the answer to an earlier request with the same key. */
					"Idempotent-Replayed"?: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["WebhookEndpointWithSecret"];
				};
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	testWebhookEndpoint: {
		parameters: {
			query?: never;
			header?: {
				/** @description Makes retrying this request safe: the same key with the same request returns the first answer (`Idempotent-Replayed: true`) for 24 h; with another request it is a 422 `idempotency_key_reused`, and while the first is still running a 409 `idempotency_key_in_use`. */
				"idempotency-key"?: string;
			};
			path: {
				id: string;
			};
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description The attempt, successful or not. */
			200: {
				headers: {
					/** @description `true` when this replays the answer to an earlier request with the same key. */
					"Idempotent-Replayed"?: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["WebhookDelivery"];
				};
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	listDeliveries: {
		parameters: {
			query?: {
				limit?: number;
				starting_after?: string;
				status?: "pending" | "succeeded" | "failed" | "skipped";
			};
			header?: {
				/** @description The `ETag` of the representation you hold: while it is still current the answer is `304 Not Modified` with no body. */
				"if-none-match"?: string;
				/** @description A `Consistency-Bookmark` an earlier answer carried: this read then sees at least everything that request wrote. Without one, reads may come from a nearby read replica a moment behind. Send it back as it came: a value this API did not give (it carries a MAC) is a `400`. */
				"consistency-bookmark"?: string;
			};
			path: {
				id: string;
			};
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description A page of deliveries. */
			200: {
				headers: {
					/** @description Weak validator of this answer (a digest of its body): send it back as `If-None-Match` to get a 304 while nothing changed. */
					ETag: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["WebhookDeliveryList"];
				};
			};
			/** @description Not modified: the `If-None-Match` tag is still current; no body. */
			304: {
				headers: {
					/** @description Weak validator of this answer (a digest of its body): send it back as `If-None-Match` to get a 304 while nothing changed. */
					ETag: string;
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	recoverDeliveries: {
		parameters: {
			query?: never;
			header?: {
				/** @description Makes retrying this request safe: the same key with the same request returns the first answer (`Idempotent-Replayed: true`) for 24 h; with another request it is a 422 `idempotency_key_reused`, and while the first is still running a 409 `idempotency_key_in_use`. */
				"idempotency-key"?: string;
			};
			path: {
				id: string;
			};
			cookie?: never;
		};
		requestBody: {
			content: {
				"application/json": components["schemas"]["WebhookRecovery"];
			};
		};
		responses: {
			/** @description Queued. */
			202: {
				headers: {
					/** @description `true` when this replays the answer to an earlier request with the same key. */
					"Idempotent-Replayed"?: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["WebhookRecoveryResult"];
				};
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description The request conflicts with the resource's current state. */
			409: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	resendDelivery: {
		parameters: {
			query?: never;
			header?: {
				/** @description Makes retrying this request safe: the same key with the same request returns the first answer (`Idempotent-Replayed: true`) for 24 h; with another request it is a 422 `idempotency_key_reused`, and while the first is still running a 409 `idempotency_key_in_use`. */
				"idempotency-key"?: string;
			};
			path: {
				id: string;
				delivery_id: string;
			};
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description Queued; the delivery as it now stands. */
			202: {
				headers: {
					/** @description `true` when this replays the answer to an earlier request with the same key. */
					"Idempotent-Replayed"?: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["WebhookDelivery"];
				};
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description The request conflicts with the resource's current state. */
			409: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	advanceTestClock: {
		parameters: {
			query?: never;
			header?: {
				/** @description Makes retrying this request safe: the same key with the same request returns the first answer (`Idempotent-Replayed: true`) for 24 h; with another request it is a 422 `idempotency_key_reused`, and while the first is still running a 409 `idempotency_key_in_use`. */
				"idempotency-key"?: string;
			};
			path: {
				id: string;
			};
			cookie?: never;
		};
		requestBody: {
			content: {
				/**
				 * @example {
				 *       "seconds": 86400
				 *     }
				 */
				"application/json": components["schemas"]["TestClockAdvance"];
			};
		};
		responses: {
			/** @description The verification after the clock moved. */
			200: {
				headers: {
					/** @description `true` when this replays the answer to an earlier request with the same key. */
					"Idempotent-Replayed"?: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["Verification"];
				};
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	triggerTestEvent: {
		parameters: {
			query?: never;
			header?: {
				/** @description Makes retrying this request safe: the same key with the same request returns the first answer (`Idempotent-Replayed: true`) for 24 h; with another request it is a 422 `idempotency_key_reused`, and while the first is still running a 409 `idempotency_key_in_use`. */
				"idempotency-key"?: string;
			};
			path: {
				id: string;
			};
			cookie?: never;
		};
		requestBody: {
			content: {
				/**
				 * @example {
				 *       "type": "verification.requires_action"
				 *     }
				 */
				"application/json": components["schemas"]["TestEventTrigger"];
			};
		};
		responses: {
			/** @description The attempt, successful or not. */
			200: {
				headers: {
					/** @description `true` when this replays the answer to an earlier request with the same key. */
					"Idempotent-Replayed"?: string;
					[name: string]: unknown;
				};
				content: {
					"application/json": components["schemas"]["WebhookDelivery"];
				};
			};
			/** @description Malformed request (bad JSON, bad query parameter). */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Missing, unknown or revoked API key. */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description No such resource for this client. */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Request body larger than allowed. */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Body is not application/json. */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Validation failed; see `errors[]`. */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Rate limited; see `Retry-After`. */
			429: {
				headers: {
					/** @description Seconds until the window has room again: the key's, or for failed authentications the client address's. */
					"Retry-After": string;
					/** @description Nothing left (`r=0`) for `t` seconds. */
					RateLimit: string;
					/** @description The limit: quota `q` per window `w` seconds, the key's (also sent on every authenticated answer) or `"auth"`, failed authentications per client address. */
					"RateLimit-Policy": string;
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description Unexpected error; nothing internal is disclosed. */
			500: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
			/** @description A dependency is unavailable or not configured; try again later. */
			503: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					"application/problem+json": components["schemas"]["Problem"];
				};
			};
		};
	};
	receiveVerificationEvent: {
		parameters: {
			query?: never;
			header: {
				/** @description The event id: deduplicate on it. */
				"webhook-id": string;
				/** @description Unix seconds of this attempt. */
				"webhook-timestamp": string;
				/** @description Space-separated `v1,<base64>` entries; two while a secret rotation is open. */
				"webhook-signature": string;
			};
			path?: never;
			cookie?: never;
		};
		requestBody: {
			content: {
				"application/json": components["schemas"]["WebhookEvent"];
			};
		};
		responses: {
			/** @description Any 2xx acknowledges the event. */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Gone: this delivery fails and the endpoint is disabled until it is enabled again. */
			410: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Anything else (or no answer within 5 s) is retried on the ladder, honouring `Retry-After`. */
			default: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
		};
	};
	receiveTestEvent: {
		parameters: {
			query?: never;
			header: {
				/** @description The event id: deduplicate on it. */
				"webhook-id": string;
				/** @description Unix seconds of this attempt. */
				"webhook-timestamp": string;
				/** @description Space-separated `v1,<base64>` entries; two while a secret rotation is open. */
				"webhook-signature": string;
			};
			path?: never;
			cookie?: never;
		};
		requestBody: {
			content: {
				/**
				 * @example {
				 *       "id": "evt_01JD2X4R8B7Q0V3C5N6M9K1H2G",
				 *       "type": "webhook.test",
				 *       "timestamp": "2026-11-25T12:00:00.000Z",
				 *       "livemode": false,
				 *       "data": {
				 *         "endpoint_id": "we_01JD2X4R8B7Q0V3C5N6M9K1H2G",
				 *         "message": "A test event from the KYC API."
				 *       }
				 *     }
				 */
				"application/json": components["schemas"]["WebhookTestEvent"];
			};
		};
		responses: {
			/** @description Any 2xx: the attempt reads `succeeded`. */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Reported on the attempt like any failure; a ping never disables the endpoint. */
			410: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Reported on the attempt (`response_status`, `error_class`); not retried. */
			default: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
		};
	};
	receiveVerificationRedacted: {
		parameters: {
			query?: never;
			header: {
				/** @description The event id: deduplicate on it. */
				"webhook-id": string;
				/** @description Unix seconds of this attempt. */
				"webhook-timestamp": string;
				/** @description Space-separated `v1,<base64>` entries; two while a secret rotation is open. */
				"webhook-signature": string;
			};
			path?: never;
			cookie?: never;
		};
		requestBody: {
			content: {
				/**
				 * @example {
				 *       "id": "evt_01JD2X4R8B7Q0V3C5N6M9K1H2G",
				 *       "timestamp": "2026-11-25T12:00:00.000Z",
				 *       "livemode": false,
				 *       "type": "verification.redacted",
				 *       "data": {
				 *         "id": "ver_01JD2X4R8B7Q0V3C5N6M9K1H2F",
				 *         "status": "verified",
				 *         "previous_status": "processing",
				 *         "version": 3,
				 *         "reference": "user_8812",
				 *         "last_error": null,
				 *         "required_action": null,
				 *         "waiting_on": "nothing",
				 *         "redacted_at": "2026-11-25T12:00:00.000Z",
				 *         "reason": "partner_request"
				 *       }
				 *     }
				 */
				"application/json": components["schemas"]["WebhookRedactedEvent"];
			};
		};
		responses: {
			/** @description Any 2xx acknowledges the event. */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Gone: this delivery fails and the endpoint is disabled until it is enabled again. */
			410: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Anything else (or no answer within 5 s) is retried on the ladder, honouring `Retry-After`. */
			default: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
		};
	};
	receiveWebhookEndpointFailing: {
		parameters: {
			query?: never;
			header: {
				/** @description The event id: deduplicate on it. */
				"webhook-id": string;
				/** @description Unix seconds of this attempt. */
				"webhook-timestamp": string;
				/** @description Space-separated `v1,<base64>` entries; two while a secret rotation is open. */
				"webhook-signature": string;
			};
			path?: never;
			cookie?: never;
		};
		requestBody: {
			content: {
				/**
				 * @example {
				 *       "id": "evt_01JD2X4R8B7Q0V3C5N6M9K1H2G",
				 *       "timestamp": "2026-11-25T12:00:00.000Z",
				 *       "livemode": false,
				 *       "type": "webhook_endpoint.failing",
				 *       "data": {
				 *         "id": "we_01JD2X4R8B7Q0V3C5N6M9K1H2G",
				 *         "object": "webhook_endpoint",
				 *         "url": "https://hooks.partner.example.com/kyc",
				 *         "failing_since": "2026-11-25T11:45:00.000Z",
				 *         "failed_attempts": 10,
				 *         "last_error": {
				 *           "error_class": "http_error",
				 *           "message": "HTTP 503.",
				 *           "response_status": 503
				 *         },
				 *         "disabled_at_the_latest": "2026-11-30T11:45:00.000Z"
				 *       }
				 *     }
				 */
				"application/json": components["schemas"]["WebhookFailingEndpointEvent"];
			};
		};
		responses: {
			/** @description Any 2xx acknowledges the event. */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Gone: this delivery fails and the endpoint is disabled until it is enabled again. */
			410: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Anything else (or no answer within 5 s) is retried on the ladder, honouring `Retry-After`. */
			default: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
		};
	};
	receiveWebhookEndpointDisabled: {
		parameters: {
			query?: never;
			header: {
				/** @description The event id: deduplicate on it. */
				"webhook-id": string;
				/** @description Unix seconds of this attempt. */
				"webhook-timestamp": string;
				/** @description Space-separated `v1,<base64>` entries; two while a secret rotation is open. */
				"webhook-signature": string;
			};
			path?: never;
			cookie?: never;
		};
		requestBody: {
			content: {
				/**
				 * @example {
				 *       "id": "evt_01JD2X4R8B7Q0V3C5N6M9K1H2G",
				 *       "timestamp": "2026-11-25T12:00:00.000Z",
				 *       "livemode": false,
				 *       "type": "webhook_endpoint.disabled",
				 *       "data": {
				 *         "id": "we_01JD2X4R8B7Q0V3C5N6M9K1H2G",
				 *         "object": "webhook_endpoint",
				 *         "url": "https://hooks.partner.example.com/kyc",
				 *         "reason": "gone",
				 *         "disabled_reason": "The endpoint answered 410 Gone.",
				 *         "disabled_at": "2026-11-25T12:00:00.000Z"
				 *       }
				 *     }
				 */
				"application/json": components["schemas"]["WebhookDisabledEndpointEvent"];
			};
		};
		responses: {
			/** @description Any 2xx acknowledges the event. */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Gone: this delivery fails and the endpoint is disabled until it is enabled again. */
			410: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Anything else (or no answer within 5 s) is retried on the ladder, honouring `Retry-After`. */
			default: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
		};
	};
	receiveWebhookEndpointEnabled: {
		parameters: {
			query?: never;
			header: {
				/** @description The event id: deduplicate on it. */
				"webhook-id": string;
				/** @description Unix seconds of this attempt. */
				"webhook-timestamp": string;
				/** @description Space-separated `v1,<base64>` entries; two while a secret rotation is open. */
				"webhook-signature": string;
			};
			path?: never;
			cookie?: never;
		};
		requestBody: {
			content: {
				/**
				 * @example {
				 *       "id": "evt_01JD2X4R8B7Q0V3C5N6M9K1H2G",
				 *       "timestamp": "2026-11-25T12:00:00.000Z",
				 *       "livemode": false,
				 *       "type": "webhook_endpoint.enabled",
				 *       "data": {
				 *         "id": "we_01JD2X4R8B7Q0V3C5N6M9K1H2G",
				 *         "object": "webhook_endpoint",
				 *         "url": "https://hooks.partner.example.com/kyc",
				 *         "enabled_at": "2026-11-25T12:00:00.000Z"
				 *       }
				 *     }
				 */
				"application/json": components["schemas"]["WebhookEnabledEndpointEvent"];
			};
		};
		responses: {
			/** @description Any 2xx acknowledges the event. */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Gone: this delivery fails and the endpoint is disabled until it is enabled again. */
			410: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Anything else (or no answer within 5 s) is retried on the ladder, honouring `Retry-After`. */
			default: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
		};
	};
	receiveWebhookEndpointRecovered: {
		parameters: {
			query?: never;
			header: {
				/** @description The event id: deduplicate on it. */
				"webhook-id": string;
				/** @description Unix seconds of this attempt. */
				"webhook-timestamp": string;
				/** @description Space-separated `v1,<base64>` entries; two while a secret rotation is open. */
				"webhook-signature": string;
			};
			path?: never;
			cookie?: never;
		};
		requestBody: {
			content: {
				/**
				 * @example {
				 *       "id": "evt_01JD2X4R8B7Q0V3C5N6M9K1H2G",
				 *       "timestamp": "2026-11-25T12:00:00.000Z",
				 *       "livemode": false,
				 *       "type": "webhook_endpoint.recovered",
				 *       "data": {
				 *         "id": "we_01JD2X4R8B7Q0V3C5N6M9K1H2G",
				 *         "object": "webhook_endpoint",
				 *         "url": "https://hooks.partner.example.com/kyc",
				 *         "failing_since": "2026-11-25T11:45:00.000Z",
				 *         "recovered_at": "2026-11-25T12:00:00.000Z"
				 *       }
				 *     }
				 */
				"application/json": components["schemas"]["WebhookRecoveredEndpointEvent"];
			};
		};
		responses: {
			/** @description Any 2xx acknowledges the event. */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Gone: this delivery fails and the endpoint is disabled until it is enabled again. */
			410: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
			/** @description Anything else (or no answer within 5 s) is retried on the ladder, honouring `Retry-After`. */
			default: {
				headers: {
					[name: string]: unknown;
				};
				content?: never;
			};
		};
	};
}
