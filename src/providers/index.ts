import { type Config, isSandbox, type ProviderName } from "../config";
import { type Provider } from "../verification/provider";
import { breakerFor } from "./breaker/client";
import { type HealthSnapshot } from "./breaker/durable-object";
import { STATUS_WINDOW_MS } from "./breaker/status";
import { providerChain } from "./chain";
import { interswitchProvider } from "./interswitch";
import { premblyProvider } from "./prembly";
import { sandboxProvider } from "./sandbox";

/**
 * One provider by name. `env` supplies the shared circuit breaker (and status) of real providers. An unknown name
 * (never written by this release) fails closed.
 */
export function createProvider(name: string, config: Config, env: Env): Provider {
	switch (name as ProviderName) {
		case "sandbox":
			return sandboxProvider(config.sandboxDecisionDelayMs, "sandbox");
		case "sandbox_backup":
			return sandboxProvider(config.sandboxDecisionDelayMs, "sandbox_backup");
		case "interswitch":
			return interswitchProvider(config, { breaker: breakerFor(env.PROVIDER_BREAKER, "interswitch") });
		case "prembly":
			return premblyProvider(config, { breaker: breakerFor(env.PROVIDER_BREAKER, "prembly") });
		default:
			throw new Error(`unknown provider '${name}'`);
	}
}

/**
 * The providers of a verification's mode as one `Provider` that fails over between them (providers/chain.ts), each
 * call under its own PROVIDER_TIMEOUT_MS: `names` is `providersFor(config, state.livemode)`. Its caller's own
 * timeout must allow every provider its turn: `chainTimeoutMs(names.length, config.providerTimeoutMs)`.
 */
export function createProviderChain(names: readonly string[], config: Config, env: Env): Provider {
	const built = new Map<string, Provider>();
	const resolve = (name: string): Provider => {
		const existing = built.get(name);
		if (existing) return existing;
		const provider = createProvider(name, config, env);
		built.set(name, provider);
		return provider;
	};
	return providerChain(names, resolve, { timeoutMs: config.providerTimeoutMs });
}

/** The sandboxes are not measured: they always answer, so they report a fixed `operational`. */
const SANDBOX_HEALTH: HealthSnapshot = {
	status: "operational",
	successRate: null,
	windowMs: STATUS_WINDOW_MS,
	changedAt: null,
	reason: null,
};

/** Each named provider's status, in order: real providers' from their breaker's Durable Object (shared by all isolates). */
export function providerHealth(
	names: readonly string[],
	env: Env,
): Promise<{ name: string; health: HealthSnapshot }[]> {
	return Promise.all(
		names.map(async (name) => ({
			name,
			health: isSandbox(name) ? SANDBOX_HEALTH : await env.PROVIDER_BREAKER.getByName(name).health(),
		})),
	);
}
