import { type Config } from "../../config";
import { type Provider } from "../../verification/provider";
import { guardedProvider } from "../adapter";
import { type Breaker } from "../breaker/client";
import { type FetchLike, globalFetch } from "../http";
import { PremblyClient } from "./client";
import { breakerOpen, notConfigured } from "./verdicts";

export interface PremblyDeps {
	breaker: Breaker;
	fetch?: FetchLike;
	now?: () => number;
}

/**
 * Prembly (IdentityPass) international passport v2 behind the `Provider` contract (docs/providers.md): every reply,
 * fault and timeout comes back as an outcome; the shared circuit breaker is asked before each call and told how it
 * went. The caller's signal bounds the time; the body is read up to MAX_RESPONSE_BYTES.
 */
export function premblyProvider(config: Config, deps: PremblyDeps): Provider {
	const { baseUrl, apiKey, appId } = config.prembly;
	const client =
		apiKey && appId
			? new PremblyClient(baseUrl, { apiKey, appId }, { fetch: deps.fetch ?? globalFetch, now: deps.now ?? Date.now })
			: null;
	return guardedProvider({
		name: "prembly",
		breaker: deps.breaker,
		verify: client ? (request, signal) => client.verify(request.data, signal) : null,
		notConfigured,
		breakerOpen,
	});
}
