import { z } from "@hono/zod-openapi";
import { type EventRow } from "../../../records/verifications";
import { STATUSES, type Status } from "../../../verification/types";
import { isEndpointEventType, TIMELINE_EVENT_TYPES, type TimelineEventType } from "../../../webhooks/payload";
import { listOf } from "../../openapi";

const ts = z.string().datetime().openapi({ example: "2026-11-25T12:00:00.000Z" });

export const EventSchema = z
	.object({
		id: z.string().openapi({ example: "evt_01JD2X4R8B7Q0V3C5N6M9K1H2G" }),
		object: z.literal("event"),
		livemode: z.boolean().openapi({ description: "false in test mode (sandbox), true in live mode.", example: false }),
		type: z.enum(TIMELINE_EVENT_TYPES).openapi("EventType", {
			example: "verification.processing",
			description:
				"`verification.<status>` (a status change), a step of a verification's timeline (`verification.redacted`, `verification.attempt_failed`, …), or an operational event about a webhook endpoint (`webhook_endpoint.failing`, `.disabled`, `.enabled`, `.recovered`).",
		}),
		verification_id: z
			.string()
			.nullable()
			.openapi({ description: "The verification; null for an operational event (see `endpoint_id`)." }),
		endpoint_id: z
			.string()
			.nullable()
			.openapi({ description: "The webhook endpoint an operational event is about; null for the others." }),
		status_change: z.boolean().openapi({ description: "Whether it changed the verification's status." }),
		version: z
			.number()
			.int()
			.nullable()
			.openapi({ description: "The verification's version; null for an operational event." }),
		status: z
			.enum(STATUSES)
			.nullable()
			.openapi({ description: "The verification's status then; null for an operational event." }),
		previous_status: z.enum(STATUSES).nullable(),
		data: z.record(z.string(), z.unknown()).openapi({
			description:
				"What the step says: for `verification.redacted` `reason` (`partner_request` or `retention`); for an operational event the same `data` its webhook carries.",
		}),
		created_at: ts,
	})
	.openapi("Event");

export const EventListSchema = listOf(EventSchema, "EventList");

/**
 * A projected history row as the API shows it (the feed and a verification's timeline). An operational event's row
 * holds its endpoint where a verification's would be, and no version or status.
 */
export const toEventView = (e: EventRow) => {
	const operational = isEndpointEventType(e.type);
	return {
		id: e.id,
		object: "event" as const,
		livemode: e.livemode,
		type: e.type as TimelineEventType,
		verification_id: operational ? null : e.verificationId,
		endpoint_id: operational ? e.verificationId : null,
		status_change: e.statusChange,
		version: operational ? null : e.version,
		status: operational ? null : (e.status as Status),
		previous_status: e.previousStatus as Status | null,
		data: JSON.parse(e.data) as Record<string, unknown>,
		created_at: new Date(e.createdAt).toISOString(),
	};
};
