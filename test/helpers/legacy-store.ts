import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { type HistoryRecord } from "../../src/verification/history";
import { type CallInFlight, type StoredMeta } from "../../src/verification/stored";
import { type VerificationState } from "../../src/verification/types";

/**
 * Writes one verification in the Durable Object schema the first release shipped (version 1: no version row,
 * no history index), byte for byte as that release's store did, so upgrade tests start from real old storage.
 */
export function writeVersion1Storage(
	storage: DurableObjectStorage,
	state: Omit<VerificationState, "livemode" | "clockOffsetMs">,
	history: Omit<HistoryRecord, "livemode">[],
	meta: { pii: string | null; requestHash: string; blindIndex: string | null },
): void {
	const sql = storage.sql;
	sql.exec(VERSION_1_TABLES);
	sql.exec(
		"INSERT INTO state (id, body, pii, request_hash, blind_index) VALUES (1, ?, ?, ?, ?)",
		JSON.stringify(state),
		meta.pii,
		meta.requestHash,
		meta.blindIndex,
	);
	for (const h of history)
		sql.exec("INSERT INTO history (revision, body) VALUES (?, ?)", h.revision, JSON.stringify(h));
	sql.exec("INSERT INTO outbox (revision, d1_done, queue_done) VALUES (?, 1, 0)", state.revision);
}

/** An outbox row as releases up to version 6 kept one for each revision not yet drained. */
export interface LegacyOutboxRow {
	revision: number;
	failures: number;
	retryAt: number | null;
	lastError: string | null;
}

/**
 * Writes one verification in the schema of version 5 (steps 1 to 5: modes, a version row, the call-in-flight table
 * and the blind index's key id), as that release's store left it, with the outbox rows and call marker given.
 */
export function writeVersion5Storage(
	storage: DurableObjectStorage,
	state: VerificationState,
	history: HistoryRecord[],
	meta: StoredMeta,
	pending: { outbox: LegacyOutboxRow[]; call: CallInFlight | null },
): void {
	const sql = storage.sql;
	sql.exec(VERSION_1_TABLES);
	sql.exec(`
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS history_revision_idx ON history (revision);
CREATE TABLE IF NOT EXISTS call_in_flight (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  round INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  started_at INTEGER NOT NULL
);
ALTER TABLE state ADD COLUMN index_key_id TEXT;
INSERT INTO schema_version (version) VALUES (5);`);
	sql.exec(
		"INSERT INTO state (id, body, pii, request_hash, blind_index, index_key_id) VALUES (1, ?, ?, ?, ?, ?)",
		JSON.stringify(state),
		meta.pii,
		meta.requestHash,
		meta.blindIndex,
		meta.indexKeyId,
	);
	for (const h of history)
		sql.exec("INSERT INTO history (revision, body) VALUES (?, ?)", h.revision, JSON.stringify(h));
	for (const o of pending.outbox) {
		sql.exec(
			"INSERT INTO outbox (revision, failures, retry_at, last_error) VALUES (?, ?, ?, ?)",
			o.revision,
			o.failures,
			o.retryAt,
			o.lastError,
		);
	}
	const call = pending.call;
	if (call) {
		sql.exec(
			"INSERT INTO call_in_flight (id, round, attempts, started_at) VALUES (1, ?, ?, ?)",
			call.round,
			call.attempts,
			call.startedAt,
		);
	}
}

/** The first release's tables (version 1), as its store created them. */
const VERSION_1_TABLES = `
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

/**
 * The object's tables and indexes as SQLite records them (their normalized CREATE statement, their columns), SQLite's
 * own tables left out: to compare the schema a fresh object creates with the one an old object upgrades to.
 */
export function storageSchema(storage: DurableObjectStorage) {
	const sql = storage.sql;
	return sql
		.exec<{ type: string; name: string; sql: string }>(
			"SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY type, name",
		)
		.toArray()
		.map((o) => ({
			type: o.type,
			name: o.name,
			sql: normalizedSql(o.sql),
			columns: sql
				.exec(`SELECT * FROM ${o.type === "index" ? "pragma_index_info" : "pragma_table_info"}(?)`, o.name)
				.toArray(),
		}));
}

/**
 * A CREATE statement without the layout (a step's indentation, what ALTER TABLE inserts) and without AUTOINCREMENT,
 * which a history created before step 6 keeps: either way its seq only grows, and it names no column or constraint.
 */
const normalizedSql = (text: string) =>
	text
		.replace(/\s+/g, " ")
		.replace(/ ?([(),]) ?/g, "$1")
		.replace(" AUTOINCREMENT", "")
		.trim();

/**
 * Marks a verification's storage as written by a newer release (schema `version`, which says the oldest release that
 * may run on it is `readableFrom`), as after a rollback; the object restarts so its next request reads it afresh.
 */
export async function writtenByNewerRelease(id: string, version: number, readableFrom: number): Promise<void> {
	await runInDurableObject(env.VERIFICATION.getByName(id), (_instance, ctx) => {
		ctx.storage.sql.exec(
			"UPDATE state SET schema_version = ?, schema_readable_from = ? WHERE id = 1",
			version,
			readableFrom,
		);
		ctx.storage.sql.exec("UPDATE schema_version SET version = ?", version);
	});
	await restartObject(id);
}

/** Resets a verification's Durable Object (its isolate dies), so the next call constructs it from storage again. */
export async function restartObject(id: string): Promise<void> {
	await runInDurableObject(env.VERIFICATION.getByName(id), (_instance, ctx) => ctx.abort("restart")).catch(
		() => undefined,
	);
}
