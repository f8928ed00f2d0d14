import { type Status, waitingOn } from "../../../verification/types";
import {
	STATUS_EVENT_TYPES as EVENT_TYPES,
	type StatusEventType as EventType,
	TEST_EVENT_TYPE,
} from "../../../webhooks/payload";

/**
 * One documented payload per event type, as a partner receives it in test mode (the error and action texts are
 * the sandbox's). Redocly lints each against its schema; the contract tests check real deliveries against it too.
 */

const EVENT_ID = "evt_01JD2X4R8B7Q0V3C5N6M9K1H2G";
const VERIFICATION_ID = "ver_01JD2X4R8B7Q0V3C5N6M9K1H2F";
const TIMESTAMP = "2026-11-25T12:00:00.000Z";

interface Step {
	summary: string;
	previous: Status | null;
	version: number;
	last_error?: { code: string; message: string; retryable: boolean };
	required_action?: { code: string; message: string; fields: string[] };
}

const STEPS: Record<EventType, Step> = {
	"verification.submitted": { summary: "Accepted; a provider lookup will start", previous: null, version: 1 },
	"verification.processing": { summary: "The provider lookup started", previous: "submitted", version: 2 },
	"verification.verified": { summary: "The passport matched", previous: "processing", version: 3 },
	"verification.failed": {
		summary: "No such passport (final: not retryable)",
		previous: "processing",
		version: 3,
		last_error: {
			code: "passport_not_found",
			message: "No passport with this number exists in the registry.",
			retryable: false,
		},
	},
	"verification.requires_action": {
		summary: "A field did not match: retry with a correction",
		previous: "processing",
		version: 3,
		required_action: {
			code: "date_of_birth_mismatch",
			message: "The date of birth does not match the passport registry.",
			fields: ["date_of_birth"],
		},
	},
	"verification.expired": {
		summary: "No decision before the deadline (retryable)",
		previous: "processing",
		version: 3,
		last_error: {
			code: "verification_deadline_exceeded",
			message: "No decision was reached before the verification deadline.",
			retryable: true,
		},
	},
};

/** The payload of one event of `type`, as `toWebhookEvent` builds it. */
const payload = (type: EventType) => {
	const step = STEPS[type];
	return {
		id: EVENT_ID,
		type,
		timestamp: TIMESTAMP,
		livemode: false,
		data: {
			id: VERIFICATION_ID,
			status: type.slice("verification.".length),
			previous_status: step.previous,
			version: step.version,
			reference: "user_8812",
			last_error: step.last_error ?? null,
			required_action: step.required_action ?? null,
			waiting_on: waitingOn(type.slice("verification.".length) as Status),
		},
	};
};

/** `examples` for the verification-event webhook: one per event type, and a sample sent by the test trigger. */
export const VERIFICATION_EVENT_EXAMPLES = {
	...Object.fromEntries(EVENT_TYPES.map((type) => [type, { summary: STEPS[type].summary, value: payload(type) }])),
	"triggered-sample": {
		summary: "A sample from POST /api/test/webhook-endpoints/{id}/trigger: marked test, no verification behind it",
		value: { ...payload("verification.verified"), test: true },
	},
};

/** The `webhook.test` ping (`POST /api/webhook-endpoints/{id}/test`). */
export const TEST_EVENT_EXAMPLE = {
	id: EVENT_ID,
	type: TEST_EVENT_TYPE,
	timestamp: TIMESTAMP,
	livemode: false,
	data: { endpoint_id: "we_01JD2X4R8B7Q0V3C5N6M9K1H2G", message: "A test event from the KYC API." },
};
