import { type Entry } from "./transition";
import { type Status, type VerificationState } from "./types";

/**
 * A verification's history as the object stores it and the projection carries it to D1: one record per reducer
 * entry, status changes among them. What a status change becomes on the wire (the webhook payload, the queue
 * messages) is the webhooks part's (src/webhooks/payload.ts, src/webhooks/messages.ts).
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
