import { idTime, newId } from "../ids";
import { type HistoryRecord, toHistory } from "./history";
import { createStore, migrateStore, RECORDED_SCHEMA, STORE_SCHEMA_VERSION, storedVersion } from "./store-schema";
import { type CallInFlight, type PendingOutbox, REDACTED_HASH, type StoredIndex, type StoredMeta } from "./stored";
import { type Entry } from "./transition";
import { type VerificationState } from "./types";

/** A state row's columns a commit may set beside the body (names from this file only: they are spliced into SQL). */
type StateColumns = Record<string, SqlStorageValue>;

/** The call-in-flight marker cleared: the call it recorded was answered (or counted as interrupted). */
const NO_CALL: StateColumns = { call_round: null, call_attempts: null, call_started_at: null };

/**
 * Synchronous access to one verification's SQLite storage. Every write of a change goes through `insert`, `commit`
 * or `rekey`, which store the new state (and with it the outbox's marker: its revision is pending until drained)
 * and its history rows in one transaction.
 */
export class VerificationStore {
	/** Tables are created on the first insert, so probing an unknown id never creates storage. */
	private ready: boolean;
	private version: number;

	/**
	 * Throws `StoreTooNew` on storage a newer release wrote and marked as not readable by this one: the object then
	 * refuses its work, visibly, instead of misreading it (see `pipeline/durable-object.ts`).
	 */
	constructor(private readonly storage: DurableObjectStorage) {
		// One probe at start-up: version 0 is an object that never stored anything.
		const version = storedVersion(storage);
		this.ready = version > 0;
		// Objects written by an older release upgrade in place before their first read; a newer release's are kept.
		if (this.ready) migrateStore(storage, version);
		this.version = this.ready ? Math.max(version, STORE_SCHEMA_VERSION) : 0;
	}

	/** The schema version this object's storage is at (0 before its first insert). */
	schemaVersion(): number {
		return this.version;
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

	/** Persists a new verification and its first history rows atomically; its first revision is pending. */
	insert(
		state: VerificationState,
		entries: Entry[],
		meta: StoredMeta,
	): { state: VerificationState; history: HistoryRecord[] } {
		const written = this.write(state, entries, () => {
			// In the insert's own transaction: a failed insert leaves no empty tables behind.
			if (!this.ready) createStore(this.storage);
			const { version, readableFrom } = RECORDED_SCHEMA;
			this.storage.sql.exec(
				`INSERT INTO state (id, body, pii, request_hash, blind_index, index_key_id, schema_version,
				  schema_readable_from) VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
				JSON.stringify(state),
				meta.pii,
				meta.requestHash,
				meta.blindIndex,
				meta.indexKeyId,
				version,
				readableFrom,
			);
		});
		this.ready = true;
		this.version = STORE_SCHEMA_VERSION;
		return written;
	}

	/**
	 * Persists a transition atomically, in one write of the state row. `pii` replaces the encrypted personal data
	 * and `index` the blind index (a retry's); once the state says it was redacted, the personal data is erased in
	 * the same write. `endsCall`: the transition is the answer of the call in flight, whose marker it clears;
	 * `startsCall`: the transition is followed by that call, whose marker it sets.
	 */
	commit(
		next: VerificationState,
		entries: Entry[],
		opts: { pii?: string; index?: StoredIndex; endsCall?: boolean; startsCall?: CallInFlight } = {},
	): { state: VerificationState; history: HistoryRecord[] } {
		const state = { ...next, revision: next.revision + 1 };
		// Redacted: the personal data and both fingerprints of it go (a replayed request then no longer matches).
		const redacted = state.redactedAt !== null ? { pii: null, blind_index: null, request_hash: REDACTED_HASH } : null;
		const index = opts.index && { blind_index: opts.index.blindIndex, index_key_id: opts.index.indexKeyId };
		const columns: StateColumns = {
			...revisionColumns(state),
			...(redacted ?? { ...(opts.pii !== undefined ? { pii: opts.pii } : {}), ...index }),
			...(opts.endsCall ? NO_CALL : {}),
			...(opts.startsCall ? callColumns(opts.startsCall) : {}),
		};
		return this.write(state, entries, () => this.update(columns));
	}

	/**
	 * Stores the personal data and blind index re-made under the current key (after a key rotation) as a revision of
	 * its own: no history entry, no event, but pending in the outbox, so the projection (its key id) follows.
	 */
	rekey(
		current: VerificationState,
		keyed: { pii: string; blindIndex: string | null; indexKeyId: string },
	): { state: VerificationState; history: HistoryRecord[] } {
		const state = { ...current, revision: current.revision + 1 };
		const columns = {
			...revisionColumns(state),
			pii: keyed.pii,
			blind_index: keyed.blindIndex,
			index_key_id: keyed.indexKeyId,
		};
		return this.write(state, [], () => this.update(columns));
	}

	private write(state: VerificationState, entries: Entry[], writeState: () => void) {
		// Event ids sort by time; keep them strictly increasing within one verification even within one ms.
		let t = Math.max(state.updatedAt, this.lastEventTime() + 1);
		const history = entries.map((e) => toHistory(state, e, newId("evt", t++)));
		this.storage.transactionSync(() => {
			writeState();
			for (const h of history) {
				this.storage.sql.exec("INSERT INTO history (revision, body) VALUES (?, ?)", state.revision, JSON.stringify(h));
			}
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

	/** Records that the provider call for (round, attempts) is starting; its answer's commit (`endsCall`) clears it. */
	beginCall(call: CallInFlight): void {
		this.update(callColumns(call));
	}

	/** The provider call that was started and never answered, if any. */
	callInFlight(): CallInFlight | null {
		if (!this.ready) return null;
		const row = this.storage.sql
			.exec<{ round: number | null; attempts: number; started_at: number }>(
				"SELECT call_round AS round, call_attempts AS attempts, call_started_at AS started_at FROM state WHERE id = 1",
			)
			.one();
		return row.round === null ? null : { round: row.round, attempts: row.attempts, startedAt: row.started_at };
	}

	/** Clears the call-in-flight marker without a commit (the call's answer commits with `endsCall`). */
	endCall(): void {
		this.update(NO_CALL);
	}

	history(fromRevision = 0): HistoryRecord[] {
		if (!this.ready) return [];
		return this.storage.sql
			.exec<{ body: string }>("SELECT body FROM history WHERE revision >= ? ORDER BY seq", fromRevision)
			.toArray()
			.map((r) => JSON.parse(r.body) as HistoryRecord);
	}

	/** What the outbox holds: the revisions not yet drained (projected to D1 and queued), or null. */
	pendingOutbox(): PendingOutbox | null {
		if (!this.ready) return null;
		const row = this.storage.sql
			.exec<{
				revision: number;
				drained: number;
				failures: number;
				retry_at: number | null;
				last_error: string | null;
			}>(
				`SELECT json_extract(body, '$.revision') AS revision, drained_revision AS drained, outbox_failures AS failures,
				  outbox_retry_at AS retry_at, outbox_last_error AS last_error FROM state WHERE id = 1`,
			)
			.one();
		if (row.drained >= row.revision) return null;
		const { failures, retry_at: retryAt, last_error: lastError } = row;
		return { from: row.drained + 1, through: row.revision, failures, retryAt, lastError };
	}

	/**
	 * Marks the revisions up to `through` drained, in one write. Only those: a commit that landed while the drain
	 * awaited D1 and the queue is a later revision, still pending. The failure streak ends (the drain got through),
	 * so what is still pending is drained again at once.
	 */
	clearOutbox(through: number): void {
		this.storage.sql.exec(
			`UPDATE state SET drained_revision = MAX(drained_revision, ?), outbox_failures = 0, outbox_retry_at = NULL,
			  outbox_last_error = NULL WHERE id = 1`,
			through,
		);
	}

	/**
	 * Records a failed drain of the revisions up to `through` so it is visible and retried by the alarm with
	 * backoff; nothing, if another drain got them through meanwhile.
	 */
	failOutbox(through: number, retryAt: number, error: string): void {
		this.storage.sql.exec(
			`UPDATE state SET outbox_failures = outbox_failures + 1, outbox_retry_at = ?, outbox_last_error = ?
			  WHERE id = 1 AND drained_revision < ?`,
			retryAt,
			error,
			through,
		);
	}

	/** One UPDATE of the state row: every write of it is one row written, however many columns change. */
	private update(columns: StateColumns): void {
		const set = Object.keys(columns).map((name) => `${name} = ?`);
		this.storage.sql.exec(`UPDATE state SET ${set.join(", ")} WHERE id = 1`, ...Object.values(columns));
	}
}

/**
 * What every commit writes: the new state and, since its revision is pending now, no retry time for the outbox (a
 * fresh change is drained at once; a failure streak's count stays, so a failing drain's backoff goes on from it).
 */
const revisionColumns = (state: VerificationState): StateColumns => ({
	body: JSON.stringify(state),
	outbox_retry_at: null,
});

const callColumns = (call: CallInFlight): StateColumns => ({
	call_round: call.round,
	call_attempts: call.attempts,
	call_started_at: call.startedAt,
});
