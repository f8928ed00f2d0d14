export type {
	CreateVerificationOptions,
	EventsResource,
	KycClient,
	ListIterator,
	ProviderStatusResource,
	RequestBody,
	ResponseBody,
	TestResource,
	VerificationsResource,
	WebhookEndpointsResource,
	WebhooksHelper,
} from "./client.js";
export { createClient } from "./client.js";
export { KycApiError, KycConnectionError, KycError, WebhookVerificationError } from "./errors.js";
export type { components, operations, paths, webhooks as webhookOperations } from "./generated/openapi.js";
export type {
	AbortSignalLike,
	ClientOptions,
	FetchInit,
	FetchLike,
	RequestOptions,
	ResponseEvent,
	ResponseLike,
	ResponseMeta,
} from "./http.js";
export { backoffDelay, parseRetryAfter, responseOf } from "./http.js";
export type * from "./types.js";
export type { VerifyWebhookOptions, WebhookHeaders } from "./webhooks.js";
export { isVerificationEvent, signWebhook, verifyWebhook } from "./webhooks.js";
