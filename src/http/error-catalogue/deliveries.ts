import { type ErrorClass } from "../../webhooks/http-attempt";
import { type EntryText } from "./entry";

const attempt = (title: string, what: string, action: string): Required<EntryText> => ({
	title,
	retryable: true,
	what: `${what} The delivery is retried on the ladder (about three days), then \`failed\`.`,
	action,
});

/** A delivery's `error_class` (`url_not_allowed` is shared with the problem code and described there). */
export const ERROR_CLASS_TEXTS: Record<Exclude<ErrorClass, "url_not_allowed">, Required<EntryText>> = {
	timeout: attempt(
		"Webhook timeout",
		"Your endpoint did not answer within the attempt's limit (5 s on the main lane, 15 s on the slow lane).",
		"Answer 2xx at once and do the work afterwards.",
	),
	network_error: attempt(
		"Webhook network error",
		"The connection to your endpoint failed before a response arrived (DNS, TLS, refused).",
		"Check that the URL resolves and serves a valid certificate.",
	),
	redirect: attempt(
		"Webhook redirect",
		"Your endpoint answered 3xx; redirects are not followed.",
		"Register the final URL.",
	),
	http_error: attempt(
		"Webhook HTTP error",
		"Your endpoint answered a status other than 2xx (`response_status`); 410 Gone disables the endpoint instead.",
		"Fix the receiver; `Retry-After` on 429 and 503 is honoured.",
	),
	endpoint_disabled: {
		title: "Endpoint disabled",
		retryable: true,
		what: "The endpoint was disabled when the event happened: the delivery is `skipped`, not attempted.",
		action: "Enable the endpoint (`POST …/enable`), then `recover` what it missed.",
	},
	signing_secret_unreadable: {
		title: "Signing secret unreadable",
		retryable: true,
		what: "The endpoint's signing secret cannot be decrypted with the service's keys, so nothing is sent unsigned.",
		action: 'Rotate the secret with `{"force": true}`, deploy the new one, then `recover`.',
	},
	retries_exhausted: {
		title: "Retries exhausted",
		retryable: true,
		what: "Every attempt of the ladder failed (found by the overdue sweep): the delivery is `failed`.",
		action: "Fix the receiver, then `recover` or `resend` the delivery.",
	},
	exhausted: {
		title: "Exhausted",
		retryable: true,
		what: "The delivery was marked `failed` (its queue message was dead-lettered, or its span ended while parked behind a catch-up) and no attempt had recorded an error to keep.",
		action: "Fix the receiver, then `recover` or `resend` the delivery.",
	},
};
