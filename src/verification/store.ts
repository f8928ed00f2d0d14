import { keyIdOf } from "../crypto/pii";
import { idTime, newId } from "../ids";
import { type HistoryRecord, toHistory } from "./events";
import { createStore, migrateStore, STORE_SCHEMA_VERSION, storedVersion } from "./store-schema";
import type { Entry } from "./transition";
import type { VerificationState } from "./types";

/** What a request fingerprint becomes once its verification is redacted: it matches no request. */
export const REDACTED_HASH = "redacted";

export interface OutboxRow {
	revision: number;
	d1Done: boolean;
	queueDone: boolean;
	failures: number;
	retryAt: number | null;
}

/** What is stored beside the state: the encrypted personal data and the two keyed fingerprints. */
export interface StoredMeta {
	pii: string | null;
	requestHash: string;
	blindIndex: string | null;
	/** The key `blindIndex` was made with; null when stored before key ids were recorded. */
	indexKeyId: string | null;
}

/**
 * The one key id the record's keyed data is under (its personal data and its blind index), or null when that is
 * unknown, mixed (e.g. re-sealed by a retry after a rotation, index still old) or there is no personal data left.
 */
export function recordKeyId(meta: StoredMeta): string | null {
	const kid = keyIdOf(meta.pii);
	return kid !== null && (meta.blindIndex === null || meta.indexKeyId === kid) ? kid : null;
}

/**
 * Synchronous access to one verification's SQLite storage. Every write of a change goes through `insert` or
 * `commit`, which store the new state, its history rows and an outbox row in one transaction.
 */
export class VerificationStore {
	/** Tables are created on the first insert, so probing an unknown id never creates storage. */
	private ready: boolean;

	constructor(private readonly storage: DurableObjectStorage) {
		// One probe at start-up: version 0 is an object that never stored anything.
		const version = storedVersion(storage);
		this.ready = version > 0;
		// Objects written by an older release upgrade in place before their first read.
		if (this.ready) migrateStore(storage, version);
	}

	/** The schema version this object's storage is at (0 before its first insert). */
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

	/** Persists a new verification, its first history rows and its outbox row atomically. */
	insert(state: VerificationState, entries: Entry[], meta: StoredMeta): { state: VerificationState; history: HistoryRecord[] } {
		const written = this.write(state, entries, () => {
			// In the insert's own transaction: a failed insert leaves no empty tables behind.
			if (!this.ready) createStore(this.storage);
			this.storage.sql.exec(
				"INSERT INTO state (id, body, pii, request_hash, blind_index, index_key_id) VALUES (1, ?, ?, ?, ?, ?)",
				JSON.stringify(state),
				meta.pii,
				meta.requestHash,
				meta.blindIndex,
				meta.indexKeyId,
			);
		});
		this.ready = true;
		return written;
	}

	/**
	 * Persists a transition atomically. `pii` replaces the encrypted personal data (a retry's corrections); once
	 * the state says it was redacted, the personal data is erased in the same transaction.
	 */
	commit(
		next: VerificationState,
		entries: Entry[],
		opts: { pii?: string } = {},
	): { state: VerificationState; history: HistoryRecord[] } {
		const state = { ...next, revision: next.revision + 1 };
		return this.write(state, entries, () => {
			const sql = this.storage.sql;
			sql.exec("UPDATE state SET body = ? WHERE id = 1", JSON.stringify(state));
			// Redacted: the personal data and both fingerprints of it go (a replayed request then no longer matches).
			if (state.redactedAt !== null) {
				sql.exec("UPDATE state SET pii = NULL, blind_index = NULL, request_hash = ? WHERE id = 1", REDACTED_HASH);
			} else if (opts.pii !== undefined) sql.exec("UPDATE state SET pii = ? WHERE id = 1", opts.pii);
		});
	}

	/**
	 * Stores the personal data and blind index re-made under the current key (after a key rotation) as a revision of
	 * its own: no history entry, no event, but an outbox row, so the projection (its key id) follows.
	 */
	rekey(
		current: VerificationState,
		keyed: { pii: string; blindIndex: string | null; indexKeyId: string },
	): { state: VerificationState; history: HistoryRecord[] } {
		const state = { ...current, revision: current.revision + 1 };
		return this.write(state, [], () => {
			this.storage.sql.exec(
				"UPDATE state SET body = ?, pii = ?, blind_index = ?, index_key_id = ? WHERE id = 1",
				JSON.stringify(state),
				keyed.pii,
				keyed.blindIndex,
				keyed.indexKeyId,
			);
		});
	}

	private write(state: VerificationState, entries: Entry[], writeState: () => void) {
		// Event ids sort by time; keep them strictly increasing within one verification even within one ms.
		let t = Math.max(state.updatedAt, this.lastEventTime() + 1);
		const history = entries.map((e) => toHistory(state, e, newId("evt", t++)));
		this.storage.transactionSync(() => {
			const sql = this.storage.sql;
			writeState();
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

	/** Records that the provider call for (round, attempts) is starting; `endCall` clears it with its answer. */
	beginCall(round: number, attempts: number, startedAt: number): void {
		this.storage.sql.exec(
			"INSERT OR REPLACE INTO call_in_flight (id, round, attempts, started_at) VALUES (1, ?, ?, ?)",
			round,
			attempts,
			startedAt,
		);
	}

	/** The provider call that was started and never answered, if any. */
	callInFlight(): { round: number; attempts: number; startedAt: number } | null {
		if (!this.ready) return null;
		const row = this.storage.sql
			.exec<{ round: number; attempts: number; started_at: number }>("SELECT round, attempts, started_at FROM call_in_flight")
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

	/** Drops drained outbox rows in one statement: every row up to the newest revision the drain saw was in it. */
	clearOutbox(revisions: number[]): void {
		this.storage.sql.exec("DELETE FROM outbox WHERE revision <= ?", Math.max(...revisions));
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
