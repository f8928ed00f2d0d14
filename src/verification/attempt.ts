import { describeError } from "../log";
import { type Provider, type ProviderOutcome, type ProviderRequest } from "./provider";
import { type PassportData, type VerificationState } from "./types";

/**
 * Calls the provider with a hard timeout. Whatever goes wrong (timeout, thrown error, bug in an adapter)
 * comes back as a transient `unavailable` outcome: the state machine decides what it means. `outer` (the whole
 * attempt's signal, when this call is one of a failover chain's) aborts the call too.
 */
export async function callProvider(
	provider: Provider,
	request: ProviderRequest,
	timeoutMs: number,
	outer?: AbortSignal,
): Promise<ProviderOutcome> {
	const controller = new AbortController();
	const abort = () => controller.abort();
	outer?.addEventListener("abort", abort, { once: true });
	if (outer?.aborted) controller.abort();
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<ProviderOutcome>((resolve) => {
		timer = setTimeout(() => {
			controller.abort();
			resolve({
				kind: "unavailable",
				code: "provider_timeout",
				message: `The provider did not answer within ${timeoutMs} ms.`,
			});
		}, timeoutMs);
	});
	try {
		return await Promise.race([provider.lookup(request, controller.signal), timeout]);
	} catch (e) {
		return { kind: "unavailable", code: "provider_error", message: `The provider call failed (${errorClass(e)}).` };
	} finally {
		if (timer !== undefined) clearTimeout(timer);
		outer?.removeEventListener("abort", abort);
	}
}

/** Only the error's class reaches the verification: messages can echo request data. */
const errorClass = (e: unknown): string => describeError(e).split(":")[0] ?? "Error";

/**
 * The provider call for a verification's next attempt. Without readable personal data there is nothing to look
 * up: that is a final, non-retryable answer, not a provider fault.
 */
export function lookupFor(
	provider: Provider,
	state: VerificationState,
	data: PassportData | null,
	timeoutMs: number,
): Promise<ProviderOutcome> {
	if (!data) {
		return Promise.resolve({
			kind: "rejected",
			code: "personal_data_unreadable",
			message: "Stored personal data could not be decrypted.",
			retryable: false,
		});
	}
	const request: ProviderRequest = {
		verificationId: state.id,
		data,
		round: state.round,
		attempt: state.attempts + 1,
		pendingReference: state.providerReference,
		// Stored before pendingProvider existed: the verification's provider was the one polled.
		pendingProvider: state.providerReference === null ? null : (state.pendingProvider ?? state.provider),
		memo: state.providerMemo,
	};
	return callProvider(provider, request, timeoutMs);
}
