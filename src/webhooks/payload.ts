import { type StatusChange } from "../verification/history";
import {
	type LastError,
	type RequiredAction,
	STATUSES,
	type Status,
	type WaitingOn,
	waitingOn,
} from "../verification/types";

/** `verification.<status>` for each status of a tuple of statuses, as a tuple (what `z.enum` takes). */
type StatusEvents<T extends readonly Status[]> = { readonly [I in keyof T]: `verification.${T[I] & string}` };

/** Every event type an endpoint can subscribe to: one per verification status. */
export const EVENT_TYPES = STATUSES.map((s) => `verification.${s}`) as unknown as StatusEvents<typeof STATUSES>;
export type EventType = (typeof EVENT_TYPES)[number];

/** The type of the synthetic event sent by the test ping; always delivered, whatever the filter. */
export const TEST_EVENT_TYPE = "webhook.test";

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
		/** Who must act next: `provider` (a lookup is under way or scheduled), `partner` (fields to correct), `nothing`. */
		waiting_on: WaitingOn;
	};
}

/** The payload of a status change; `reference` is the verification's (the partner's own id for it). */
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
			waiting_on: waitingOn(change.status),
		},
	};
}
