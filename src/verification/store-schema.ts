/*
 * The versioned SQLite schema of one verification's Durable Object. Each step upgrades storage written by the
 * release before it, in place and in one transaction; an object's first insert creates today's schema in one go
 * (`CURRENT_SCHEMA`). Never edit a released step: add the next one, and change `CURRENT_SCHEMA` with it
 * (test/integration/store-schema.test.ts holds the two equal).
 *
 * A step must leave storage the previous release can still run on, because `wrangler rollback` puts that release
 * back on storage this one upgraded (docs/deploying.md, "Rolling back"): expand first (add columns and tables, keep
 * what the previous release reads), contract a release later. `READABLE_FROM` says how far back that reaches.
 */

/**
 * What releases up to version 6 read and write besides the state row and history: the outbox rows, the version row
 * and the call-in-flight marker. Kept (empty but for the version) for a rollback to such a release; see step 8.
 */
const LEGACY_TABLES: readonly string[] = [
	"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
	`CREATE TABLE IF NOT EXISTS outbox (
	  revision INTEGER PRIMARY KEY,
	  d1_done INTEGER NOT NULL DEFAULT 0,
	  queue_done INTEGER NOT NULL DEFAULT 0,
	  failures INTEGER NOT NULL DEFAULT 0,
	  retry_at INTEGER,
	  last_error TEXT
	)`,
	`CREATE TABLE IF NOT EXISTS call_in_flight (
	  id INTEGER PRIMARY KEY CHECK (id = 1),
	  round INTEGER NOT NULL,
	  attempts INTEGER NOT NULL,
	  started_at INTEGER NOT NULL
	)`,
];

const STEPS: readonly string[] = [
	// 1: state (one row), history (append-only), outbox (one row per revision to drain).
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
	// 2: the version itself is recorded, and the outbox's history look-up by revision is indexed.
	`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
	CREATE INDEX IF NOT EXISTS history_revision_idx ON history (revision);`,
	// 3: live and test mode. Everything stored before modes existed is test mode, on no test clock.
	`UPDATE state SET body = json_set(body, '$.livemode', json('false'), '$.clockOffsetMs', 0)
	  WHERE json_extract(body, '$.livemode') IS NULL;
	UPDATE history SET body = json_set(body, '$.livemode', json('false'))
	  WHERE json_extract(body, '$.livemode') IS NULL;`,
	// 4: the provider call in flight, written before the call and cleared with its answer, so a call whose
	// isolate died is seen (and counted) by the next alarm instead of silently repeated.
	`CREATE TABLE IF NOT EXISTS call_in_flight (
	  id INTEGER PRIMARY KEY CHECK (id = 1),
	  round INTEGER NOT NULL,
	  attempts INTEGER NOT NULL,
	  started_at INTEGER NOT NULL
	);`,
	// 5: the key the blind index was made with (null: before this step), so a re-encryption after a key rotation
	// knows whether the index must be recomputed too (a retry re-seals the personal data but keeps the index).
	`ALTER TABLE state ADD COLUMN index_key_id TEXT;`,
	// 6: no index on history: one object's history is a few dozen rows, read whole or from a revision on, and the
	// index was a row written with every history row. (An older history keeps its AUTOINCREMENT: its seq grows
	// either way, and rebuilding the table is not worth it.)
	`DROP INDEX IF EXISTS history_revision_idx;`,
	// 7: what was a table of its own beside the state row is columns of it, written by the commit it belongs to
	// (one row written where there were two or three): the outbox (the newest drained revision, every later one is
	// pending; how draining them has gone), the provider call in flight, and the schema version.
	`ALTER TABLE state ADD COLUMN schema_version INTEGER;
	ALTER TABLE state ADD COLUMN drained_revision INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE state ADD COLUMN outbox_failures INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE state ADD COLUMN outbox_retry_at INTEGER;
	ALTER TABLE state ADD COLUMN outbox_last_error TEXT;
	ALTER TABLE state ADD COLUMN call_round INTEGER;
	ALTER TABLE state ADD COLUMN call_attempts INTEGER;
	ALTER TABLE state ADD COLUMN call_started_at INTEGER;
	UPDATE state SET
	  drained_revision = COALESCE((SELECT MIN(revision) - 1 FROM outbox), json_extract(body, '$.revision')),
	  outbox_failures = (SELECT COALESCE(MAX(failures), 0) FROM outbox),
	  outbox_retry_at = (SELECT CASE WHEN COUNT(retry_at) = COUNT(*) THEN MIN(retry_at) END FROM outbox),
	  outbox_last_error = (SELECT last_error FROM outbox WHERE last_error IS NOT NULL ORDER BY revision DESC LIMIT 1),
	  call_round = (SELECT round FROM call_in_flight),
	  call_attempts = (SELECT attempts FROM call_in_flight),
	  call_started_at = (SELECT started_at FROM call_in_flight);
	DROP TABLE outbox;
	DROP TABLE call_in_flight;
	DROP TABLE schema_version;`,
	// 8: expand again what step 7 contracted in the same release. The release before step 7, put back by a rollback,
	// found no version table, read version 1, re-ran steps 2 to 6 and failed on step 5's duplicate column, on every
	// request and alarm. The tables that release reads and writes are back, empty (what they held is in the state
	// row's columns), the version is in its table as well as in the state row, and the state row says the oldest
	// schema whose code may run on it (`READABLE_FROM`). The tables go once no release that reads them can come back.
	`ALTER TABLE state ADD COLUMN schema_readable_from INTEGER;
	${LEGACY_TABLES.join(";\n")};`,
];

export const STORE_SCHEMA_VERSION = STEPS.length;

/**
 * The oldest schema version whose release may run on storage at `STORE_SCHEMA_VERSION`: version 6 (the release
 * before the state row's columns) reads and writes it through the tables of step 8, and everything since reads the
 * columns. A later release that contracts raises it; a release older than what storage says refuses to run on it.
 */
export const READABLE_FROM = 6;

/**
 * What every step above adds up to (but for the AUTOINCREMENT a history from before step 6 keeps), for an object
 * that never stored anything: replaying the steps would write each intermediate shape first. One statement per
 * `exec`, so that each is counted: a script's cursor reports only its last statement's rows written.
 */
const CURRENT_SCHEMA: readonly string[] = [
	`CREATE TABLE state (
	  id INTEGER PRIMARY KEY CHECK (id = 1),
	  body TEXT NOT NULL,
	  pii TEXT,
	  request_hash TEXT NOT NULL,
	  blind_index TEXT,
	  index_key_id TEXT,
	  schema_version INTEGER,
	  drained_revision INTEGER NOT NULL DEFAULT 0,
	  outbox_failures INTEGER NOT NULL DEFAULT 0,
	  outbox_retry_at INTEGER,
	  outbox_last_error TEXT,
	  call_round INTEGER,
	  call_attempts INTEGER,
	  call_started_at INTEGER,
	  schema_readable_from INTEGER
	)`,
	// A plain INTEGER PRIMARY KEY: the history is append-only, so a new row's seq is one above the last, without
	// AUTOINCREMENT's sqlite_sequence row written beside each insert.
	`CREATE TABLE history (
	  seq INTEGER PRIMARY KEY,
	  revision INTEGER NOT NULL,
	  body TEXT NOT NULL
	)`,
	...LEGACY_TABLES,
];

/**
 * The recorded version: 0 for storage that holds nothing, 1 for storage from before versioning (tables, no
 * version), then the version table of versions 2 to 6 or the state row's column from version 7 on.
 */
export function storedVersion(storage: DurableObjectStorage): number {
	const sql = storage.sql;
	const columns = sql
		.exec<{ name: string }>("SELECT name FROM pragma_table_info('state')")
		.toArray()
		.map((c) => c.name);
	if (columns.length === 0) return 0;
	if (columns.includes("schema_version")) {
		return sql.exec<{ schema_version: number }>("SELECT schema_version FROM state WHERE id = 1").one().schema_version;
	}
	const versionTable = sql
		.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
		.toArray();
	if (versionTable.length === 0) return 1;
	return sql.exec<{ version: number }>("SELECT version FROM schema_version").toArray()[0]?.version ?? 1;
}

/**
 * Creates today's schema on storage that holds none (version 0), inside the caller's transaction, and records the
 * version in the table the releases before step 7 read; the state row the caller inserts there records it too
 * (`RECORDED_SCHEMA`).
 */
export function createStore(storage: DurableObjectStorage): void {
	for (const statement of CURRENT_SCHEMA) storage.sql.exec(statement);
	storage.sql.exec("INSERT INTO schema_version (version) VALUES (?)", STORE_SCHEMA_VERSION);
}

/** What the state row records of its schema: this release's version, and the oldest release that may run on it. */
export const RECORDED_SCHEMA = { version: STORE_SCHEMA_VERSION, readableFrom: READABLE_FROM } as const;

/** Storage a newer release wrote and marked as not readable by this one (a rollback more than one release back). */
export class StoreTooNew extends Error {
	constructor(
		readonly stored: number,
		readonly readableFrom: number,
	) {
		super(
			`storage is at schema ${stored}, readable from ${readableFrom}; this release knows up to ${STORE_SCHEMA_VERSION}`,
		);
		this.name = "StoreTooNew";
	}
}

/**
 * Brings storage written by an older release (version 1 or later) to `STORE_SCHEMA_VERSION`; a no-op when it is
 * there. Storage of a newer release is left as it is when that release says this one may run on it, and refused
 * (`StoreTooNew`) when not: never downgraded, never re-stepped.
 */
export function migrateStore(storage: DurableObjectStorage, from: number): void {
	if (from > STORE_SCHEMA_VERSION) {
		const readableFrom = storedReadableFrom(storage) ?? from;
		if (readableFrom > STORE_SCHEMA_VERSION) throw new StoreTooNew(from, readableFrom);
		return;
	}
	if (from === STORE_SCHEMA_VERSION) return;
	storage.transactionSync(() => {
		for (const step of STEPS.slice(from)) storage.sql.exec(step);
		const { version, readableFrom } = RECORDED_SCHEMA;
		storage.sql.exec(
			"UPDATE state SET schema_version = ?, schema_readable_from = ? WHERE id = 1",
			version,
			readableFrom,
		);
		storage.sql.exec("DELETE FROM schema_version");
		storage.sql.exec("INSERT INTO schema_version (version) VALUES (?)", version);
	});
}

/** What a newer release recorded as the oldest schema that may run on its storage (null: it said nothing). */
function storedReadableFrom(storage: DurableObjectStorage): number | null {
	const sql = storage.sql;
	const known = sql.exec("SELECT 1 FROM pragma_table_info('state') WHERE name = 'schema_readable_from'").toArray();
	if (known.length === 0) return null;
	return sql.exec<{ v: number | null }>("SELECT schema_readable_from AS v FROM state WHERE id = 1").one().v;
}
