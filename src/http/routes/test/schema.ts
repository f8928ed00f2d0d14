import { z } from "@hono/zod-openapi";
import { TRIGGER_TYPES } from "../../../webhooks/samples";

export const TEST_TAG = "Test";

/** The most one call can move a test clock: past the longest deadline plus retention, with room to spare. */
export const MAX_ADVANCE_SECONDS = 400 * 86_400;

export const AdvanceSchema = z
	.strictObject({
		seconds: z.number().int().min(1).max(MAX_ADVANCE_SECONDS).openapi({
			description: "How far to move this verification's clock. Everything due in that time runs, in order.",
			example: 86_400,
		}),
	})
	.openapi("TestClockAdvance", { example: { seconds: 86_400 } });

export const TriggerSchema = z
	.strictObject({
		type: z
			.enum(TRIGGER_TYPES)
			.openapi({ description: "The event type to send a sample of.", example: "verification.verified" }),
	})
	.openapi("TestEventTrigger", { example: { type: "verification.verified" } });
