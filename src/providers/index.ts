import { type Config } from "../config";
import { type Provider } from "../verification/provider";
import { breakerFor } from "./breaker/client";
import { interswitchProvider } from "./interswitch";
import { sandboxProvider } from "./sandbox";

/**
 * The provider a verification was created with (`sandbox` in test mode, `PROVIDER` in live mode). `env` supplies
 * the shared circuit breaker for real providers. An unknown name (never written by this release) fails closed.
 */
export function createProvider(name: string, config: Config, env: Env): Provider {
	switch (name) {
		case "sandbox":
			return sandboxProvider(config.sandboxDecisionDelayMs);
		case "interswitch":
			return interswitchProvider(config, { breaker: breakerFor(env.PROVIDER_BREAKER, "interswitch") });
		default:
			throw new Error(`unknown provider '${name}'`);
	}
}
