import { z } from "@hono/zod-openapi";
import { type EventRow } from "../../../records/verifications";
import { STATUSES, type Status } from "../../../verification/types";
import { listOf } from "../../openapi";

const ts = z.string().datetime().openapi({ example: "2026-11-25T12:00:00.000Z" });

export const EventSchema = z
	.object({
		id: z.string().openapi({ example: "evt_01JD2X4R8B7Q0V3C5N6M9K1H2G" }),
		object: z.literal("event"),
		livemode: z.boolean().openapi({ description: "false in test mode (sandbox), true in live mode.", example: false }),
		type: z.string().openapi({ example: "verification.processing" }),
		verification_id: z.string(),
		status_change: z.boolean(),
		version: z.number().int(),
		status: z.enum(STATUSES),
		previous_status: z.enum(STATUSES).nullable(),
		data: z.record(z.string(), z.unknown()),
		created_at: ts,
	})
	.openapi("Event");

export const EventListSchema = listOf(EventSchema, "EventList");

/** A projected history row as the API shows it (the feed and a verification's timeline). */
export const toEventView = (e: EventRow) => ({
	id: e.id,
	object: "event" as const,
	livemode: e.livemode,
	type: e.type,
	verification_id: e.verificationId,
	status_change: e.statusChange,
	version: e.version,
	status: e.status as Status,
	previous_status: e.previousStatus as Status | null,
	data: JSON.parse(e.data) as Record<string, unknown>,
	created_at: new Date(e.createdAt).toISOString(),
});
