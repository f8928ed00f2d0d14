import { type Config } from "../../config";
import { log } from "../../log";
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
 * back as an outcome; the shared circuit breaker is asked before each call and told how it went.
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
			if (!client) return report(request, notConfigured());
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

async function tellBreaker(breaker: Breaker, admission: Admission, verdict: Verdict): Promise<void> {
	if (!admission.allowed) return;
	if (verdict.health === "failure") await breaker.record(false);
	else if (verdict.health === "success" && admission.report) await breaker.record(true);
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
