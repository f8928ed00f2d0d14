import { pruneExpired } from "./cron/prune";
import { pruneIdempotentRequests } from "./cron/prune-request-keys";
import { reconcileEvents } from "./cron/reconcile-events";
import { sweepOverdue, sweepUnprojected } from "./cron/sweep";
import { sweepOverdueDeliveries } from "./cron/sweep-deliveries";
import { createApp } from "./http/app";
import { VerificationDurableObject } from "./pipeline/durable-object";
import { createProviderChain } from "./providers";
import { handleQueueBatch } from "./webhooks/consumers";

export { ProviderBreaker } from "./providers/breaker/durable-object";

/**
 * The composition root: the verification part owns the provider port, and this is where the configured adapters,
 * chained for failover, are plugged into it (so `verification/` and `pipeline/` never import `providers/`).
 */
export class VerificationObject extends VerificationDurableObject {
	constructor(ctx: DurableObjectState, env: Env) {
		super(ctx, env, createProviderChain);
	}
}

const app = createApp();

export default {
	fetch: (request, env, ctx) => app.fetch(request, env, ctx),
	queue: (batch, env) => handleQueueBatch(batch, env),
	scheduled: (controller, env, ctx) => {
		ctx.waitUntil(sweepOverdue(env, controller.scheduledTime));
		ctx.waitUntil(sweepUnprojected(env, controller.scheduledTime));
		ctx.waitUntil(reconcileEvents(env, controller.scheduledTime));
		ctx.waitUntil(sweepOverdueDeliveries(env, controller.scheduledTime));
		ctx.waitUntil(pruneExpired(env, controller.scheduledTime));
		ctx.waitUntil(pruneIdempotentRequests(env, controller.scheduledTime));
	},
} satisfies ExportedHandler<Env>;
