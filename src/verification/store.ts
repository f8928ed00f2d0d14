import { idTime, newId } from "../ids";
import type { Entry } from "./state-machine";
import type { VerificationState } from "./types";
import { type HistoryRecord, toHistory } from "./view";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  body TEXT NOT NULL,
  pii TEXT,
  request_hash TEXT NOT NULL,
  blind_index TEXT
);
CREATE TABLE IF NOT EXISTS history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  revision INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (
  revision INTEGER PRIMARY KEY,
  d1_done INTEGER NOT NULL DEFAULT 0,
  queue_done INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0,
  retry_at INTEGER,
  last_error TEXT
);`;

export interface OutboxRow {
	revision: number;
	d1Done: boolean;
	queueDone: boolean;
	failures: number;
	retryAt: number | null;
}

/**
 * Synchronous access to one verification's SQLite storage. Every write of a change goes through `commit`,
 * which stores the new state, its history rows and an outbox row in one transaction.
 */
export class VerificationStore {
	/** Tables are created on first commit, so probing an unknown id never creates storage. */
	private ready: boolean;

	constructor(private readonly storage: DurableObjectStorage) {
		this.ready = storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'state'").toArray().length > 0;
	}

	load(): VerificationState | null {
		if (!this.ready) return null;
		const row = this.storage.sql.exec<{ body: string }>("SELECT body FROM state WHERE id = 1").toArray()[0];
		return row ? (JSON.parse(row.body) as VerificationState) : null;
	}

	meta(): { pii: string | null; requestHash: string; blindIndex: string | null } | null {
		if (!this.ready) return null;
		const row = this.storage.sql
			.exec<{ pii: string | null; request_hash: string; blind_index: string | null }>(
				"SELECT pii, request_hash, blind_index FROM state WHERE id = 1",
			)
			.toArray()[0];
		return row ? { pii: row.pii, requestHash: row.request_hash, blindIndex: row.blind_index } : null;
	}

	/** Persists a transition atomically. `pii: null` erases personal data; `undefined` leaves it as is. */
	commit(
		next: VerificationState,
		entries: Entry[],
		opts: { pii?: string | null; requestHash?: string; blindIndex?: string | null } = {},
	): { state: VerificationState; history: HistoryRecord[] } {
		const inserting = opts.requestHash !== undefined;
		const state = { ...next, revision: inserting ? next.revision : next.revision + 1 };
		// Event ids sort by time; keep them strictly increasing within one verification even within one ms.
		let t = Math.max(state.updatedAt, this.lastEventTime() + 1);
		const history = entries.map((e) => toHistory(state, e, newId("evt", t++)));
		if (inserting && !this.ready) {
			this.storage.sql.exec(SCHEMA);
			this.ready = true;
		}
		this.storage.transactionSync(() => {
			const sql = this.storage.sql;
			if (inserting) {
				sql.exec(
					"INSERT INTO state (id, body, pii, request_hash, blind_index) VALUES (1, ?, ?, ?, ?)",
					JSON.stringify(state),
					opts.pii ?? null,
					opts.requestHash,
					opts.blindIndex ?? null,
				);
			} else {
				sql.exec("UPDATE state SET body = ? WHERE id = 1", JSON.stringify(state));
				if (opts.pii !== undefined) sql.exec("UPDATE state SET pii = ? WHERE id = 1", opts.pii);
				if (opts.blindIndex !== undefined) sql.exec("UPDATE state SET blind_index = ? WHERE id = 1", opts.blindIndex);
			}
			for (const h of history) sql.exec("INSERT INTO history (revision, body) VALUES (?, ?)", state.revision, JSON.stringify(h));
			const hasEvent = history.some((h) => h.statusChange);
			sql.exec("INSERT INTO outbox (revision, queue_done) VALUES (?, ?)", state.revision, hasEvent ? 0 : 1);
		});
		return { state, history };
	}

	private lastEventTime(): number {
		if (!this.ready) return 0;
		const row = this.storage.sql.exec<{ body: string }>("SELECT body FROM history ORDER BY seq DESC LIMIT 1").toArray()[0];
		return row ? idTime((JSON.parse(row.body) as HistoryRecord).id) : 0;
	}

	history(fromRevision = 0): HistoryRecord[] {
		return this.storage.sql
			.exec<{ body: string }>("SELECT body FROM history WHERE revision >= ? ORDER BY seq", fromRevision)
			.toArray()
			.map((r) => JSON.parse(r.body) as HistoryRecord);
	}

	pendingOutbox(): OutboxRow[] {
		if (!this.ready) return [];
		return this.storage.sql
			.exec<{ revision: number; d1_done: number; queue_done: number; failures: number; retry_at: number | null }>(
				"SELECT revision, d1_done, queue_done, failures, retry_at FROM outbox ORDER BY revision",
			)
			.toArray()
			.map((r) => ({
				revision: r.revision,
				d1Done: r.d1_done === 1,
				queueDone: r.queue_done === 1,
				failures: r.failures,
				retryAt: r.retry_at,
			}));
	}

	markOutbox(revisions: number[], column: "d1_done" | "queue_done"): void {
		this.storage.transactionSync(() => {
			for (const r of revisions) this.storage.sql.exec(`UPDATE outbox SET ${column} = 1 WHERE revision = ?`, r);
			this.storage.sql.exec("DELETE FROM outbox WHERE d1_done = 1 AND queue_done = 1");
		});
	}

	/** Records a failed drain so it is visible and retried by the alarm with backoff. */
	failOutbox(revisions: number[], retryAt: number, error: string): void {
		this.storage.transactionSync(() => {
			for (const r of revisions) {
				this.storage.sql.exec(
					"UPDATE outbox SET failures = failures + 1, retry_at = ?, last_error = ? WHERE revision = ?",
					retryAt,
					error,
					r,
				);
			}
		});
	}
}
