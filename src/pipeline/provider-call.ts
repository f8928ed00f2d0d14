import { type Config, providersFor } from "../config";
import { fault } from "../crash-points";
import { type Result } from "../errors";
import { log } from "../log";
import { modeOf } from "../tenancy";
import { lookupFor } from "../verification/attempt";
import { chainTimeoutMs } from "../verification/failover-policy";
import { type Provider, type ProviderOutcome } from "../verification/provider";
import { clockOf, dueCommand } from "../verification/schedule";
import { type VerificationState } from "../verification/types";
import { type Verification } from "./verification";

/**
 * Builds the provider a verification calls: the providers of its mode, in order, as one that fails over between them
 * (docs/providers.md). The composition root (src/index.ts) supplies it.
 */
export type ProviderFactory = (names: readonly string[], config: Config, env: Env) => Provider;

/**
 * An attempt over the client's provider quota waits out the quota's minute, plus up to half a minute more at random:
 * the verifications one burst deferred then come back spread out, not all in the same second (to be deferred again).
 */
const PROVIDER_QUOTA = {
	code: "provider_quota_exceeded" as const,
	message: "This account made too many provider lookups in the last minute; the attempt is deferred.",
	delayMs: 60_000,
	jitterMs: 30_000,
};

/**
 * How long a provider call may take before the `processing` change committed ahead of it is drained on its own;
 * a quicker answer is drained with it (one D1 batch and one queue send instead of two). Short enough that a
 * partner still hears of `processing` promptly while a slow provider answers.
 */
const PROCESSING_DRAIN_GRACE_MS = 250;

/** How a step runs: by the alarm (real time, quota checked) or while a test clock steps through its due times. */
export interface StepMode {
	advancing: boolean;
}

/**
 * The provider-call lifecycle of one verification object: a call is marked in flight (with the alarm past its
 * timeout) before it starts, its answer is committed through the reducer with the marker cleared in the same write,
 * and a marker found with no call in progress is an interrupted call, counted as a failed attempt
 * (docs/architecture.md, "Crash windows").
 */
export class ProviderCalls {
	/** A provider call is in progress in this isolate (its marker in storage is then not an interrupted call). */
	private calling = false;

	constructor(
		private readonly v: Verification,
		private readonly providers: ProviderFactory,
	) {}

	/** Carries out what the scheduler says is due at `at` (on the verification's clock). */
	async runDue(at: number, mode: StepMode): Promise<void> {
		const state = this.v.store.load();
		const step = state ? dueCommand(state, at) : null;
		// A `submitted` verification is started by its first attempt (see `beginCall`).
		if (step?.type === "start" || step?.type === "attempt") await this.attempt(at, mode);
		else if (step) this.v.apply(step, { at });
	}

	/** One provider call for the current attempt, its answer committed through the reducer at clock `at`. */
	private async attempt(at: number, mode: StepMode): Promise<void> {
		const { store, env, config } = this.v;
		const current = store.load();
		const meta = store.meta();
		if (!current || !meta || this.calling) return;
		if (this.interrupted(current, at)) return;
		if (!mode.advancing && !(await this.withinQuota(current))) {
			if (current.status === "submitted") this.v.apply({ type: "start" }, { at });
			this.v.apply({ type: "defer", ...PROVIDER_QUOTA }, { at });
			log("warn", "provider.quota_exceeded", { verification_id: current.id, client_id: current.clientId });
			return;
		}
		const calledAt = Date.now();
		const state = this.beginCall(current, at, calledAt);
		if (!state) return;
		this.calling = true;
		// What is committed but not drained yet (`processing`) goes out with the answer in one drain when the
		// provider answers quickly, or on its own once the call has taken PROCESSING_DRAIN_GRACE_MS.
		let early: Promise<boolean> | null = null;
		const grace = setTimeout(() => {
			early = this.v.drain();
		}, PROCESSING_DRAIN_GRACE_MS);
		let outcome: ProviderOutcome;
		try {
			const data = meta.pii ? await this.v.pii.open(meta.pii, state.id) : null;
			const names = providersFor(config, state.livemode);
			const provider = this.providers(names, config, env);
			fault("provider.call", this.v.ctx);
			outcome = await lookupFor(provider, state, data, chainTimeoutMs(names.length, config.providerTimeoutMs));
		} finally {
			// Crash window "provider.call": whatever ends the call early (an adapter that cannot be built, a decryption
			// that throws), this isolate is no longer calling. Left set, every later attempt of this instance returned
			// early and the verification stalled until the isolate was evicted; cleared, the next alarm finds the
			// call marked in flight and counts it as interrupted.
			clearTimeout(grace);
			this.calling = false;
		}
		if (early) await early;
		const call = { round: state.round, attempts: state.attempts };
		// The answer lands when the call ends: on the real clock now, or, while a test clock steps through its
		// due times, at the step's time plus the real time the call took.
		const answeredAt = mode.advancing ? at + (Date.now() - calledAt) : Math.max(at, clockOf(state, Date.now()));
		const applied = this.answer(outcome, call, answeredAt);
		if (!applied.ok) {
			// The verification stopped waiting (canceled, expired): the answer goes on its timeline, and nothing else.
			this.v.apply({ type: "late_answer", outcome }, { at: answeredAt });
			log("warn", "provider.outcome_dropped", { verification_id: state.id, reason: "state moved on" });
			return;
		}
		const fields = { verification_id: state.id, kind: outcome.kind, attempt: state.attempts + 1 };
		log("info", "provider.outcome", { ...fields, provider: outcome.provider ?? null });
	}

	/**
	 * The client's provider quota, per client and mode (sandbox polls never spend the live quota), and first attempts
	 * apart from polls and retries, so a client's long-running lookups never starve its fresh verifications.
	 */
	private async withinQuota(s: VerificationState): Promise<boolean> {
		const key = `${modeOf(s.livemode)}:${s.attempts === 0 ? "first" : "next"}:${s.clientId}`;
		return (await this.v.env.PROVIDER_RATE_LIMITER.limit({ key })).success;
	}

	/**
	 * Marks the current attempt's provider call in flight and arms the alarm for past its timeout: if this isolate
	 * dies mid-call, that alarm comes back, finds the call in flight, and counts it. A `submitted` verification is
	 * started in the same write, one row and one alarm for both: that alarm covers the start's commit too, whose
	 * `processing` drains with the answer, after PROCESSING_DRAIN_GRACE_MS, or with the counted interrupted call.
	 * Nothing is committed before the quota check, so an isolate dying while it is awaited leaves no commit behind
	 * (the alarm that ran is retried, as for a poll). Returns the state the call is made for, or null when the
	 * verification moved on while the quota was checked.
	 */
	private beginCall(current: VerificationState, at: number, calledAt: number): VerificationState | null {
		const call = { round: current.round, attempts: current.attempts, startedAt: calledAt };
		if (current.status === "submitted") {
			const started = this.v.apply({ type: "start" }, { at, startsCall: call });
			return started.ok ? started.value : null;
		}
		this.v.store.beginCall(call);
		this.v.alarm.afterCallStarted(calledAt, current.livemode);
		return current;
	}

	/**
	 * A call recorded as in flight that this isolate is not making: the isolate that made it died. It counts as a
	 * failed attempt (so a provider call that crashes the runtime cannot repeat silently until the deadline).
	 */
	private interrupted(state: VerificationState, at: number): boolean {
		const call = this.v.store.callInFlight();
		if (!call) return false;
		if (call.round !== state.round || call.attempts !== state.attempts) {
			this.v.store.endCall();
			return false;
		}
		const outcome = {
			kind: "unavailable" as const,
			code: "provider_call_interrupted" as const,
			message: "The provider call was interrupted before it answered.",
		};
		this.answer(outcome, call, at);
		log("warn", "provider.call_interrupted", { verification_id: state.id, attempt: state.attempts + 1 });
		return true;
	}

	/**
	 * Commits the answer of the call in flight, clearing its marker in the same write; a refused answer (the state
	 * moved on) clears the marker alone.
	 */
	private answer(
		outcome: ProviderOutcome,
		call: { round: number; attempts: number },
		at: number,
	): Result<VerificationState> {
		const applied = this.v.apply({ type: "provider_outcome", outcome, call }, { at, endsCall: true });
		if (!applied.ok) this.v.store.endCall();
		return applied;
	}
}
