import { DurableObject } from "cloudflare:workers";
import { loadConfig } from "../../config";
import { log } from "../../log";
import { type AnswerClass } from "../../verification/provider";
import { type Admission, admit, type BreakerSettings, type BreakerState, INITIAL, record, refusing } from "./policy";
import {
	classifyHealth,
	EMPTY_STATUS,
	observe,
	type ProviderHealth,
	STATUS_WINDOW_MS,
	type StatusRecord,
	settle,
} from "./status";

/** What `status()` shows an operator. */
export interface BreakerSnapshot {
	state: BreakerState;
	settings: BreakerSettings;
}

/** How one admitted (or refused-by-us) call went, as an adapter reports it. Codes only. */
export interface CallReport {
	/** What the breaker counts: a failure, a success it must hear of (to reset a count or close), or nothing. */
	breaker: "success" | "failure" | null;
	/** The answer's class, counted in the status window. */
	answer: AnswerClass;
	/** The code of a call that did not answer (an operator refusal's code becomes the status's reason). */
	code: string | null;
}

/** The provider's public status (GET /api/provider-status). */
export interface HealthSnapshot {
	status: ProviderHealth;
	successRate: number | null;
	windowMs: number;
	/** When the status last changed (ms since the epoch), or null when it never has. */
	changedAt: number | null;
	reason: string | null;
}

/**
 * One circuit breaker per provider (`getByName(provider)`), shared by every isolate that calls it, and the
 * provider's rolling status. Each is one SQLite row, written before each answer, so a restart or eviction forgets
 * nothing. Calls are serialized by the runtime, so exactly one caller can win the half-open probe.
 */
export class ProviderBreaker extends DurableObject<Env> {
	private readonly settings: BreakerSettings;

	constructor(ctx: DurableObjectState, env: Env) {
		super(ctx, env);
		const config = loadConfig(env);
		// A probe runs within one provider call, which the caller cuts off after providerTimeoutMs.
		this.settings = { ...config.breaker, probeLeaseMs: config.providerTimeoutMs + 1_000 };
		ctx.storage.sql.exec(
			`CREATE TABLE IF NOT EXISTS breaker (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL);
			CREATE TABLE IF NOT EXISTS status (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL);`,
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

	/** Records how a call went: in the breaker (if it counts there) and in the status window (always). */
	async record(report: CallReport): Promise<BreakerState> {
		const now = Date.now();
		const before = this.load();
		const after = report.breaker === null ? before : record(before, report.breaker === "success", now, this.settings);
		if (after !== before) this.save(after);
		if (after.phase === "open" && before.phase !== "open") {
			log("error", "breaker.opened", {
				breaker: this.name(),
				failures: after.failures,
				open_until: new Date(after.openUntil).toISOString(),
			});
		} else if (after.phase === "closed" && before.phase !== "closed") {
			log("warn", "breaker.closed", { breaker: this.name() });
		}
		this.observed(observe(this.loadStatus(), report.answer, report.code, now), after, now, true);
		return after;
	}

	/** The provider's status now: rate over the window, classification, reason, last change. */
	async health(): Promise<HealthSnapshot> {
		const now = Date.now();
		const { record: stored, seen } = this.observed(this.loadStatus(), this.load(), now, false);
		return { ...seen, windowMs: STATUS_WINDOW_MS, changedAt: stored.changedAt };
	}

	/** The current state and settings. */
	async status(): Promise<BreakerSnapshot> {
		return { state: this.load(), settings: this.settings };
	}

	/** Closes the breaker and forgets the status window (an operator who knows the provider is back; tests). */
	async reset(): Promise<void> {
		this.save(INITIAL);
		this.saveStatus(EMPTY_STATUS);
	}

	/** Classifies `status` at `now`, stores it when it is new (`dirty`) or its status changed, and logs a change. */
	private observed(status: StatusRecord, breaker: BreakerState, now: number, dirty: boolean) {
		const seen = classifyHealth(status, refusing(breaker, now), now);
		const next = settle(status, seen, now);
		if (dirty || next !== status) this.saveStatus(next);
		if (next.status !== status.status) {
			log(next.status === "down" ? "error" : "warn", "provider.status_changed", {
				provider: this.name(),
				from: status.status,
				to: next.status,
				reason: seen.reason,
				success_rate: seen.successRate,
			});
		}
		return { record: next, seen };
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

	private loadStatus(): StatusRecord {
		const row = this.ctx.storage.sql.exec<{ body: string }>("SELECT body FROM status WHERE id = 1").toArray()[0];
		return row ? (JSON.parse(row.body) as StatusRecord) : EMPTY_STATUS;
	}

	private saveStatus(status: StatusRecord): void {
		this.ctx.storage.sql.exec(
			"INSERT INTO status (id, body) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body",
			JSON.stringify(status),
		);
	}

	private name(): string {
		return this.ctx.id.name ?? this.ctx.id.toString();
	}
}
