import { type Config } from "../../config";
import { type Provider } from "../../verification/provider";
import { guardedProvider } from "../adapter";
import { type Breaker } from "../breaker/client";
import { type FetchLike, globalFetch } from "../http";
import { InterswitchClient } from "./client";
import { breakerOpen, notConfigured } from "./verdicts";

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
	return guardedProvider({
		name: "interswitch",
		breaker: deps.breaker,
		verify: client ? (request, signal) => client.verify(request.data, signal) : null,
		notConfigured,
		breakerOpen,
	});
}
