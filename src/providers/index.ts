import type { Config } from "../config";
import type { Provider } from "../verification/provider";
import { breakerFor } from "./breaker/client";
import { interswitchProvider } from "./interswitch";
import { sandboxProvider } from "./sandbox";

/** The provider named by `PROVIDER`. `env` supplies the shared circuit breaker for real providers. */
export function createProvider(config: Config, env: Env): Provider {
	switch (config.provider) {
		case "sandbox":
			return sandboxProvider(config.sandboxDecisionDelayMs);
		case "interswitch":
			return interswitchProvider(config, { breaker: breakerFor(env.PROVIDER_BREAKER, "interswitch") });
	}
}
