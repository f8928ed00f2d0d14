import { type webhookDeliveries, type webhookEndpoints } from "../db/schema";
import { iso } from "../time";
import { type ErrorClass } from "./http-attempt";
import { type DeliveryStatus } from "./messages";
import { type DeliveryEventType, type EventType } from "./payload";
import { MAX_DELIVERY_ATTEMPTS } from "./retry-policy";

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

/** The public WebhookEndpoint object. The secret is never part of it; it is added only at creation and rotation. */
export interface EndpointView {
	id: string;
	object: "webhook_endpoint";
	livemode: boolean;
	url: string;
	description: string | null;
	event_types: EventType[] | null;
	rate_limit: number | null;
	status: "enabled" | "disabled";
	disabled_reason: string | null;
	disabled_at: string | null;
	previous_secret_expires_at: string | null;
	created_at: string;
	updated_at: string;
}

/** Row → API object; `previous_secret_expires_at` shows only while the rotation overlap is still open. */
export function toEndpointView(e: EndpointRow, now = Date.now()): EndpointView {
	const overlap = e.previousSecret && (e.previousSecretExpiresAt ?? 0) > now ? e.previousSecretExpiresAt : null;
	return {
		id: e.id,
		object: "webhook_endpoint",
		livemode: e.livemode,
		url: e.url,
		description: e.description,
		event_types: e.eventTypes ? (JSON.parse(e.eventTypes) as EventType[]) : null,
		rate_limit: e.rateLimit,
		status: e.disabledAt === null ? "enabled" : "disabled",
		disabled_reason: e.disabledReason,
		disabled_at: iso(e.disabledAt),
		previous_secret_expires_at: iso(overlap ?? null),
		created_at: new Date(e.createdAt).toISOString(),
		updated_at: new Date(e.updatedAt).toISOString(),
	};
}

/** The public WebhookDelivery object: one event to one endpoint, with its latest attempt. */
export interface DeliveryView {
	id: string;
	object: "webhook_delivery";
	livemode: boolean;
	endpoint_id: string;
	event_id: string;
	event_type: DeliveryEventType;
	status: DeliveryStatus;
	attempts: number;
	response_status: number | null;
	latency_ms: number | null;
	error_class: ErrorClass | null;
	error: string | null;
	last_attempt_at: string | null;
	next_attempt_at: string | null;
	created_at: string;
	updated_at: string;
}

/** Row → API object; the payload stays internal (it is the event, readable from the events API). */
export function toDeliveryView(d: DeliveryRow): DeliveryView {
	return {
		id: d.id,
		object: "webhook_delivery",
		livemode: d.livemode,
		endpoint_id: d.endpointId,
		event_id: d.eventId,
		// The row's text columns hold what these closed sets allow (written only from them).
		event_type: d.eventType as DeliveryEventType,
		status: d.status as DeliveryStatus,
		attempts: d.attempts,
		response_status: d.responseStatus,
		latency_ms: d.latencyMs,
		error_class: d.errorClass as ErrorClass | null,
		error: d.error,
		last_attempt_at: iso(d.lastAttemptAt),
		// After the last attempt the row keeps a sweep deadline, not a next send, and a parked one its span's end (it
		// goes with its endpoint's catch-up): partners see null.
		next_attempt_at:
			d.status === "pending" && d.attempts < MAX_DELIVERY_ATTEMPTS && d.parkedAt === null ? iso(d.nextAttemptAt) : null,
		created_at: new Date(d.createdAt).toISOString(),
		updated_at: new Date(d.updatedAt).toISOString(),
	};
}
