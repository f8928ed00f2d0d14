import { DurableObject } from "cloudflare:workers";
import { fail, ok, type Result } from "../errors";
import { type Account } from "../tenancy";
import { alarmClock } from "../verification/schedule";
import { type Corrections } from "../verification/types";
import { toView, type VerificationView } from "../verification/view";
import { ProviderCalls, type ProviderFactory } from "./provider-call";
import { type ReencryptOutcome, reencrypt } from "./reencryption";
import { type CreateInput, cancel, create, redact, retry } from "./requests";
import { advanceClock } from "./test-clock";
import { NOT_FOUND, Verification } from "./verification";

export type { ProviderFactory } from "./provider-call";
export type { ReencryptOutcome } from "./reencryption";
export type { CreateInput } from "./requests";

/**
 * One verification: the single place its transitions happen (docs/architecture.md). RPC calls and the alarm are
 * serialized by the runtime; every change commits state + history + outbox marker + alarm together, then drains the
 * outbox and sets the next wake-up. This class is the table of contents: each RPC and the alarm delegate to a
 * collaborator — the requests (`requests.ts`), the provider-call lifecycle (`provider-call.ts`), the test clock
 * (`test-clock.ts`) and re-encryption (`reencryption.ts`) — over the object's working parts (`verification.ts`).
 */
export class VerificationDurableObject extends DurableObject<Env> {
	private readonly v: Verification;
	private readonly calls: ProviderCalls;

	constructor(ctx: DurableObjectState, env: Env, providers: ProviderFactory) {
		super(ctx, env);
		this.v = new Verification(ctx, env);
		this.calls = new ProviderCalls(this.v, providers);
	}

	/** Accepts a new verification, or replays the existing one when the same request arrives again. */
	async create(input: CreateInput): Promise<Result<{ view: VerificationView; replayed: boolean }>> {
		return create(this.v, input);
	}

	/** The verification as the API shows it, if it belongs to this account (client and mode). */
	async get(account: Account): Promise<Result<VerificationView>> {
		const state = this.v.owned(account);
		return state ? ok(toView(state)) : fail("not_found", NOT_FOUND);
	}

	/** Retries a retryable failure or an expiry, or resubmits corrected fields for `requires_action`. */
	async retry(account: Account, corrections: Corrections): Promise<Result<VerificationView>> {
		return retry(this.v, account, corrections);
	}

	/** Cancels a verification that has not decided (→ `failed`, code `canceled`). */
	async cancel(account: Account): Promise<Result<VerificationView>> {
		return cancel(this.v, account);
	}

	/** Erases the personal data; status, version and timeline stay. */
	async redact(account: Account): Promise<Result<VerificationView>> {
		return redact(this.v, account);
	}

	/** After a key rotation: the personal data and blind index re-made under the current key. Idempotent. */
	async reencrypt(): Promise<ReencryptOutcome> {
		return reencrypt(this.v);
	}

	/** Used by the cron sweep: drains anything pending and re-arms the alarm from stored state. */
	async ensureAlarm(): Promise<string | null> {
		await this.v.settle();
		return this.v.store.load()?.status ?? null;
	}

	/** Test mode only: the verification's clock moves forward; what falls due in that time runs, in order. */
	async advanceClock(account: Account, seconds: number): Promise<Result<VerificationView>> {
		return advanceClock(this.v, this.calls, account, seconds);
	}

	/**
	 * Runs what is due, then drains and re-arms. What was committed before (e.g. a new verification's `submitted`)
	 * drains with what the step commits, in one drain: the step drains before any await that may take long (the
	 * provider call, after a short grace), and `settle` drains whatever is left.
	 */
	override async alarm(): Promise<void> {
		const pending = this.v.store.pendingOutbox();
		const earliestRetry = pending ? (pending.retryAt ?? 0) : Number.POSITIVE_INFINITY;
		const state = this.v.store.load();
		if (!state) return;
		await this.calls.runDue(alarmClock(state, earliestRetry, Date.now()), { advancing: false });
		await this.v.settle();
	}
}
