import { type Config, providersFor } from "../config";
import { chainTimeoutMs } from "../verification/failover-policy";
import { realWakeAt } from "../verification/schedule";
import { type VerificationState } from "../verification/types";

/** How soon an alarm armed with a commit fires if the drain after it never finishes (e.g. the isolate died). */
const COMMIT_SAFETY_MS = 2_000;

/**
 * The one place a verification object arms its alarm. The object has one alarm, multiplexing every due time (the
 * next provider attempt, the deadline, the purge, a drain's retry): the pure scheduler says when
 * (`verification/schedule.ts`), this sets it. The `after…` methods are called right after a synchronous commit with
 * no await in between, so the runtime commits the write and the alarm together or neither (docs/architecture.md,
 * "Crash windows"): nothing committed is ever left without an alarm.
 */
export class Alarm {
	constructor(
		private readonly storage: DurableObjectStorage,
		private readonly config: Config,
	) {}

	/** After a commit: if the object dies before its outbox drains and `set` names the real wake-up, this drains it. */
	afterCommit(): void {
		void this.storage.setAlarm(Date.now() + COMMIT_SAFETY_MS);
	}

	/**
	 * After the write that marks a provider call started at `calledAt` in flight: past the call's own timeout (every
	 * provider of the mode's chain its turn), so an isolate that dies mid-call is seen by the alarm it comes back with
	 * (the call then counts as interrupted).
	 */
	afterCallStarted(calledAt: number, livemode: boolean): void {
		const timeout = chainTimeoutMs(providersFor(this.config, livemode).length, this.config.providerTimeoutMs);
		void this.storage.setAlarm(calledAt + timeout + this.config.backoffBaseMs);
	}

	/**
	 * After a new verification's first commit. Its first step (the start, with the provider call) is normally due at
	 * once: the alarm is then set for now and no drain follows in the request, so that alarm drains `submitted`
	 * together with what the step commits (one D1 batch and one queue message instead of two). Returns whether it
	 * was so; otherwise the commit's safety alarm is armed and the caller settles.
	 */
	afterFirstCommit(state: VerificationState): boolean {
		const wake = realWakeAt(state);
		const now = Date.now();
		const startsNow = wake !== null && wake <= now;
		if (startsNow) void this.storage.setAlarm(now);
		else this.afterCommit();
		return startsNow;
	}

	/** Sets the next wake-up once a step has settled, or clears the alarm when nothing is left to wake up for. */
	async set(at: number | null): Promise<void> {
		if (at === null) await this.storage.deleteAlarm();
		else await this.storage.setAlarm(at);
	}
}
