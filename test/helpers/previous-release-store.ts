import { idTime, newId } from "../../src/ids";
import { type HistoryRecord, toHistory } from "../../src/verification/history";
import { type StoredMeta } from "../../src/verification/stored";
import { type Entry } from "../../src/verification/transition";
import { type VerificationState } from "../../src/verification/types";

/**
 * The Durable Object store of the release before the state row's columns (schema version 6, commit 3d78317's
 * src/verification/store.ts and store-schema.ts), copied as it shipped but for import paths, the unused fresh-object
 * path and formatting: what `wrangler rollback` puts back on storage today's release wrote. Never update it to today's
 * code; a release that changes what the previous one is replaces it with that release's store.
 */
const STEPS: readonly string[] = [
	`CREATE TABLE IF NOT EXISTS state (
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
	);`,
	`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
	CREATE INDEX IF NOT EXISTS history_revision_idx ON history (revision);`,
	`UPDATE state SET body = json_set(body, '$.livemode', json('false'), '$.clockOffsetMs', 0)
	  WHERE json_extract(body, '$.livemode') IS NULL;
	UPDATE history SET body = json_set(body, '$.livemode', json('false'))
	  WHERE json_extract(body, '$.livemode') IS NULL;`,
	`CREATE TABLE IF NOT EXISTS call_in_flight (
	  id INTEGER PRIMARY KEY CHECK (id = 1),
	  round INTEGER NOT NULL,
	  attempts INTEGER NOT NULL,
	  started_at INTEGER NOT NULL
	);`,
	"ALTER TABLE state ADD COLUMN index_key_id TEXT;",
	"DROP INDEX IF EXISTS history_revision_idx;",
];

const STORE_SCHEMA_VERSION = STEPS.length;

function storedVersion(storage: DurableObjectStorage): number {
	const tables = storage.sql
		.exec<{ name: string }>(
			"SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('state', 'schema_version')",
		)
		.toArray()
		.map((r) => r.name);
	if (tables.includes("schema_version")) {
		return storage.sql.exec<{ version: number }>("SELECT version FROM schema_version").toArray()[0]?.version ?? 1;
	}
	return tables.includes("state") ? 1 : 0;
}

function migrateStore(storage: DurableObjectStorage, from: number): void {
	if (from >= STORE_SCHEMA_VERSION) return;
	storage.transactionSync(() => {
		for (const step of STEPS.slice(from)) storage.sql.exec(step);
		storage.sql.exec("DELETE FROM schema_version");
		storage.sql.exec("INSERT INTO schema_version (version) VALUES (?)", STORE_SCHEMA_VERSION);
	});
}

export interface PreviousOutboxRow {
	revision: number;
	d1Done: boolean;
	queueDone: boolean;
	failures: number;
	retryAt: number | null;
}

export class PreviousReleaseStore {
	private ready: boolean;

	constructor(private readonly storage: DurableObjectStorage) {
		const version = storedVersion(storage);
		this.ready = version > 0;
		if (this.ready) migrateStore(storage, version);
	}

	schemaVersion(): number {
		return this.ready ? STORE_SCHEMA_VERSION : 0;
	}

	load(): VerificationState | null {
		if (!this.ready) return null;
		const row = this.storage.sql.exec<{ body: string }>("SELECT body FROM state WHERE id = 1").toArray()[0];
		return row ? (JSON.parse(row.body) as VerificationState) : null;
	}

	meta(): StoredMeta | null {
		if (!this.ready) return null;
		const row = this.storage.sql
			.exec<{ pii: string | null; request_hash: string; blind_index: string | null; index_key_id: string | null }>(
				"SELECT pii, request_hash, blind_index, index_key_id FROM state WHERE id = 1",
			)
			.toArray()[0];
		return row
			? { pii: row.pii, requestHash: row.request_hash, blindIndex: row.blind_index, indexKeyId: row.index_key_id }
			: null;
	}

	commit(next: VerificationState, entries: Entry[], opts: { pii?: string } = {}) {
		const state = { ...next, revision: next.revision + 1 };
		return this.write(state, entries, () => {
			const sql = this.storage.sql;
			sql.exec("UPDATE state SET body = ? WHERE id = 1", JSON.stringify(state));
			if (state.redactedAt !== null) {
				sql.exec("UPDATE state SET pii = NULL, blind_index = NULL, request_hash = ? WHERE id = 1", "redacted");
			} else if (opts.pii !== undefined) sql.exec("UPDATE state SET pii = ? WHERE id = 1", opts.pii);
		});
	}

	private write(state: VerificationState, entries: Entry[], writeState: () => void) {
		let t = Math.max(state.updatedAt, this.lastEventTime() + 1);
		const history = entries.map((e) => toHistory(state, e, newId("evt", t++)));
		this.storage.transactionSync(() => {
			const sql = this.storage.sql;
			writeState();
			for (const h of history)
				sql.exec("INSERT INTO history (revision, body) VALUES (?, ?)", state.revision, JSON.stringify(h));
			const hasEvent = history.some((h) => h.statusChange);
			sql.exec("INSERT INTO outbox (revision, queue_done) VALUES (?, ?)", state.revision, hasEvent ? 0 : 1);
		});
		return { state, history };
	}

	private lastEventTime(): number {
		if (!this.ready) return 0;
		const row = this.storage.sql
			.exec<{ body: string }>("SELECT body FROM history ORDER BY seq DESC LIMIT 1")
			.toArray()[0];
		return row ? idTime((JSON.parse(row.body) as HistoryRecord).id) : 0;
	}

	beginCall(round: number, attempts: number, startedAt: number): void {
		this.storage.sql.exec(
			"INSERT OR REPLACE INTO call_in_flight (id, round, attempts, started_at) VALUES (1, ?, ?, ?)",
			round,
			attempts,
			startedAt,
		);
	}

	callInFlight(): { round: number; attempts: number; startedAt: number } | null {
		if (!this.ready) return null;
		const row = this.storage.sql
			.exec<{ round: number; attempts: number; started_at: number }>(
				"SELECT round, attempts, started_at FROM call_in_flight",
			)
			.toArray()[0];
		return row ? { round: row.round, attempts: row.attempts, startedAt: row.started_at } : null;
	}

	endCall(): void {
		this.storage.sql.exec("DELETE FROM call_in_flight");
	}

	history(fromRevision = 0): HistoryRecord[] {
		if (!this.ready) return [];
		return this.storage.sql
			.exec<{ body: string }>("SELECT body FROM history WHERE revision >= ? ORDER BY seq", fromRevision)
			.toArray()
			.map((r) => JSON.parse(r.body) as HistoryRecord);
	}

	pendingOutbox(): PreviousOutboxRow[] {
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

	clearOutbox(revisions: number[]): void {
		this.storage.sql.exec("DELETE FROM outbox WHERE revision <= ?", Math.max(...revisions));
	}

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
