import { describeError } from "../log";
import type { Provider, ProviderOutcome, ProviderRequest } from "./provider";

/**
 * Calls the provider with a hard timeout. Whatever goes wrong (timeout, thrown error, bug in an adapter)
 * comes back as a transient `unavailable` outcome: the state machine decides what it means.
 */
export async function callProvider(provider: Provider, request: ProviderRequest, timeoutMs: number): Promise<ProviderOutcome> {
	const controller = new AbortController();
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<ProviderOutcome>((resolve) => {
		timer = setTimeout(() => {
			controller.abort();
			resolve({ kind: "unavailable", code: "provider_timeout", message: `The provider did not answer within ${timeoutMs} ms.` });
		}, timeoutMs);
	});
	try {
		return await Promise.race([provider.lookup(request, controller.signal), timeout]);
	} catch (e) {
		return { kind: "unavailable", code: "provider_error", message: `The provider call failed (${errorClass(e)}).` };
	} finally {
		if (timer !== undefined) clearTimeout(timer);
	}
}

/** Only the error's class reaches the verification: messages can echo request data. */
const errorClass = (e: unknown): string => describeError(e).split(":")[0] ?? "Error";
