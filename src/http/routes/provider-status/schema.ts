import { z } from "@hono/zod-openapi";
import { type HealthSnapshot } from "../../../providers/breaker/durable-object";
import { PROVIDER_HEALTH } from "../../../providers/breaker/status";
import { iso } from "../../../time";

export const PROVIDER_STATUS_TAG = "Provider status";

export const ProviderStatusSchema = z
	.object({
		name: z
			.string()
			.openapi({ description: "The provider, as in a verification's `provider`.", example: "interswitch" }),
		status: z.enum(PROVIDER_HEALTH).openapi({
			description:
				"`operational`: at least 91 % of lookups answered in the window; `degraded`: 50–91 %; `down`: under 50 %, calls paused by its circuit breaker, or refused for a credential or wallet problem. With no lookups in the window: `operational`.",
			example: "operational",
		}),
		success_rate: z.number().min(0).max(1).nullable().openapi({
			description:
				"Share of the window's lookups the provider answered (about the person, or pending), 0–1; null when it made none (always for the sandbox, which is not measured).",
			example: 0.9875,
		}),
		window_seconds: z.number().int().openapi({ description: "The window the rate covers.", example: 600 }),
		last_changed_at: z.string().datetime().nullable().openapi({
			description: "When `status` last changed (as first seen); null when it never has.",
			example: "2026-11-25T12:00:00.000Z",
		}),
		reason: z.string().nullable().openapi({
			description:
				"Why it is not `operational`: `low_success_rate`, `circuit_open`, or the code of a refusal an operator must fix (`provider_credentials_invalid`, `provider_wallet_empty`, `provider_not_configured`, …). Null when operational.",
			example: null,
		}),
	})
	.openapi("ProviderStatus");

export const ProviderStatusListSchema = z
	.object({
		object: z.literal("provider_status"),
		livemode: z
			.boolean()
			.openapi({ description: "Whose providers: live mode's (a live key) or the sandbox pair (a test key)." }),
		data: z.array(ProviderStatusSchema).openapi({
			description:
				"In order of preference: a lookup asks the first, and moves on only when one could not answer (timeout, 5xx, retry later, breaker open, an unreadable reply) or refused this service (credentials, wallet).",
		}),
	})
	.openapi("ProviderStatusList", {
		example: {
			object: "provider_status",
			livemode: true,
			data: [
				{
					name: "interswitch",
					status: "down",
					success_rate: 0.2,
					window_seconds: 600,
					last_changed_at: "2026-11-25T11:58:00.000Z",
					reason: "circuit_open",
				},
				{
					name: "prembly",
					status: "operational",
					success_rate: 1,
					window_seconds: 600,
					last_changed_at: null,
					reason: null,
				},
			],
		},
	});

/** One provider's status as the API shows it. */
export const toProviderStatus = ({ name, health }: { name: string; health: HealthSnapshot }) => ({
	name,
	status: health.status,
	success_rate: health.successRate,
	window_seconds: Math.round(health.windowMs / 1000),
	last_changed_at: iso(health.changedAt),
	reason: health.reason,
});
