import { type paths } from "./generated/openapi.js";
import { type ClientOptions, type RequestOptions, Transport } from "./http.js";
import {
	type Event,
	type EventList,
	type EventListParams,
	type ProviderStatusList,
	type TestEventType,
	type Verification,
	type VerificationEventsParams,
	type VerificationList,
	type VerificationListParams,
	type VerificationRequest,
	type VerificationRetry,
	type WebhookDelivery,
	type WebhookDeliveryList,
	type WebhookDeliveryListParams,
	type WebhookEndpoint,
	type WebhookEndpointCreate,
	type WebhookEndpointDeleted,
	type WebhookEndpointList,
	type WebhookEndpointListParams,
	type WebhookEndpointUpdate,
	type WebhookEndpointWithSecret,
	type WebhookPayload,
	type WebhookRecovery,
	type WebhookRecoveryResult,
	type WebhookSecretRotation,
} from "./types.js";
import { type VerifyWebhookOptions, verifyWebhook, type WebhookHeaders } from "./webhooks.js";

type Path = keyof paths;
type Method<P extends Path> = Exclude<
	{ [M in keyof paths[P]]: paths[P][M] extends { responses: unknown } ? M : never }[keyof paths[P]],
	undefined
>;
type Operation<P extends Path, M extends Method<P>> = paths[P][M];

/** The JSON request body of an operation. */
export type RequestBody<P extends Path, M extends Method<P>> =
	Operation<P, M> extends {
		requestBody?: { content: { "application/json": infer B } };
	}
		? B
		: never;

type SuccessStatus = 200 | 201 | 202;
/** The JSON body of an operation's success answer (200, 201 or 202). */
export type ResponseBody<P extends Path, M extends Method<P>> =
	Operation<P, M> extends { responses: infer R }
		? {
				[S in keyof R & SuccessStatus]: R[S] extends { content: { "application/json": infer B } } ? B : never;
			}[keyof R & SuccessStatus]
		: never;

/** A list's page as the API answers it: `data`, `has_more`, `next_cursor`. */
interface Page<T> {
	data: T[];
	has_more: boolean;
	next_cursor: string | null;
}

type ItemOf<L> = L extends Page<infer T> ? T : never;

/** Follows `next_cursor` from the first page until `has_more` is false. */
async function* paginate<L extends Page<unknown>>(
	fetchPage: (startingAfter: string | undefined) => Promise<L>,
	startingAfter?: string,
): AsyncGenerator<ItemOf<L>, void, undefined> {
	let cursor = startingAfter;
	for (;;) {
		const page = await fetchPage(cursor);
		for (const item of page.data) yield item as ItemOf<L>;
		if (!page.has_more || !page.next_cursor) return;
		cursor = page.next_cursor;
	}
}

const id = (value: string) => {
	if (typeof value !== "string" || value === "") throw new TypeError("an id (non-empty string) is required");
	return encodeURIComponent(value);
};

/** Per-call options of `verifications.create`. */
export interface CreateVerificationOptions extends RequestOptions {
	/** Same key + same body = the same verification. Default: a new `crypto.randomUUID()` per call, so retries are safe. */
	idempotencyKey?: string;
}

/** Per-call options of a state-changing call: with an `idempotencyKey`, a failed call is retried safely. */
export interface IdempotentOptions extends RequestOptions {
	/** Same key + same request = the first answer again, for 24 h. Without one the call is never retried on a 5xx. */
	idempotencyKey?: string;
}

/** The headers and retry rule of a state-changing call made with or without an `Idempotency-Key`. */
function keyed(opts: IdempotentOptions = {}): {
	headers: Record<string, string>;
	idempotent: boolean;
	options: RequestOptions;
} {
	const { idempotencyKey, ...options } = opts;
	if (idempotencyKey === undefined) return { headers: {}, idempotent: false, options };
	return { headers: { "idempotency-key": idempotencyKey }, idempotent: true, options };
}

function newIdempotencyKey(): string {
	if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
	const b = crypto.getRandomValues(new Uint8Array(16));
	b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
	b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
	const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An async iterator over every item of a list, fetching the next page (`next_cursor`) as it goes. */
export type ListIterator<T> = AsyncGenerator<T, void, undefined>;

/** `/api/verifications` */
export interface VerificationsResource {
	/** Submit passport details (202). Always sends an `Idempotency-Key`, so retries cannot create a second one. */
	create(body: VerificationRequest, opts?: CreateVerificationOptions): Promise<Verification>;
	get(id: string, opts?: RequestOptions): Promise<Verification>;
	/** One page, newest first. */
	list(params?: VerificationListParams, opts?: RequestOptions): Promise<VerificationList>;
	/** Every verification matching the filters, newest first, page after page. */
	iterate(params?: VerificationListParams, opts?: RequestOptions): ListIterator<Verification>;
	/** Retry a failed (retryable) or expired verification, or resubmit corrected fields for `requires_action` (202). */
	retry(id: string, body?: VerificationRetry, opts?: IdempotentOptions): Promise<Verification>;
	/** Cancel a verification that has not decided: `failed` with `last_error.code` `canceled`. */
	cancel(id: string, opts?: IdempotentOptions): Promise<Verification>;
	/** Erase the personal data (status and timeline stay). */
	redact(id: string, opts?: RequestOptions): Promise<Verification>;
	/** One page of the verification's timeline, oldest first. */
	events(id: string, params?: VerificationEventsParams, opts?: RequestOptions): Promise<EventList>;
	/** The whole timeline, oldest first. */
	iterateEvents(id: string, params?: VerificationEventsParams, opts?: RequestOptions): ListIterator<Event>;
}

/** `/api/events`: the account's status-change feed (the polling fallback for webhooks). */
export interface EventsResource {
	list(params?: EventListParams, opts?: RequestOptions): Promise<EventList>;
	iterate(params?: EventListParams, opts?: RequestOptions): ListIterator<Event>;
}

/** `/api/provider-status`: the passport providers of the key's mode, in order of preference. */
export interface ProviderStatusResource {
	get(opts?: RequestOptions): Promise<ProviderStatusList>;
}

/** `/api/webhook-endpoints` */
export interface WebhookEndpointsResource {
	/** Register an endpoint (201). The answer's `secret` is shown this once. */
	create(body: WebhookEndpointCreate, opts?: RequestOptions): Promise<WebhookEndpointWithSecret>;
	get(id: string, opts?: RequestOptions): Promise<WebhookEndpoint>;
	list(params?: WebhookEndpointListParams, opts?: RequestOptions): Promise<WebhookEndpointList>;
	iterate(params?: WebhookEndpointListParams, opts?: RequestOptions): ListIterator<WebhookEndpoint>;
	/** Change only the fields sent; `null` clears one. */
	update(id: string, body: WebhookEndpointUpdate, opts?: RequestOptions): Promise<WebhookEndpoint>;
	delete(id: string, opts?: RequestOptions): Promise<WebhookEndpointDeleted>;
	enable(id: string, opts?: RequestOptions): Promise<WebhookEndpoint>;
	disable(id: string, opts?: RequestOptions): Promise<WebhookEndpoint>;
	/** A new secret (shown once); the old one keeps signing for 24 h unless `{ force: true }`. */
	rotateSecret(id: string, body?: WebhookSecretRotation, opts?: RequestOptions): Promise<WebhookEndpointWithSecret>;
	/** Send a signed `webhook.test` event now; answers the attempt (status, latency, error class). */
	sendTest(id: string, opts?: RequestOptions): Promise<WebhookDelivery>;
	/** One page of the endpoint's deliveries, newest first. */
	deliveries(id: string, params?: WebhookDeliveryListParams, opts?: RequestOptions): Promise<WebhookDeliveryList>;
	iterateDeliveries(
		id: string,
		params?: WebhookDeliveryListParams,
		opts?: RequestOptions,
	): ListIterator<WebhookDelivery>;
	/** Re-send one delivery now, with the same `webhook-id` (202). */
	resendDelivery(id: string, deliveryId: string, opts?: RequestOptions): Promise<WebhookDelivery>;
	/** Re-send every delivery created since `since` that has not succeeded (202; `has_more`: call again). */
	recover(id: string, body: WebhookRecovery, opts?: RequestOptions): Promise<WebhookRecoveryResult>;
}

/** `/api/test`: test-mode helpers (a live key gets 404). */
export interface TestResource {
	/** Move the verification's clock forward by `seconds`; everything due in that time runs, in order. */
	advance(verificationId: string, seconds: number, opts?: RequestOptions): Promise<Verification>;
	/** Send a signed sample event of `type` to the endpoint now (marked `"test": true`, not retried). */
	trigger(endpointId: string, type: TestEventType, opts?: RequestOptions): Promise<WebhookDelivery>;
}

export interface WebhooksHelper {
	/** `verifyWebhook` (Standard Webhooks v1): the event, or a `WebhookVerificationError`. */
	verify(
		body: string,
		headers: WebhookHeaders,
		secret: string | readonly string[],
		opts?: VerifyWebhookOptions,
	): Promise<WebhookPayload>;
}

/** What `createClient` returns: one API key's view of the API. */
export interface KycClient {
	verifications: VerificationsResource;
	events: EventsResource;
	providerStatus: ProviderStatusResource;
	webhookEndpoints: WebhookEndpointsResource;
	test: TestResource;
	webhooks: WebhooksHelper;
}

/** A client for one API key. See README.md for every method. */
export function createClient(options: ClientOptions): KycClient {
	const http = new Transport(options);

	const verifications: VerificationsResource = {
		/** Submit passport details (202). Always sends an `Idempotency-Key`, so retries cannot create a second one. */
		async create(body: RequestBody<"/api/verifications", "post">, opts: CreateVerificationOptions = {}) {
			const { idempotencyKey = newIdempotencyKey(), ...rest } = opts;
			return http.request<ResponseBody<"/api/verifications", "post">>({
				method: "POST",
				path: "/api/verifications",
				body,
				headers: { "idempotency-key": idempotencyKey },
				idempotent: true,
				options: rest,
			});
		},
		async get(verificationId: string, opts?: RequestOptions) {
			return http.request<ResponseBody<"/api/verifications/{id}", "get">>({
				method: "GET",
				path: `/api/verifications/${id(verificationId)}`,
				idempotent: true,
				options: opts,
			});
		},
		/** One page, newest first. */
		async list(params: VerificationListParams = {}, opts?: RequestOptions) {
			return http.request<ResponseBody<"/api/verifications", "get">>({
				method: "GET",
				path: "/api/verifications",
				query: params,
				idempotent: true,
				options: opts,
			});
		},
		/** Every verification matching the filters, newest first, page after page. */
		iterate(params: VerificationListParams = {}, opts?: RequestOptions) {
			const { starting_after, ...filters } = params;
			return paginate((cursor) => verifications.list({ ...filters, starting_after: cursor }, opts), starting_after);
		},
		/** Retry a failed (retryable) or expired verification, or resubmit corrected fields for `requires_action` (202). */
		async retry(
			verificationId: string,
			body?: RequestBody<"/api/verifications/{id}/retry", "post">,
			opts?: IdempotentOptions,
		) {
			return http.request<ResponseBody<"/api/verifications/{id}/retry", "post">>({
				method: "POST",
				path: `/api/verifications/${id(verificationId)}/retry`,
				body,
				...keyed(opts),
			});
		},
		/** Cancel a verification that has not decided: `failed` with `last_error.code` `canceled`. */
		async cancel(verificationId: string, opts?: IdempotentOptions) {
			return http.request<ResponseBody<"/api/verifications/{id}/cancel", "post">>({
				method: "POST",
				path: `/api/verifications/${id(verificationId)}/cancel`,
				...keyed(opts),
			});
		},
		/** Erase the personal data (status and timeline stay). */
		async redact(verificationId: string, opts?: RequestOptions) {
			return http.request<ResponseBody<"/api/verifications/{id}", "delete">>({
				method: "DELETE",
				path: `/api/verifications/${id(verificationId)}`,
				idempotent: true,
				options: opts,
			});
		},
		/** One page of the verification's timeline, oldest first. */
		async events(verificationId: string, params: VerificationEventsParams = {}, opts?: RequestOptions) {
			return http.request<ResponseBody<"/api/verifications/{id}/events", "get">>({
				method: "GET",
				path: `/api/verifications/${id(verificationId)}/events`,
				query: params,
				idempotent: true,
				options: opts,
			});
		},
		/** The whole timeline, oldest first. */
		iterateEvents(verificationId: string, params: VerificationEventsParams = {}, opts?: RequestOptions) {
			const { starting_after, ...rest } = params;
			return paginate(
				(cursor) => verifications.events(verificationId, { ...rest, starting_after: cursor }, opts),
				starting_after,
			);
		},
	};

	const events: EventsResource = {
		/** One page of the account's status-change feed. */
		async list(params: EventListParams = {}, opts?: RequestOptions) {
			return http.request<ResponseBody<"/api/events", "get">>({
				method: "GET",
				path: "/api/events",
				query: params,
				idempotent: true,
				options: opts,
			});
		},
		iterate(params: EventListParams = {}, opts?: RequestOptions) {
			const { starting_after, ...rest } = params;
			return paginate((cursor) => events.list({ ...rest, starting_after: cursor }, opts), starting_after);
		},
	};

	const providerStatus: ProviderStatusResource = {
		/** Each provider's status: live mode's providers for a live key, the sandbox pair for a test key. */
		async get(opts?: RequestOptions) {
			return http.request<ResponseBody<"/api/provider-status", "get">>({
				method: "GET",
				path: "/api/provider-status",
				idempotent: true,
				options: opts,
			});
		},
	};

	const endpointPath = (endpointId: string, tail = "") => `/api/webhook-endpoints/${id(endpointId)}${tail}`;

	const webhookEndpoints: WebhookEndpointsResource = {
		/** Register an endpoint (201). The answer's `secret` is shown this once. */
		async create(body: RequestBody<"/api/webhook-endpoints", "post">, opts?: RequestOptions) {
			return http.request<ResponseBody<"/api/webhook-endpoints", "post">>({
				method: "POST",
				path: "/api/webhook-endpoints",
				body,
				idempotent: false,
				options: opts,
			});
		},
		async get(endpointId: string, opts?: RequestOptions) {
			return http.request<ResponseBody<"/api/webhook-endpoints/{id}", "get">>({
				method: "GET",
				path: endpointPath(endpointId),
				idempotent: true,
				options: opts,
			});
		},
		async list(params: WebhookEndpointListParams = {}, opts?: RequestOptions) {
			return http.request<ResponseBody<"/api/webhook-endpoints", "get">>({
				method: "GET",
				path: "/api/webhook-endpoints",
				query: params,
				idempotent: true,
				options: opts,
			});
		},
		iterate(params: WebhookEndpointListParams = {}, opts?: RequestOptions) {
			const { starting_after, ...rest } = params;
			return paginate((cursor) => webhookEndpoints.list({ ...rest, starting_after: cursor }, opts), starting_after);
		},
		/** Change only the fields sent; `null` clears one. */
		async update(endpointId: string, body: RequestBody<"/api/webhook-endpoints/{id}", "patch">, opts?: RequestOptions) {
			return http.request<ResponseBody<"/api/webhook-endpoints/{id}", "patch">>({
				method: "PATCH",
				path: endpointPath(endpointId),
				body,
				idempotent: true,
				options: opts,
			});
		},
		async delete(endpointId: string, opts?: RequestOptions) {
			return http.request<ResponseBody<"/api/webhook-endpoints/{id}", "delete">>({
				method: "DELETE",
				path: endpointPath(endpointId),
				idempotent: true,
				options: opts,
			});
		},
		async enable(endpointId: string, opts?: RequestOptions) {
			return http.request<ResponseBody<"/api/webhook-endpoints/{id}/enable", "post">>({
				method: "POST",
				path: endpointPath(endpointId, "/enable"),
				idempotent: true, // sets a state: repeating it changes nothing
				options: opts,
			});
		},
		async disable(endpointId: string, opts?: RequestOptions) {
			return http.request<ResponseBody<"/api/webhook-endpoints/{id}/disable", "post">>({
				method: "POST",
				path: endpointPath(endpointId, "/disable"),
				idempotent: true,
				options: opts,
			});
		},
		/** A new secret (shown once); the old one keeps signing for 24 h unless `{ force: true }`. */
		async rotateSecret(
			endpointId: string,
			body?: RequestBody<"/api/webhook-endpoints/{id}/rotate-secret", "post">,
			opts?: RequestOptions,
		) {
			return http.request<ResponseBody<"/api/webhook-endpoints/{id}/rotate-secret", "post">>({
				method: "POST",
				path: endpointPath(endpointId, "/rotate-secret"),
				body,
				idempotent: false,
				options: opts,
			});
		},
		/** Send a signed `webhook.test` event now; answers the attempt (status, latency, error class). */
		async sendTest(endpointId: string, opts?: RequestOptions) {
			return http.request<ResponseBody<"/api/webhook-endpoints/{id}/test", "post">>({
				method: "POST",
				path: endpointPath(endpointId, "/test"),
				idempotent: false,
				options: opts,
			});
		},
		/** One page of the endpoint's deliveries, newest first. */
		async deliveries(endpointId: string, params: WebhookDeliveryListParams = {}, opts?: RequestOptions) {
			return http.request<ResponseBody<"/api/webhook-endpoints/{id}/deliveries", "get">>({
				method: "GET",
				path: endpointPath(endpointId, "/deliveries"),
				query: params,
				idempotent: true,
				options: opts,
			});
		},
		iterateDeliveries(endpointId: string, params: WebhookDeliveryListParams = {}, opts?: RequestOptions) {
			const { starting_after, ...rest } = params;
			return paginate(
				(cursor) => webhookEndpoints.deliveries(endpointId, { ...rest, starting_after: cursor }, opts),
				starting_after,
			);
		},
		/** Re-send one delivery now, with the same `webhook-id` (202). */
		async resendDelivery(endpointId: string, deliveryId: string, opts?: RequestOptions) {
			return http.request<ResponseBody<"/api/webhook-endpoints/{id}/deliveries/{delivery_id}/resend", "post">>({
				method: "POST",
				path: endpointPath(endpointId, `/deliveries/${id(deliveryId)}/resend`),
				idempotent: false,
				options: opts,
			});
		},
		/** Re-send every delivery created since `since` that has not succeeded (202; `has_more` says call again). */
		async recover(
			endpointId: string,
			body: RequestBody<"/api/webhook-endpoints/{id}/recover", "post">,
			opts?: RequestOptions,
		) {
			return http.request<ResponseBody<"/api/webhook-endpoints/{id}/recover", "post">>({
				method: "POST",
				path: endpointPath(endpointId, "/recover"),
				body,
				idempotent: false,
				options: opts,
			});
		},
	};

	const test: TestResource = {
		/** Test mode: move the verification's clock forward by `seconds`; everything due runs, in order. */
		async advance(verificationId: string, seconds: number, opts?: RequestOptions) {
			const body: RequestBody<"/api/test/verifications/{id}/advance", "post"> = { seconds };
			return http.request<ResponseBody<"/api/test/verifications/{id}/advance", "post">>({
				method: "POST",
				path: `/api/test/verifications/${id(verificationId)}/advance`,
				body,
				idempotent: false,
				options: opts,
			});
		},
		/** Test mode: send a signed sample event of `type` to the endpoint now (marked `"test": true`). */
		async trigger(endpointId: string, type: TestEventType, opts?: RequestOptions) {
			const body: RequestBody<"/api/test/webhook-endpoints/{id}/trigger", "post"> = { type };
			return http.request<ResponseBody<"/api/test/webhook-endpoints/{id}/trigger", "post">>({
				method: "POST",
				path: `/api/test/webhook-endpoints/${id(endpointId)}/trigger`,
				body,
				idempotent: false,
				options: opts,
			});
		},
	};

	const webhooks: WebhooksHelper = {
		/** See `verifyWebhook`. */
		async verify(
			body: string,
			headers: WebhookHeaders,
			secret: string | readonly string[],
			opts?: VerifyWebhookOptions,
		) {
			return verifyWebhook(body, headers, secret, opts);
		},
	};

	return { verifications, events, providerStatus, webhookEndpoints, test, webhooks };
}
