import { newId } from "../ids";
import { type Status, waitingOn } from "../verification/types";
import { type EndpointRow } from "./objects";
import { STATUS_EVENT_TYPES as EVENT_TYPES, type StatusEventType as EventType, TEST_EVENT_TYPE } from "./payload";

/** What `POST /api/test/webhook-endpoints/{id}/trigger` can send: any verification event type, or the ping. */
export const TRIGGER_TYPES = [...EVENT_TYPES, TEST_EVENT_TYPE] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

const SAMPLE_DATA: Record<EventType, { previous: string | null; version: number; extra: Record<string, unknown> }> = {
	"verification.submitted": { previous: null, version: 1, extra: {} },
	"verification.processing": { previous: "submitted", version: 2, extra: {} },
	"verification.verified": { previous: "processing", version: 3, extra: {} },
	"verification.failed": {
		previous: "processing",
		version: 3,
		extra: {
			last_error: {
				code: "passport_not_found",
				message: "No passport with this number exists in the registry.",
				retryable: false,
			},
		},
	},
	"verification.requires_action": {
		previous: "processing",
		version: 3,
		extra: {
			required_action: {
				code: "date_of_birth_mismatch",
				message: "The date of birth does not match the passport registry.",
				fields: ["date_of_birth"],
			},
		},
	},
	"verification.expired": {
		previous: "processing",
		version: 3,
		extra: {
			last_error: {
				code: "verification_deadline_exceeded",
				message: "No decision was reached before the verification deadline.",
				retryable: true,
			},
		},
	},
};

/**
 * The body of a sample event: the ping, or a verification event shaped exactly like the real one of that type
 * (so receivers can be tested against it) and marked `"test": true`, since no verification stands behind it.
 */
export function samplePayload(
	endpoint: EndpointRow,
	type: TriggerType,
	eventId: string,
	now: number,
): Record<string, unknown> {
	const base = { id: eventId, type, timestamp: new Date(now).toISOString(), livemode: endpoint.livemode };
	if (type === TEST_EVENT_TYPE) {
		return { ...base, data: { endpoint_id: endpoint.id, message: "A test event from the KYC API." } };
	}
	const sample = SAMPLE_DATA[type];
	return {
		...base,
		test: true,
		data: {
			id: newId("ver", now),
			status: type.slice("verification.".length),
			previous_status: sample.previous,
			version: sample.version,
			reference: "sample_user_1",
			last_error: null,
			required_action: null,
			waiting_on: waitingOn(type.slice("verification.".length) as Status),
			...sample.extra,
		},
	};
}
