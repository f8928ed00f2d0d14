/**
 * A SQL statement and its bound values, for the hot write paths that run plain D1 (the projection's batch, the
 * fan-out): drizzle's query building costs CPU on every status change there, and a batch needs prepared statements.
 * D1 binds at most 100 values a statement.
 */
export interface Statement {
	text: string;
	values: unknown[];
}

/** The most values D1 binds in one statement. */
export const MAX_BOUND_VALUES = 100;

export const prepare = (d1: D1Database, s: Statement): D1PreparedStatement => d1.prepare(s.text).bind(...s.values);
