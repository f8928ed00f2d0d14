/**
 * Bench-only entry point: the real worker (src/index.ts) with operation counters around it, so the cost model
 * uses counts measured in the run rather than guesses. Nothing in src/ changes; the counters only add a few
 * property writes per operation.
 *
 * Locally every Durable Object and the worker share one isolate (workerd runs a service's actors in its
 * isolate), so a module-level tally sees them all. `GET /__bench/counters` returns it.
 */
import worker, { ProviderBreaker as BaseBreaker, VerificationObject as BaseVerification } from "../../src/index";
import { countAlarm, countedEnv, counters, countSql, entry } from "./counters";

const COUNTERS_PATH = "/__bench/counters";

export class VerificationObject extends BaseVerification {
	constructor(ctx: DurableObjectState, env: Env) {
		countSql("VerificationObject", ctx.storage);
		super(ctx, countedEnv(env));
	}

	override alarm(): Promise<void> {
		return countAlarm("VerificationObject", () => super.alarm());
	}
}

export class ProviderBreaker extends BaseBreaker {
	constructor(ctx: DurableObjectState, env: Env) {
		countSql("ProviderBreaker", ctx.storage);
		super(ctx, countedEnv(env));
	}
}

export default {
	async fetch(request, env, ctx) {
		if (new URL(request.url).pathname === COUNTERS_PATH) return Response.json(counters);
		counters.worker.fetch++;
		return worker.fetch(request, countedEnv(env), ctx);
	},
	async queue(batch, env) {
		const q = entry(counters.worker.queue, batch.queue, () => ({ batches: 0, messages: 0, redelivered: 0 }));
		q.batches++;
		q.messages += batch.messages.length;
		// A message seen again after a retry is one more billed queue read.
		q.redelivered += batch.messages.filter((m) => m.attempts > 1).length;
		return worker.queue(batch, countedEnv(env));
	},
	async scheduled(controller, env, ctx) {
		counters.worker.scheduled++;
		return worker.scheduled(controller, countedEnv(env), ctx);
	},
} satisfies ExportedHandler<Env>;
