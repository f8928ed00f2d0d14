import { describeError, log } from "../log";
import { callProvider } from "../verification/attempt";
import { callRecord, candidates, type Failure, failsOver, noAnswer } from "../verification/failover-policy";
import { type Provider, type ProviderCall, type ProviderOutcome, type ProviderRequest } from "../verification/provider";

export interface ChainOptions {
	/** Each provider call's own timeout (PROVIDER_TIMEOUT_MS): a hanging primary leaves the secondary its full time. */
	timeoutMs: number;
	now?: () => number;
}

/**
 * Several providers behind one `Provider`: an attempt asks them one after another, in `order`, as
 * verification/failover-policy.ts rules: the first answer about the person (or a pending lookup) ends it; only a
 * provider that could not answer or refused us is passed over. A poll goes to the provider holding the lookup alone.
 * The outcome names the provider that answered and records every call made (provider, class, duration).
 * `resolve` builds a provider by name (a poll's holder may have left the list since).
 */
export function providerChain(
	order: readonly string[],
	resolve: (name: string) => Provider,
	options: ChainOptions,
): Provider {
	const now = options.now ?? Date.now;
	return {
		name: order.join(","),
		async lookup(request: ProviderRequest, signal: AbortSignal): Promise<ProviderOutcome> {
			const calls: ProviderCall[] = [];
			const failures: Failure[] = [];
			const names = candidates(order, request.pendingProvider);
			for (const [i, name] of names.entries()) {
				const started = now();
				const outcome = await callOne(name, resolve, request, options.timeoutMs, signal);
				const call = callRecord(name, outcome, now() - started);
				calls.push(call);
				if (!failsOver(call.answer)) return { ...outcome, provider: name, calls };
				failures.push({ provider: name, outcome });
				const next = names[i + 1];
				if (next === undefined || signal.aborted) break;
				log("warn", "provider.failed_over", {
					verification_id: request.verificationId,
					attempt: request.attempt,
					from: name,
					to: next,
					answer: call.answer,
					code: call.error?.code ?? null,
				});
			}
			return { ...noAnswer(failures), calls };
		},
	};
}

/** One provider's call under its own timeout; a provider that cannot even be built could not answer. */
async function callOne(
	name: string,
	resolve: (name: string) => Provider,
	request: ProviderRequest,
	timeoutMs: number,
	signal: AbortSignal,
): Promise<ProviderOutcome> {
	let provider: Provider;
	try {
		provider = resolve(name);
	} catch (e) {
		log("error", "provider.unbuildable", { provider: name, error: describeError(e) });
		return { kind: "unavailable", code: "provider_error", message: `The provider '${name}' is not available.` };
	}
	return callProvider(provider, request, timeoutMs, signal);
}
