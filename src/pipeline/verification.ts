import { type Config, loadConfig } from "../config";
import { fault } from "../crash-points";
import { type DomainErrorData, fail, ok, type Result } from "../errors";
import { type Account } from "../tenancy";
import { PersonalData } from "../verification/personal-data";
import { tickFrom } from "../verification/policy";
import { clockOf, nextAlarmAt } from "../verification/schedule";
import { type Command, reduce } from "../verification/state-machine";
import { VerificationStore } from "../verification/store";
import { type CallInFlight, type StoredIndex } from "../verification/stored";
import { type VerificationState } from "../verification/types";
import { Alarm } from "./alarm";
import { drainOutbox } from "./outbox";

export const NOT_FOUND = "No such verification.";

/** What a commit does besides the state: personal data replaced, and the provider call it ends or starts. */
export interface ApplyOptions {
	/** Replaces the stored (encrypted) personal data. */
	pii?: string | undefined;
	/** Replaces the stored blind index of the person (a retry claims the person under it) and the key it was made with. */
	index?: StoredIndex;
	/** The reducer's clock; the verification's own clock by default. */
	at?: number;
	/** The command answers the call in flight, whose marker the commit clears. */
	endsCall?: boolean;
	/** The command is followed by that call, whose marker the commit sets and whose timeout alarm covers it. */
	startsCall?: CallInFlight;
}

/**
 * One verification object's working parts, shared by its collaborators (requests, provider calls, test clock,
 * re-encryption): its storage, configuration, personal data, alarm, and the two moves every step ends with — commit
 * a transition (`apply`, synchronous) and carry it out (`settle`: drain the outbox, then set the next wake-up).
 */
export class Verification {
	readonly store: VerificationStore;
	readonly config: Config;
	readonly pii: PersonalData;
	readonly alarm: Alarm;
	/** A drain failed since the last `settle` (which then leaves the retry to the alarm). */
	private drainFailed = false;

	constructor(
		readonly ctx: DurableObjectState,
		readonly env: Env,
	) {
		this.store = new VerificationStore(ctx.storage);
		this.config = loadConfig(env);
		this.pii = new PersonalData(this.config.piiKeys);
		this.alarm = new Alarm(ctx.storage, this.config);
	}

	/** The state, if it belongs to this account (client and mode). */
	owned(account: Account): VerificationState | null {
		const state = this.store.load();
		return state && state.clientId === account.clientId && state.livemode === account.livemode ? state : null;
	}

	/** What `apply` would refuse the command with now, committing nothing (null: it would commit). */
	refusal(command: Command): DomainErrorData | null {
		const state = this.store.load();
		if (!state) return { code: "not_found", message: NOT_FOUND };
		const t = reduce(state, command, { ...tickFrom(this.config), now: clockOf(state, Date.now()) });
		return t.ok ? null : t.error;
	}

	/** Reduce + commit + arm the alarm, synchronously (no await: the runtime commits all of it or none). */
	apply(command: Command, opts: ApplyOptions = {}): Result<VerificationState> {
		const state = this.store.load();
		if (!state) return fail("not_found", NOT_FOUND);
		const t = reduce(state, command, { ...tickFrom(this.config), now: opts.at ?? clockOf(state, Date.now()) });
		if (!t.ok) return { ok: false, error: t.error };
		const keyed = {
			...(opts.pii === undefined ? {} : { pii: opts.pii }),
			...(opts.index ? { index: opts.index } : {}),
		};
		const calls = { endsCall: opts.endsCall ?? false, ...(opts.startsCall ? { startsCall: opts.startsCall } : {}) };
		const committed = this.store.commit(t.state, t.entries, { ...keyed, ...calls });
		if (opts.startsCall) this.alarm.afterCallStarted(opts.startsCall.startedAt, committed.state.livemode);
		else this.alarm.afterCommit();
		fault("state.committed", this.ctx);
		return ok(committed.state);
	}

	/** Drains the outbox; a failure is remembered for the `settle` that ends the step. */
	async drain(): Promise<boolean> {
		const drained = await drainOutbox(this.store, this.env, Date.now(), this.ctx);
		if (!drained) this.drainFailed = true;
		return drained;
	}

	/** Ends a step: drains what it committed, then sets the alarm for the next thing due (or clears it). */
	async settle(): Promise<void> {
		// A drain that failed in this step waits out its backoff (the alarm is set for it below), not retried at once.
		const drained = this.drainFailed ? false : await this.drain();
		this.drainFailed = false;
		const state = this.store.load();
		if (!state) return;
		const now = Date.now();
		const pending = this.store.pendingOutbox();
		const retries = pending ? [pending.retryAt ?? now] : [];
		await this.alarm.set(nextAlarmAt(state, retries, drained, now));
	}
}
