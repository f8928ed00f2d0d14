import { type Config } from "../../config";
import { log } from "../../log";
import { classify } from "../../verification/failover-policy";
import { type Provider, type ProviderOutcome, type ProviderRequest } from "../../verification/provider";
import { type Breaker } from "../breaker/client";
import { type Admission } from "../breaker/policy";
import { type FetchLike, globalFetch } from "../http";
import { InterswitchClient } from "./client";
import { breakerOpen, notConfigured, type Verdict } from "./verdicts";

export interface InterswitchDeps {
	breaker: Breaker;
	fetch?: FetchLike;
	now?: () => number;
}

/**
 * The Interswitch passport lookup behind the `Provider` contract. Every answer, fault and timeout comes
 * back as an outcome; the shared circuit breaker is asked before each call and told how it went (which also
 * counts the call in the provider's status).
 */
export function interswitchProvider(config: Config, deps: InterswitchDeps): Provider {
	const { clientId, clientSecret } = config.interswitch;
	const client =
		clientId && clientSecret
			? new InterswitchClient(
					config,
					{ clientId, clientSecret },
					{ fetch: deps.fetch ?? globalFetch, now: deps.now ?? Date.now },
				)
			: null;
	return {
		name: "interswitch",
		async lookup(request: ProviderRequest, signal: AbortSignal): Promise<ProviderOutcome> {
			if (!client) {
				const verdict = notConfigured();
				await tellBreaker(deps.breaker, null, verdict);
				return report(request, verdict);
			}
			const admission = await deps.breaker.admit();
			if (!admission.allowed) {
				log("warn", "interswitch.skipped", {
					verification_id: request.verificationId,
					retry_after_ms: admission.retryAfterMs,
				});
				return breakerOpen(admission.retryAfterMs);
			}
			const verdict = await client.verify(request.data, signal);
			await tellBreaker(deps.breaker, admission, verdict);
			return report(request, verdict);
		},
	};
}

/**
 * Tells the breaker how the call went: a failure always counts; a success only when the breaker asked to hear of it
 * (to reset a count or close); the answer's class always goes into the provider's status. `admission` is null when
 * no call could be made (not configured): only the status hears of it.
 */
export async function tellBreaker(breaker: Breaker, admission: Admission | null, verdict: Verdict): Promise<void> {
	if (admission && !admission.allowed) return;
	const counts =
		admission === null
			? null
			: verdict.health === "failure"
				? "failure"
				: verdict.health === "success" && admission.report
					? "success"
					: null;
	const code = "code" in verdict.outcome ? verdict.outcome.code : null;
	await breaker.record({ breaker: counts, answer: classify(verdict.outcome), code });
}

/** One log line per call: ids, codes and statuses only (never the request, the record or a message). */
function report(request: ProviderRequest, verdict: Verdict): ProviderOutcome {
	const fields = {
		verification_id: request.verificationId,
		attempt: request.attempt,
		kind: verdict.outcome.kind,
		...verdict.detail,
	};
	if (verdict.operatorHint) {
		const code = "code" in verdict.outcome ? verdict.outcome.code : null;
		log("error", "interswitch.operator_action_required", { ...fields, code, alert: true, hint: verdict.operatorHint });
	} else if (verdict.outcome.kind === "unavailable") {
		log("warn", "interswitch.unavailable", { ...fields, code: verdict.outcome.code });
	}
	return verdict.outcome;
}
