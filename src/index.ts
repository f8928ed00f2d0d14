import { reconcileEvents } from "./cron/reconcile-events";
import { sweepOverdue } from "./cron/sweep";
import { createApp } from "./http/app";
import { handleQueueBatch } from "./webhooks/consumers";

export { ProviderBreaker } from "./providers/breaker/durable-object";
export { VerificationObject } from "./verification/durable-object";

const app = createApp();

export default {
	fetch: (request, env, ctx) => app.fetch(request, env, ctx),
	queue: (batch, env) => handleQueueBatch(batch, env),
	scheduled: (controller, env, ctx) => {
		ctx.waitUntil(sweepOverdue(env, controller.scheduledTime));
		ctx.waitUntil(reconcileEvents(env, controller.scheduledTime));
	},
} satisfies ExportedHandler<Env>;
