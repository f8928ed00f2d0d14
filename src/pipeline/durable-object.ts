import { DurableObject } from "cloudflare:workers";
import { type Config, loadConfig } from "../config";
import { fault } from "../crash-points";
import { keyIdOf } from "../crypto/pii";
import { database } from "../db/client";
import { fail, ok, type Result } from "../errors";
import { log } from "../log";
import { moveClaim } from "../records/person-claims";
import { type Account, modeOf } from "../tenancy";
import { lookupFor } from "../verification/attempt";
import { initialState, type NewVerification } from "../verification/initial";
import { PersonalData } from "../verification/personal-data";
import { tickFrom } from "../verification/policy";
import { type Provider, type ProviderOutcome } from "../verification/provider";
import { alarmClock, clockOf, dueCommand, nextAlarmAt, nextWakeAt, realWakeAt } from "../verification/schedule";
import { type Command, reduce } from "../verification/state-machine";
import { type CallInFlight, VerificationStore } from "../verification/store";
import {
	type Corrections,
	isActive,
	MATCHABLE_FIELDS,
	type PassportData,
	type VerificationState,
} from "../verification/types";
import { toView, type VerificationView } from "../verification/view";
import { drainOutbox } from "./outbox";

const PROVIDER_QUOTA = {
	code: "provider_quota_exceeded",
	message: "This account made too many provider lookups in the last minute; the attempt is deferred.",
	delayMs: 60_000,
};

const NOT_FOUND = "No such verification.";
/** How soon an alarm armed with a commit fires if the drain after it never finishes (e.g. the isolate died). */
const COMMIT_SAFETY_MS = 2_000;
/**
 * How long a provider call may take before the `processing` change committed ahead of it is drained on its own;
 * a quicker answer is drained with it (one D1 batch and one queue send instead of two). Short enough that a
 * partner still hears of `processing` promptly while a slow provider answers.
 */
const PROCESSING_DRAIN_GRACE_MS = 250;
/** One advance runs at most this many steps; anything left is run by the alarm right after (it is overdue). */
const MAX_ADVANCE_STEPS = 1_000;

export interface CreateInput extends NewVerification {
	/** Keyed hash of the request body (kept for audits of idempotent replays; compared in the route). */
	requestHash: string;
	blindIndex: string | null;
	/** The key both fingerprints were made with. */
	indexKeyId: string;
}

/**
 * What a re-encryption did to one verification: `reencrypted` (its keyed data is under the current key now),
 * `unreadable` (its key is gone or its ciphertext altered), `erased` (no personal data left), `absent` (nothing
 * stored), `changed` (a concurrent change won; the next pass comes back).
 */
export type ReencryptOutcome = "reencrypted" | "unreadable" | "erased" | "absent" | "changed";

/** Builds the named provider the verification part calls; the composition root (src/index.ts) supplies it. */
export type ProviderFactory = (name: string, config: Config, env: Env) => Provider;

/**
 * One verification: the single place its transitions happen. RPC calls and the alarm are serialized by the
 * runtime; every change commits state + history + outbox together, then drains the outbox and re-arms the alarm.
 * What falls due, and when to wake, is decided by the pure scheduler (`schedule.ts`); this class carries it out.
 */
export class VerificationDurableObject extends DurableObject<Env> {
	private readonly store: VerificationStore;
	private readonly config: Config;
	private readonly pii: PersonalData;
	/** A provider call is in progress in this isolate (its marker in storage is then not an interrupted call). */
	private calling = false;
	/** A drain failed since the last `settle` (which then leaves the retry to the alarm). */
	private drainFailed = false;

	constructor(
		ctx: DurableObjectState,
		env: Env,
		private readonly providers: ProviderFactory,
	) {
		super(ctx, env);
		this.store = new VerificationStore(ctx.storage);
		this.config = loadConfig(env);
		this.pii = new PersonalData(this.config.piiKeys);
	}

	/** Accepts a new verification, or replays the existing one when the same request arrives again. */
	async create(input: CreateInput): Promise<Result<{ view: VerificationView; replayed: boolean }>> {
		const replay = this.replay(input);
		if (replay) return this.replayed(replay);
		if (!this.pii.configured) return fail("service_unavailable", "Personal data encryption is not configured.");
		const pii = await this.pii.seal(input.data, input.id);
		// A concurrent create may have committed while we encrypted.
		const raced = this.replay(input);
		if (raced) return this.replayed(raced);
		const { state, entries } = initialState(input, tickFrom(this.config));
		const committed = this.store.insert(state, entries, {
			pii,
			requestHash: input.requestHash,
			blindIndex: input.blindIndex,
			indexKeyId: input.indexKeyId,
		});
		const startsNow = this.armFirstStep(committed.state);
		fault("state.committed", this.ctx);
		log("info", "verification.submitted", { verification_id: state.id, client_id: state.clientId });
		if (!startsNow) await this.settle();
		return ok({ view: toView(committed.state), replayed: false });
	}

	/** The verification as the API shows it, if it belongs to this account (client and mode). */
	async get(account: Account): Promise<Result<VerificationView>> {
		const state = this.owned(account);
		return state ? ok(toView(state)) : fail("not_found", NOT_FOUND);
	}

	/** Retries a retryable failure or an expiry, or resubmits corrected fields for `requires_action`. */
	async retry(account: Account, corrections: Corrections): Promise<Result<VerificationView>> {
		const before = this.owned(account);
		if (!before) return fail("not_found", NOT_FOUND);
		const meta = this.store.meta();
		let pii: string | undefined;
		let changed: (keyof Corrections)[] = [];
		if (meta?.pii && Object.keys(corrections).length > 0) {
			const current = await this.pii.open(meta.pii, before.id);
			if (!current) return fail("invalid_state", "Stored personal data cannot be read; submit a new verification.");
			const merged: PassportData = { ...current, ...corrections };
			changed = MATCHABLE_FIELDS.filter((f) => corrections[f] !== undefined && corrections[f] !== current[f]);
			pii = await this.pii.seal(merged, before.id);
		}
		// Everything from here to the commit is synchronous, so two concurrent retries cannot both pass the check.
		const passport = {
			...(corrections.nationality !== undefined ? { country: corrections.nationality } : {}),
			...(corrections.passport_number !== undefined ? { last3: corrections.passport_number.slice(-3) } : {}),
		};
		const result = this.apply({ type: "retry", correctedFields: changed, passport }, { pii });
		if (!result.ok) return result;
		await this.settle();
		return ok(toView(result.value));
	}

	/** Erases the personal data; status, version and timeline stay. */
	async redact(account: Account): Promise<Result<VerificationView>> {
		if (!this.owned(account)) return fail("not_found", NOT_FOUND);
		const result = this.apply({ type: "redact" });
		if (!result.ok) return result;
		await this.settle();
		return ok(toView(result.value));
	}

	/**
	 * After a key rotation: re-seals the personal data under the current key, recomputes the blind index (from the
	 * data as it stands, a retry's corrections included), moves the duplicate-guard claim to it while active, and
	 * projects the new key id. Idempotent. The request fingerprint cannot be re-made: the body is not kept.
	 */
	async reencrypt(): Promise<ReencryptOutcome> {
		const state = this.store.load();
		const meta = this.store.meta();
		if (!state || !meta) return "absent";
		if (state.redactedAt !== null || meta.pii === null) return "erased";
		const data = await this.pii.open(meta.pii, state.id);
		if (!data) return "unreadable";
		const keyId = await this.pii.currentKeyId();
		const pii = keyIdOf(meta.pii) === keyId ? meta.pii : await this.pii.seal(data, state.id);
		const blindIndex = meta.blindIndex === null ? null : await this.pii.blindIndex(state.clientId, data);
		if (meta.blindIndex !== null && blindIndex !== null && blindIndex !== meta.blindIndex && isActive(state.status)) {
			const account = { clientId: state.clientId, livemode: state.livemode };
			await moveClaim(database(this.env.DB), account, state.id, meta.blindIndex, blindIndex, Date.now());
		}
		// Whatever committed while this awaited (a retry's corrections, a redaction) wins.
		const latest = this.store.load();
		const now = this.store.meta();
		if (!latest || now?.pii !== meta.pii || now.blindIndex !== meta.blindIndex) return "changed";
		this.store.rekey(latest, { pii, blindIndex, indexKeyId: keyId });
		this.armAlarm();
		await this.settle();
		return "reencrypted";
	}

	/** Used by the cron sweep: drains anything pending and re-arms the alarm from stored state. */
	async ensureAlarm(): Promise<string | null> {
		await this.settle();
		return this.store.load()?.status ?? null;
	}

	/**
	 * Test mode only: moves this verification's clock forward and runs every poll, deadline and purge that falls
	 * due in that time, in order, each at its own due time, with its normal timeline entries and webhooks.
	 */
	async advanceClock(account: Account, seconds: number): Promise<Result<VerificationView>> {
		const state = this.owned(account);
		if (!state || state.livemode) return fail("not_found", NOT_FOUND);
		const target = clockOf(state, Date.now()) + seconds * 1000;
		const moved = this.apply({ type: "advance_clock", ms: seconds * 1000 });
		if (!moved.ok) return moved;
		for (let i = 0; i < MAX_ADVANCE_STEPS; i++) {
			const current = this.store.load();
			const wake = current ? nextWakeAt(current) : null;
			if (wake === null || wake > target) break;
			await this.runDue(wake, { advancing: true });
		}
		await this.settle();
		const after = this.store.load();
		return after ? ok(toView(after)) : fail("not_found", NOT_FOUND);
	}

	/**
	 * Runs what is due, then drains and re-arms. What was committed before (e.g. a new verification's `submitted`)
	 * drains with what the step commits, in one drain: the step drains before any await that may take long (the
	 * provider call, after PROCESSING_DRAIN_GRACE_MS), and `settle` drains whatever is left.
	 */
	override async alarm(): Promise<void> {
		const pending = this.store.pendingOutbox();
		const earliestRetry = pending ? (pending.retryAt ?? 0) : Number.POSITIVE_INFINITY;
		const state = this.store.load();
		if (!state) return;
		await this.runDue(alarmClock(state, earliestRetry, Date.now()), { advancing: false });
		await this.settle();
	}

	/** Carries out what the scheduler says is due at `at` (on the verification's clock). */
	private async runDue(at: number, opts: { advancing: boolean }): Promise<void> {
		const state = this.store.load();
		const step = state ? dueCommand(state, at) : null;
		// A `submitted` verification is started by its first attempt (see `beginCall`).
		if (step?.type === "start" || step?.type === "attempt") await this.attempt(at, opts);
		else if (step) this.apply(step, { at });
	}

	/** One provider call for the current attempt, its answer committed through the reducer at clock `at`. */
	private async attempt(at: number, opts: { advancing: boolean }): Promise<void> {
		const current = this.store.load();
		const meta = this.store.meta();
		if (!current || !meta || this.calling) return;
		if (this.interrupted(current, at)) return;
		// Per client and mode (sandbox polls never spend the live quota), and first attempts apart from polls and
		// retries, so a client's long-running lookups never starve its fresh verifications.
		const quotaKey = `${modeOf(current.livemode)}:${current.attempts === 0 ? "first" : "next"}:${current.clientId}`;
		if (!opts.advancing && !(await this.env.PROVIDER_RATE_LIMITER.limit({ key: quotaKey })).success) {
			if (current.status === "submitted") this.apply({ type: "start" }, { at });
			this.apply({ type: "defer", ...PROVIDER_QUOTA }, { at });
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
			early = this.drain();
		}, PROCESSING_DRAIN_GRACE_MS);
		let outcome: ProviderOutcome;
		try {
			const data = meta.pii ? await this.pii.open(meta.pii, state.id) : null;
			const provider = this.providers(state.provider, this.config, this.env);
			fault("provider.call", this.ctx);
			outcome = await lookupFor(provider, state, data, this.config.providerTimeoutMs);
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
		const answeredAt = opts.advancing ? at + (Date.now() - calledAt) : Math.max(at, clockOf(state, Date.now()));
		const applied = this.answer(outcome, call, answeredAt);
		if (!applied.ok) {
			log("warn", "provider.outcome_dropped", { verification_id: state.id, reason: "state moved on" });
			return;
		}
		log("info", "provider.outcome", { verification_id: state.id, kind: outcome.kind, attempt: state.attempts + 1 });
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
			const started = this.apply({ type: "start" }, { at, startsCall: call });
			return started.ok ? started.value : null;
		}
		this.store.beginCall(call);
		this.armCallTimeout(calledAt);
		return current;
	}

	/**
	 * A call recorded as in flight that this isolate is not making: the isolate that made it died. It counts as a
	 * failed attempt (so a provider call that crashes the runtime cannot repeat silently until the deadline).
	 */
	private interrupted(state: VerificationState, at: number): boolean {
		const call = this.store.callInFlight();
		if (!call) return false;
		if (call.round !== state.round || call.attempts !== state.attempts) {
			this.store.endCall();
			return false;
		}
		const outcome = {
			kind: "unavailable" as const,
			code: "provider_call_interrupted",
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
		const applied = this.apply({ type: "provider_outcome", outcome, call }, { at, endsCall: true });
		if (!applied.ok) this.store.endCall();
		return applied;
	}

	/**
	 * Reduce + commit, synchronously. `pii` replaces the stored personal data; `at` is the reducer's clock;
	 * `endsCall`: the command answers the call in flight; `startsCall`: the command is followed by that call, whose
	 * timeout alarm then covers the commit.
	 */
	private apply(
		command: Command,
		opts: { pii?: string | undefined; at?: number; endsCall?: boolean; startsCall?: CallInFlight } = {},
	): Result<VerificationState> {
		const state = this.store.load();
		if (!state) return fail("not_found", NOT_FOUND);
		const t = reduce(state, command, { ...tickFrom(this.config), now: opts.at ?? clockOf(state, Date.now()) });
		if (!t.ok) return { ok: false, error: t.error };
		const pii = opts.pii === undefined ? {} : { pii: opts.pii };
		const calls = { endsCall: opts.endsCall ?? false, ...(opts.startsCall ? { startsCall: opts.startsCall } : {}) };
		const committed = this.store.commit(t.state, t.entries, { ...pii, ...calls });
		if (opts.startsCall) this.armCallTimeout(opts.startsCall.startedAt);
		else this.armAlarm();
		fault("state.committed", this.ctx);
		return ok(committed.state);
	}

	/**
	 * Arms the alarm in the same atomic step as the commit just made (no await in between, so the runtime
	 * commits both or neither): if the object dies before the outbox drains and `settle` sets the real wake-up,
	 * the alarm comes back shortly and drains it. Nothing committed is ever left without an alarm.
	 */
	private armAlarm(): void {
		void this.ctx.storage.setAlarm(Date.now() + COMMIT_SAFETY_MS);
	}

	/**
	 * Arms the alarm for after the provider call started at `calledAt` must have ended (its own timeout), in the
	 * same atomic step as the write that marks it in flight.
	 */
	private armCallTimeout(calledAt: number): void {
		void this.ctx.storage.setAlarm(calledAt + this.config.providerTimeoutMs + this.config.backoffBaseMs);
	}

	/** An idempotent replay also re-arms: the original request may have died between its commit and its alarm. */
	private async replayed<T>(result: Result<T>): Promise<Result<T>> {
		if (result.ok) await this.settle();
		return result;
	}

	/**
	 * Arms a new verification's alarm with its commit (no await in between, as `armAlarm`). Its first step (the
	 * start, with the provider call) is normally due at once: the alarm is then set for now, no drain follows here,
	 * and that alarm drains `submitted` together with what the step commits (one D1 batch and one queue message
	 * instead of two). The API's GET reads the object, so it shows the verification at once; the D1 lists and the
	 * `submitted` webhook follow within PROCESSING_DRAIN_GRACE_MS. Returns whether it was so; otherwise the commit's
	 * safety alarm is armed and the caller settles.
	 */
	private armFirstStep(state: VerificationState): boolean {
		const wake = realWakeAt(state);
		const now = Date.now();
		const startsNow = wake !== null && wake <= now;
		if (startsNow) void this.ctx.storage.setAlarm(now);
		else this.armAlarm();
		return startsNow;
	}

	/** Drains the outbox; a failure is remembered for the `settle` that ends the step. */
	private async drain(): Promise<boolean> {
		const drained = await drainOutbox(this.store, this.env, Date.now(), this.ctx);
		if (!drained) this.drainFailed = true;
		return drained;
	}

	private async settle(): Promise<void> {
		// A drain that failed in this step waits out its backoff (the alarm is set for it below), not retried at once.
		const drained = this.drainFailed ? false : await this.drain();
		this.drainFailed = false;
		const state = this.store.load();
		if (!state) return;
		const now = Date.now();
		const pending = this.store.pendingOutbox();
		const retries = pending ? [pending.retryAt ?? now] : [];
		const at = nextAlarmAt(state, retries, drained, now);
		if (at === null) await this.ctx.storage.deleteAlarm();
		else await this.ctx.storage.setAlarm(at);
	}

	private owned(account: Account): VerificationState | null {
		const state = this.store.load();
		return state && state.clientId === account.clientId && state.livemode === account.livemode ? state : null;
	}

	private replay(input: CreateInput): Result<{ view: VerificationView; replayed: boolean }> | null {
		const existing = this.store.load();
		if (!existing) return null;
		// Ids are random per request; only an Idempotency-Key replay (its body hash already checked) reaches here.
		if (existing.clientId === input.clientId && existing.livemode === input.livemode) {
			return ok({ view: toView(existing), replayed: true });
		}
		return fail("not_found", NOT_FOUND);
	}
}
