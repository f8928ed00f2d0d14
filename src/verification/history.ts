import { type Entry } from "./transition";
import { type LastError, type RequiredAction, type Status, type VerificationState } from "./types";

/**
 * Every shape an event of a verification takes, built in one place: the history record stored with the state,
 * the message on the `events` queue, and the Standard Webhooks payload. The outbox and the reconcile sweep both
 * build their messages here.
 */

/** A status change as it is projected (D1 row or history record): enough to rebuild its webhook payload. */
export interface StatusChange {
	id: string;
	verificationId: string;
	clientId: string;
	livemode: boolean;
	type: string;
	version: number;
	status: Status;
	previousStatus: Status | null;
	data: Record<string, unknown>;
	createdAt: number;
}

/** One stored history row, as the timeline API and the webhook pipeline see it. */
export interface HistoryRecord extends StatusChange {
	/** The storage revision that recorded it, so the outbox can find what a revision produced. */
	revision: number;
	statusChange: boolean;
}

/** The history record of one reducer entry, stamped with the committed state. */
export function toHistory(state: VerificationState, entry: Entry, id: string): HistoryRecord {
	return {
		id,
		verificationId: state.id,
		clientId: state.clientId,
		livemode: state.livemode,
		revision: state.revision,
		type: entry.type,
		statusChange: entry.statusChange,
		version: state.version,
		status: state.status,
		previousStatus: entry.previousStatus,
		data: entry.data,
		createdAt: state.updatedAt,
	};
}

/** The Standard Webhooks payload for a status change: ids and states only, never personal data. */
export interface WebhookEvent {
	id: string;
	type: string;
	timestamp: string;
	livemode: boolean;
	data: {
		id: string;
		status: Status;
		previous_status: Status | null;
		version: number;
		reference: string | null;
		last_error: LastError | null;
		required_action: RequiredAction | null;
	};
}

export function toWebhookEvent(change: StatusChange, reference: string | null): WebhookEvent {
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
		},
	};
}

/** One delivery a message asks to attempt: its row, in the round (`generation`) the message was sent for. */
export interface DeliveryRef {
	deliveryId: string;
	generation: number;
}

/**
 * The message on the `deliveries` queue. The rows in D1 are the truth; the message only says "attempt this
 * generation of these deliveries now". A recovery bumps the generation, so older messages become no-ops. One
 * message carries a drain's deliveries to one endpoint: the first here, the rest in `more`, in event order.
 */
export interface DeliveryMessage extends DeliveryRef {
	/** Further deliveries to the same endpoint, attempted after the first, in order. */
	more?: DeliveryRef[];
	/** Attempts of this round made before the message changed lanes (a new message counts from 1 again). */
	priorAttempts?: number;
}

/**
 * The most deliveries one message carries (a drain with more status changes for an endpoint sends several): each is
 * one bound value of the statements that claim and record them (D1 binds at most 100), and they are POSTed in turn.
 */
export const MAX_DELIVERIES_PER_MESSAGE = 25;

/** The deliveries a message carries, in the order they are attempted. */
export const deliveriesOf = (m: DeliveryMessage): DeliveryRef[] => [
	{ deliveryId: m.deliveryId, generation: m.generation },
	...(m.more ?? []),
];

/** The message for `refs` (one endpoint's, in order; at least one). */
export function deliveryMessage(refs: DeliveryRef[], priorAttempts?: number): DeliveryMessage {
	const [first, ...more] = refs;
	if (!first) throw new Error("a delivery message needs a delivery");
	return {
		deliveryId: first.deliveryId,
		generation: first.generation,
		...(more.length > 0 ? { more } : {}),
		...(priorAttempts ? { priorAttempts } : {}),
	};
}

/** The message on the `events` queue: one status change of one verification. */
export interface EventMessage {
	clientId: string;
	event: WebhookEvent;
}

/** The queue message announcing a status change. */
export const toEventMessage = (change: StatusChange, reference: string | null): EventMessage => ({
	clientId: change.clientId,
	event: toWebhookEvent(change, reference),
});
