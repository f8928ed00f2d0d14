import { type StatusChange } from "../verification/history";
import {
	type LastError,
	type RequiredAction,
	STATUSES,
	type Status,
	TIMELINE_STEP_TYPES,
	type WaitingOn,
	waitingOn,
} from "../verification/types";

/** `verification.<status>` for each status of a tuple of statuses, as a tuple (what `z.enum` takes). */
type StatusEvents<T extends readonly Status[]> = { readonly [I in keyof T]: `verification.${T[I] & string}` };

/** One event type per verification status: a status change. */
export const STATUS_EVENT_TYPES = STATUSES.map((s) => `verification.${s}`) as unknown as StatusEvents<typeof STATUSES>;
export type StatusEventType = (typeof STATUS_EVENT_TYPES)[number];

/** A verification's personal data was erased (`DELETE`, or the retention purge): not a status change. */
export const REDACTED_EVENT_TYPE = "verification.redacted";

/**
 * The operational events: the health of one of the account's webhook endpoints, sent to its other endpoints (never
 * to the one they describe) and listed in the feed (src/webhooks/endpoint-events.ts).
 */
export const ENDPOINT_EVENT_TYPES = [
	"webhook_endpoint.failing",
	"webhook_endpoint.disabled",
	"webhook_endpoint.enabled",
	"webhook_endpoint.recovered",
] as const;
export type EndpointEventType = (typeof ENDPOINT_EVENT_TYPES)[number];

/** Every event type an endpoint can subscribe to (and the feed lists): status changes, redaction, endpoint health. */
export const EVENT_TYPES = [...STATUS_EVENT_TYPES, REDACTED_EVENT_TYPE, ...ENDPOINT_EVENT_TYPES] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Whether a history entry is in the account's feed and sent to subscribed endpoints: a status change, or a
 * redaction. The D1 row of one that is not a status change is marked `feed` (src/db/schema.ts).
 */
export const inFeed = (h: { statusChange: boolean; type: string }) => h.statusChange || h.type === REDACTED_EVENT_TYPE;

/** Whether an event type is a status change (the rest are in the feed and sent, but change no status). */
export const isStatusEventType = (type: string): type is StatusEventType =>
	(STATUS_EVENT_TYPES as readonly string[]).includes(type);

/** The type of the synthetic event sent by the test ping; always delivered, whatever the filter. */
export const TEST_EVENT_TYPE = "webhook.test";

/** Every event type a delivery can carry: the subscribable ones and the test ping. */
export const DELIVERY_EVENT_TYPES = [...EVENT_TYPES, TEST_EVENT_TYPE] as const;
export type DeliveryEventType = (typeof DELIVERY_EVENT_TYPES)[number];

/** Every `type` of the feed and a verification's timeline: status changes, the timeline's other steps, endpoint health. */
export const TIMELINE_EVENT_TYPES = [...STATUS_EVENT_TYPES, ...TIMELINE_STEP_TYPES, ...ENDPOINT_EVENT_TYPES] as const;
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];

/**
 * A Standard Webhooks payload: ids and states only, never personal data. `about` is not sent: the endpoint an
 * operational event describes, which the fan-out leaves out.
 */
export interface WebhookEvent<D = StatusEventData> {
	id: string;
	type: string;
	timestamp: string;
	livemode: boolean;
	data: D;
	about?: string;
}

/** The data of a status change's (and a redaction's) event. */
export interface StatusEventData {
	id: string;
	status: Status;
	previous_status: Status | null;
	version: number;
	reference: string | null;
	last_error: LastError | null;
	required_action: RequiredAction | null;
	/** Who must act next: `provider` (a lookup is under way or scheduled), `partner` (fields to correct), `nothing`. */
	waiting_on: WaitingOn;
	/** `verification.redacted` only: when and why (`partner_request`: DELETE; `retention`: the purge). */
	redacted_at?: string;
	reason?: string;
}

/**
 * The payload of a status change or a redaction; `reference` is the verification's (the partner's own id for it).
 * A redaction's is the verification as it stands, with when and why.
 */
export function toWebhookEvent(change: StatusChange, reference: string | null): WebhookEvent {
	const redaction =
		change.type === REDACTED_EVENT_TYPE
			? {
					redacted_at: new Date(change.createdAt).toISOString(),
					reason: String(change.data.reason ?? "partner_request"),
				}
			: {};
	return {
		id: change.id,
		type: change.type,
		timestamp: new Date(change.createdAt).toISOString(),
		livemode: change.livemode,
		data: {
			id: change.verificationId,
			status: change.status,
			previous_status: change.previousStatus,
			version: change.version,
			reference,
			last_error: (change.data.last_error as LastError | null | undefined) ?? null,
			required_action: (change.data.required_action as RequiredAction | null | undefined) ?? null,
			waiting_on: waitingOn(change.status),
			...redaction,
		},
	};
}

/** Whether an event type is an operational one (its row's `verification_id` is the endpoint it describes). */
export const isEndpointEventType = (type: string): type is EndpointEventType =>
	(ENDPOINT_EVENT_TYPES as readonly string[]).includes(type);

/**
 * The payload of a feed event as D1 holds it (the reconcile sweep's re-fan-out): an operational event's row holds its
 * `data` whole and, as `verification_id`, the endpoint it is about; the others are made as `toWebhookEvent` makes them.
 */
export function eventOfRow(row: StatusChange, reference: string | null): WebhookEvent<unknown> {
	if (!isEndpointEventType(row.type)) return toWebhookEvent(row, reference);
	const { id, type, livemode, data, verificationId } = row;
	return { id, type, timestamp: new Date(row.createdAt).toISOString(), livemode, data, about: verificationId };
}
