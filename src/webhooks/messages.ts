import {
	type DeliveryMessage,
	type DeliveryRef,
	type EventMessage,
	MAX_DELIVERIES_PER_MESSAGE,
} from "../verification/history";

/** Queue names, as declared in wrangler.toml; the `queue` handler dispatches on them. */
export const QUEUES = {
	events: "kyc-events",
	deliveries: "kyc-deliveries",
	/** Deliveries to endpoints that are slow or failing, so they never hold up anyone else's. */
	deliveriesSlow: "kyc-deliveries-slow",
	eventsDead: "kyc-events-dlq",
	deliveriesDead: "kyc-deliveries-dlq",
} as const;

export { deliveriesOf, deliveryMessage } from "../verification/history";
export type { DeliveryMessage, DeliveryRef, EventMessage };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** Narrows an `events` queue body; anything else is a poison message. */
export function isEventMessage(v: unknown): v is EventMessage {
	if (!isObject(v) || typeof v.clientId !== "string" || !isObject(v.event)) return false;
	const e = v.event;
	return typeof e.id === "string" && typeof e.type === "string" && isObject(e.data);
}

const isDeliveryRef = (v: unknown): boolean =>
	isObject(v) && typeof v.deliveryId === "string" && Number.isInteger(v.generation);

/** Narrows a `deliveries` queue body. */
export function isDeliveryMessage(v: unknown): v is DeliveryMessage {
	return (
		isObject(v) &&
		isDeliveryRef(v) &&
		(v.more === undefined ||
			(Array.isArray(v.more) && v.more.length < MAX_DELIVERIES_PER_MESSAGE && v.more.every(isDeliveryRef))) &&
		(v.priorAttempts === undefined || (Number.isInteger(v.priorAttempts) && (v.priorAttempts as number) >= 0))
	);
}

/** The delivery statuses partners see. */
export const DELIVERY_STATUSES = ["pending", "succeeded", "failed", "skipped"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Every event type an endpoint can subscribe to: one per verification status. */
export const EVENT_TYPES = [
	"verification.submitted",
	"verification.processing",
	"verification.verified",
	"verification.failed",
	"verification.requires_action",
	"verification.expired",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The type of the synthetic event sent by the test ping; always delivered, whatever the filter. */
export const TEST_EVENT_TYPE = "webhook.test";
