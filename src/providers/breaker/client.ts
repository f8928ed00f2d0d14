import { describeError, log } from "../../log";
import { type CallReport, type ProviderBreaker } from "./durable-object";
import { type Admission } from "./policy";

/** The breaker as a provider adapter sees it. */
export interface Breaker {
	admit(): Promise<Admission>;
	/** How a call went: counted by the breaker (when it counts there) and in the provider's status window. */
	record(report: CallReport): Promise<void>;
}

const ALLOW: Admission = { allowed: true, probe: false, report: false };

/**
 * The shared breaker for `provider`. It fails open: if the breaker itself cannot be reached, calls go
 * ahead, because a broken safety valve must not become an outage of its own.
 */
export function breakerFor(namespace: DurableObjectNamespace<ProviderBreaker>, provider: string): Breaker {
	const stub = () => namespace.getByName(provider);
	return {
		async admit() {
			try {
				return await stub().admit();
			} catch (e) {
				log("warn", "breaker.unreachable", { breaker: provider, op: "admit", error: describeError(e) });
				return ALLOW;
			}
		},
		async record(report) {
			try {
				await stub().record(report);
			} catch (e) {
				log("warn", "breaker.unreachable", { breaker: provider, op: "record", error: describeError(e) });
			}
		},
	};
}
