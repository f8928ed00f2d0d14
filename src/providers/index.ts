import type { Config } from "../config";
import { sandboxProvider } from "./sandbox";
import type { Provider } from "./types";

/** The provider named by `PROVIDER`. */
export function createProvider(config: Config): Provider {
	switch (config.provider) {
		case "sandbox":
			return sandboxProvider(config.sandboxDecisionDelayMs);
		case "interswitch":
			throw new Error("PROVIDER=interswitch is not available in this build");
	}
}
