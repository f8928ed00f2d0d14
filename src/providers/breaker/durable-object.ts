import { DurableObject } from "cloudflare:workers";
import { loadConfig } from "../../config";
import { log } from "../../log";
import { type Admission, admit, type BreakerSettings, type BreakerState, INITIAL, record } from "./policy";

/** What `status()` shows an operator. */
export interface BreakerSnapshot {
	state: BreakerState;
	settings: BreakerSettings;
}

/**
 * One circuit breaker per provider (`getByName(provider)`), shared by every isolate that calls it. The
 * state is one SQLite row, written before each answer, so a restart or eviction forgets nothing. Calls
 * are serialized by the runtime, so exactly one caller can win the half-open probe.
 */
export class ProviderBreaker extends DurableObject<Env> {
	private readonly settings: BreakerSettings;

	constructor(ctx: DurableObjectState, env: Env) {
		super(ctx, env);
		const config = loadConfig(env);
		// A probe runs within one provider call, which the caller cuts off after providerTimeoutMs.
		this.settings = { ...config.breaker, probeLeaseMs: config.providerTimeoutMs + 1_000 };
		ctx.storage.sql.exec(
			"CREATE TABLE IF NOT EXISTS breaker (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL)",
		);
	}

	/** May a call go ahead now? While open, says how long until it may. */
	async admit(): Promise<Admission> {
		const before = this.load();
		const { state, admission } = admit(before, Date.now(), this.settings);
		if (state !== before) this.save(state);
		if (admission.allowed && admission.probe)
			log("warn", "breaker.probe", { breaker: this.name(), failures: state.failures });
		return admission;
	}

	/** Records the result of an admitted call. */
	async record(success: boolean): Promise<BreakerState> {
		const before = this.load();
		const after = record(before, success, Date.now(), this.settings);
		this.save(after);
		if (after.phase === "open" && before.phase !== "open") {
			log("error", "breaker.opened", {
				breaker: this.name(),
				failures: after.failures,
				open_until: new Date(after.openUntil).toISOString(),
			});
		} else if (after.phase === "closed" && before.phase !== "closed") {
			log("warn", "breaker.closed", { breaker: this.name() });
		}
		return after;
	}

	/** The current state and settings. */
	async status(): Promise<BreakerSnapshot> {
		return { state: this.load(), settings: this.settings };
	}

	/** Closes the breaker by hand (an operator who knows the provider is back; also used by tests). */
	async reset(): Promise<void> {
		this.save(INITIAL);
	}

	private load(): BreakerState {
		const row = this.ctx.storage.sql.exec<{ body: string }>("SELECT body FROM breaker WHERE id = 1").toArray()[0];
		return row ? (JSON.parse(row.body) as BreakerState) : INITIAL;
	}

	private save(state: BreakerState): void {
		this.ctx.storage.sql.exec(
			"INSERT INTO breaker (id, body) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body",
			JSON.stringify(state),
		);
	}

	private name(): string {
		return this.ctx.id.name ?? this.ctx.id.toString();
	}
}
