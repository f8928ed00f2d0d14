import { getTableColumns, type SQL, sql } from "drizzle-orm";
import { type SQLiteTable } from "drizzle-orm/sqlite-core";

/** D1 allows at most 32 arguments per SQL function: a json_object takes 16 key/value pairs, json_patch joins them. */
const PAIRS_PER_OBJECT = 16;

/**
 * A SQL expression that turns a row of `table` (under `alias`) into a JSON object keyed by the table's TypeScript
 * field names, so one statement can return rows of two tables (e.g. `UPDATE … RETURNING` with a sub-select) and
 * `parseRow` maps them back without a second query.
 */
export function rowJson(table: SQLiteTable, alias: string): SQL {
	const pairs = Object.entries(getTableColumns(table)).map(([key, col]) => `'${key}', ${alias}."${col.name}"`);
	const objects: string[] = [];
	for (let i = 0; i < pairs.length; i += PAIRS_PER_OBJECT)
		objects.push(`json_object(${pairs.slice(i, i + PAIRS_PER_OBJECT).join(", ")})`);
	return sql.raw(objects.reduce((acc, o) => `json_patch(${acc}, ${o})`));
}

/**
 * The row `rowJson` wrote, with SQLite's 0/1 turned back into the booleans drizzle's row type promises, and its nulls
 * back: `json_patch` (a JSON merge patch) drops a key whose value is null, so a null column past the first 16 is
 * missing from the JSON.
 */
export function parseRow<T extends SQLiteTable>(table: T, json: string): T["$inferSelect"] {
	const row = JSON.parse(json) as Record<string, unknown>;
	for (const [key, col] of Object.entries(getTableColumns(table))) {
		if (row[key] === undefined) row[key] = null;
		else if (col.dataType === "boolean" && row[key] !== null) row[key] = row[key] === 1 || row[key] === true;
	}
	return row as T["$inferSelect"];
}
