import { type components, type paths } from "./generated/openapi.js";

/** Every schema of the API's OpenAPI document, by name. */
export type Schemas = components["schemas"];

export type Verification = Schemas["Verification"];
export type VerificationStatus = Verification["status"];
export type VerificationRequest = Schemas["VerificationRequest"];
export type VerificationRetry = Schemas["VerificationRetry"];
export type VerificationList = Schemas["VerificationList"];
export type LastError = Schemas["LastError"];
export type RequiredAction = Schemas["RequiredAction"];
/** The closed list of `last_error.code` values; each is explained at `GET /errors/{code}`. */
export type LastErrorCode = Schemas["LastErrorCode"];
/** The closed list of `required_action.code` values. */
export type RequiredActionCode = Schemas["RequiredActionCode"];
/** Every `type` of the feed and a verification's timeline. */
export type EventType = Schemas["EventType"];
export type Event = Schemas["Event"];
export type EventList = Schemas["EventList"];
/** Who a verification waits on: `provider`, `partner` (requires_action) or `nothing` (final). */
export type WaitingOn = Verification["waiting_on"];
/** One passport provider's status: `operational` / `degraded` / `down`, rolling success rate, reason. */
export type ProviderStatus = Schemas["ProviderStatus"];
export type ProviderStatusList = Schemas["ProviderStatusList"];
export type WebhookEndpoint = Schemas["WebhookEndpoint"];
export type WebhookEndpointWithSecret = Schemas["WebhookEndpointWithSecret"];
export type WebhookEndpointCreate = Schemas["WebhookEndpointCreate"];
export type WebhookEndpointUpdate = Schemas["WebhookEndpointUpdate"];
export type WebhookEndpointList = Schemas["WebhookEndpointList"];
export type WebhookEndpointDeleted = Schemas["WebhookEndpointDeleted"];
export type WebhookSecretRotation = Schemas["WebhookSecretRotation"];
export type WebhookDelivery = Schemas["WebhookDelivery"];
export type WebhookDeliveryList = Schemas["WebhookDeliveryList"];
/** The closed list of a delivery's `error_class` values. */
export type DeliveryErrorClass = Schemas["DeliveryErrorClass"];
export type WebhookRecovery = Schemas["WebhookRecovery"];
export type WebhookRecoveryResult = Schemas["WebhookRecoveryResult"];
/** A verification's status change, as POSTed to webhook endpoints. */
export type WebhookEvent = Schemas["WebhookEvent"];
export type WebhookEventType = WebhookEvent["type"];
/** The `webhook.test` ping (`webhookEndpoints.sendTest`, or `test.trigger(id, "webhook.test")`). */
export type WebhookTestEvent = Schemas["WebhookTestEvent"];
/** What `webhooks.verify` returns: narrow on `type` (`"webhook.test"` or `verification.<status>`). */
export type WebhookPayload = WebhookEvent | WebhookTestEvent;
/** What `test.trigger` can send: any verification event type, or `webhook.test`. */
export type TestEventType = Schemas["TestEventTrigger"]["type"];
/** An RFC 9457 problem body (`application/problem+json`). */
export type Problem = Schemas["Problem"];
/** The closed list of problem codes the API answers with. */
export type ProblemCode = Schemas["ProblemCode"];
/** One entry of the error catalogue (`GET /errors/{code}`, a problem's `type`). */
export type ErrorCodeEntry = Schemas["ErrorCode"];
/** One per-field validation error of a `validation_failed` problem. */
export type FieldError = NonNullable<Problem["errors"]>[number];

/** The query parameters of an operation, as the document declares them. */
export type QueryOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
	parameters: { query?: infer Q };
}
	? NonNullable<Q>
	: never;

/** Filters and paging of each list, minus the cursor that the iterators manage. */
export type VerificationListParams = QueryOf<"/api/verifications", "get">;
export type VerificationEventsParams = QueryOf<"/api/verifications/{id}/events", "get">;
export type EventListParams = QueryOf<"/api/events", "get">;
export type WebhookEndpointListParams = QueryOf<"/api/webhook-endpoints", "get">;
export type WebhookDeliveryListParams = QueryOf<"/api/webhook-endpoints/{id}/deliveries", "get">;
