import { DurableObject } from "cloudflare:workers";
import { fail, ok, type Result } from "../errors";
import { log } from "../log";
import { type Account } from "../tenancy";
import { alarmClock } from "../verification/schedule";
import { StoreTooNew } from "../verification/store-schema";
import { type Corrections } from "../verification/types";
import { toView, type VerificationView } from "../verification/view";
import { ProviderCalls, type ProviderFactory } from "./provider-call";
import { type ReencryptOutcome, reencrypt } from "./reencryption";
import { reprojectTo } from "./relocation";
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
 * (`test-clock.ts`), re-encryption (`reencryption.ts`) and a client move's re-projection (`relocation.ts`) — over
 * the object's working parts (`verification.ts`).
 */
export class VerificationDurableObject extends DurableObject<Env> {
	/** The object's working parts, or why this release cannot run on its storage (a newer release's). */
	private readonly parts: { v: Verification; calls: ProviderCalls } | StoreTooNew;

	constructor(ctx: DurableObjectState, env: Env, providers: ProviderFactory) {
		super(ctx, env);
		try {
			const v = new Verification(ctx, env);
			this.parts = { v, calls: new ProviderCalls(v, providers) };
		} catch (e) {
			if (!(e instanceof StoreTooNew)) throw e;
			this.parts = e;
		}
	}

	/** Accepts a new verification, or replays the existing one when the same request arrives again. */
	async create(input: CreateInput): Promise<Result<{ view: VerificationView; replayed: boolean }>> {
		return this.serve((p) => create(p.v, input));
	}

	/** The verification as the API shows it, if it belongs to this account (client and mode). */
	async get(account: Account): Promise<Result<VerificationView>> {
		return this.serve(async ({ v }) => {
			const state = v.owned(account);
			return state ? ok(toView(state)) : fail("not_found", NOT_FOUND);
		});
	}

	/** Retries a retryable failure or an expiry, or resubmits corrected fields for `requires_action`. */
	async retry(account: Account, corrections: Corrections): Promise<Result<VerificationView>> {
		return this.serve((p) => retry(p.v, account, corrections));
	}

	/** Cancels a verification that has not decided (→ `failed`, code `canceled`). */
	async cancel(account: Account): Promise<Result<VerificationView>> {
		return this.serve((p) => cancel(p.v, account));
	}

	/** Erases the personal data; status, version and timeline stay. */
	async redact(account: Account): Promise<Result<VerificationView>> {
		return this.serve((p) => redact(p.v, account));
	}

	/** After a key rotation: the personal data and blind index re-made under the current key. Idempotent. */
	async reencrypt(): Promise<ReencryptOutcome> {
		return reencrypt(this.opened().v);
	}

	/**
	 * A client move (docs/operators.md): writes this verification's snapshot and whole history into shard `to`, from
	 * what the object holds (the system of record). Idempotent. Returns false when it holds nothing.
	 */
	async reproject(to: string): Promise<boolean> {
		return reprojectTo(this.opened().v, to);
	}

	/** Used by the cron sweep: drains anything pending and re-arms the alarm from stored state. */
	async ensureAlarm(): Promise<string | null> {
		const { v } = this.opened();
		await v.settle();
		return v.store.load()?.status ?? null;
	}

	/** Test mode only: the verification's clock moves forward; what falls due in that time runs, in order. */
	async advanceClock(account: Account, seconds: number): Promise<Result<VerificationView>> {
		return this.serve((p) => advanceClock(p.v, p.calls, account, seconds));
	}

	/**
	 * Runs what is due, then drains and re-arms. What was committed before (e.g. a new verification's `submitted`)
	 * drains with what the step commits, in one drain: the step drains before any await that may take long (the
	 * provider call, after a short grace), and `settle` drains whatever is left. On storage this release cannot run
	 * on, it says so and comes back later (the release that can may be back by then), touching nothing.
	 */
	override async alarm(): Promise<void> {
		const parts = this.parts;
		if (parts instanceof StoreTooNew) {
			this.report(parts);
			await this.ctx.storage.setAlarm(Date.now() + REFUSED_ALARM_RETRY_MS);
			return;
		}
		const { v, calls } = parts;
		const pending = v.store.pendingOutbox();
		const earliestRetry = pending ? (pending.retryAt ?? 0) : Number.POSITIVE_INFINITY;
		const state = v.store.load();
		if (!state) return;
		await calls.runDue(alarmClock(state, earliestRetry, Date.now()), { advancing: false });
		await v.settle();
	}

	/** A request's work, or a 503 when this release cannot run on the object's storage. */
	private async serve<T>(work: (p: { v: Verification; calls: ProviderCalls }) => Promise<Result<T>>) {
		const parts = this.parts;
		if (!(parts instanceof StoreTooNew)) return work(parts);
		this.report(parts);
		return fail<T>("service_unavailable", UNREADABLE);
	}

	/** The working parts, for the cron's calls: they throw (and the cron logs) when this release cannot run here. */
	private opened(): { v: Verification; calls: ProviderCalls } {
		const parts = this.parts;
		if (!(parts instanceof StoreTooNew)) return parts;
		this.report(parts);
		throw new Error(UNREADABLE);
	}

	private report(refusal: StoreTooNew): void {
		log("error", "store.schema_unreadable", {
			verification_id: this.ctx.id.name ?? this.ctx.id.toString(),
			stored: refusal.stored,
			readable_from: refusal.readableFrom,
		});
	}
}

/** What a request on such an object hears; the operator's log says which versions (`store.schema_unreadable`). */
const UNREADABLE =
	"This verification was stored by a newer release of the service; it is served again once that release is back.";

/** How often an object a newer release wrote comes back to see whether this release was replaced (each time logged). */
const REFUSED_ALARM_RETRY_MS = 5 * 60_000;
