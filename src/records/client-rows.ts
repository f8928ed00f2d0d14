import { getTableColumns } from "drizzle-orm";
import { type SQLiteTable } from "drizzle-orm/sqlite-core";
import {
	idempotencyKeys,
	idempotentRequests,
	personClaims,
	verificationEvents,
	verifications,
	webhookDeliveries,
	webhookEndpoints,
} from "../db/schema";

/**
 * A client's rows in one database, walked table by table in bounded batches: what a move between shards copies to
 * the target and then deletes from the source (docs/operators.md, "Moving a client"). Every walk reads through an
 * index led by the client (or by one of its endpoints), in key order, so a batch reads about what it returns.
 */

/** Where a walk of one table got to: the last key it handled, and for deliveries which of the client's endpoints. */
export interface WalkCursor {
	after: (string | number)[] | null;
	endpoint?: number;
}

/** One table's walk: its rows of a client in key order (`?1` client, `?2…` the cursor's key, then `LIMIT ?n`). */
export interface TableWalk {
	name: string;
	table: SQLiteTable;
	/** Its SQL name. */
	sql: string;
	/** The key columns, in order (the last is unique within the rest). */
	key: string[];
	/** The filter beside the client's (a literal, so a partial index applies). */
	also?: string;
	/** On a copy, what a row already in the target keeps: nothing new (`ignore`), or the newer of the two. */
	conflict: { target: string; newer?: string } | "ignore";
	batch: number;
}

const walk = (w: TableWalk) => w;

/**
 * Every per-client table, in the order a move copies them: endpoints first (deliveries need them), the feed's events
 * in the order they landed (`rowid`, per mode), then the verifications, their timelines, deliveries and claims.
 */
export const CLIENT_TABLES: readonly TableWalk[] = [
	walk({
		name: "endpoints",
		table: webhookEndpoints,
		sql: "webhook_endpoints",
		key: ["livemode", "id"],
		conflict: { target: "id", newer: "updated_at" },
		batch: 100,
	}),
	walk({
		name: "feed",
		table: verificationEvents,
		sql: "verification_events",
		key: ["livemode", "rowid"],
		also: "(status_change = 1 OR feed = 1)",
		conflict: "ignore",
		batch: 100,
	}),
	walk({
		name: "verifications",
		table: verifications,
		sql: "verifications",
		key: ["livemode", "id"],
		conflict: { target: "id", newer: "revision" },
		batch: 50,
	}),
	walk({
		name: "deliveries",
		table: webhookDeliveries,
		sql: "webhook_deliveries",
		key: ["id"],
		conflict: { target: "id", newer: "updated_at" },
		batch: 50,
	}),
	walk({
		name: "claims",
		table: personClaims,
		sql: "person_claims",
		key: ["livemode", "blind_index"],
		conflict: "ignore",
		batch: 100,
	}),
	walk({
		name: "keys",
		table: idempotencyKeys,
		sql: "idempotency_keys",
		key: ["livemode", "key"],
		conflict: "ignore",
		batch: 100,
	}),
	walk({
		name: "requests",
		table: idempotentRequests,
		sql: "idempotent_requests",
		key: ["livemode", "key"],
		conflict: "ignore",
		batch: 100,
	}),
];

const columnsOf = (w: TableWalk) => Object.values(getTableColumns(w.table)).map((c) => c.name);

/** A row as D1 answers it, with `rowid` when the walk is by it. */
export type Row = Record<string, unknown>;

/**
 * The next batch of a walk: its rows, and the statement text and values that read them. Deliveries are walked per
 * endpoint of the client (`endpoint`: the id the cursor is on), the rest by the client's own index.
 */
export function readBatch(w: TableWalk, clientId: string, cursor: WalkCursor, endpoint?: string) {
	const keyList = w.key.join(", ");
	const select = w.key.includes("rowid") ? "rowid, *" : "*";
	const lead = w.name === "deliveries" ? "endpoint_id = ?1" : "client_id = ?1";
	const after = cursor.after ? ` AND (${keyList}) > (${w.key.map((_, i) => `?${i + 2}`).join(", ")})` : "";
	const text = `SELECT ${select} FROM ${w.sql} WHERE ${lead}${w.also ? ` AND ${w.also}` : ""}${after}
	  ORDER BY ${keyList} LIMIT ${w.batch}`;
	return { text, values: [w.name === "deliveries" ? endpoint : clientId, ...(cursor.after ?? [])] };
}

/** The key of a row, for the cursor after it. */
export const keyOf = (w: TableWalk, row: Row): (string | number)[] => w.key.map((k) => row[k] as string | number);

/**
 * One statement that writes a batch of rows read from another database: bound as one JSON array (D1 binds at most
 * 100 values), each inserted once, or kept only where it is newer than the row already there.
 */
export function writeBatch(w: TableWalk, rows: Row[], set: Row = {}) {
	const columns = columnsOf(w);
	const values = columns.map((c) => `value ->> '$.${c}'`).join(", ");
	const text = `INSERT INTO ${w.sql} (${columns.join(", ")}) SELECT ${values} FROM json_each(?1) WHERE true
	  ${upsert(w, columns)}`;
	// An event's `moved` mark is the source's business: a copy sets its own (none unless `set` says).
	const fresh = w.sql === "verification_events" ? { moved: null, ...set } : set;
	const json = rows.map((r) => ({ ...Object.fromEntries(columns.map((c) => [c, r[c] ?? null])), ...fresh }));
	return { text, values: [JSON.stringify(json)] };
}

function upsert(w: TableWalk, columns: string[]): string {
	if (w.conflict === "ignore") return "ON CONFLICT DO NOTHING";
	const { target, newer } = w.conflict;
	const set = columns.filter((c) => c !== target).map((c) => `${c} = excluded.${c}`);
	return `ON CONFLICT (${target}) DO UPDATE SET ${set.join(", ")} WHERE excluded.${newer} > ${w.sql}.${newer}`;
}

/**
 * The timeline entries that are not in the feed (attempts, steps) of a batch of verifications: bound as one JSON
 * array of their ids, read through the timeline's index.
 */
export const timelineRead = (verificationIds: string[]) => ({
	text: `SELECT * FROM verification_events WHERE verification_id IN (SELECT value FROM json_each(?1)) AND status_change = 0
	  AND feed IS NULL`,
	values: [JSON.stringify(verificationIds)],
});

/** The timeline table's walk (for writing the entries `timelineRead` found). */
export const TIMELINE: TableWalk = { ...(CLIENT_TABLES[1] as TableWalk), name: "timeline", also: undefined };

/** Deletes the timelines of the verifications a `deleteHead` of them takes next (so none is left without them). */
export const timelineDelete = (clientId: string, batch: number) => ({
	text: `DELETE FROM verification_events WHERE verification_id IN (
	  SELECT id FROM verifications WHERE client_id = ?1 ORDER BY livemode, id LIMIT ${batch})`,
	values: [clientId],
});

/**
 * Deletes the head of a walk from a database (a move's last phase): at most a batch, through the same index as the
 * walk (a verification batch's timelines first: `timelineDelete`).
 */
export function deleteHead(w: TableWalk, clientId: string, endpoint?: string) {
	const lead = w.name === "deliveries" ? "endpoint_id = ?1" : "client_id = ?1";
	const keyList = w.key.join(", ");
	return {
		text: `DELETE FROM ${w.sql} WHERE rowid IN (SELECT rowid FROM ${w.sql} WHERE ${lead}${w.also ? ` AND ${w.also}` : ""}
		  ORDER BY ${keyList} LIMIT ${w.batch}) RETURNING ${w.name === "verifications" ? "id" : "rowid"}`,
		values: [w.name === "deliveries" ? endpoint : clientId],
	};
}
