import { asc, desc, gt, lt, type SQL } from "drizzle-orm";
import { type SQLiteColumn } from "drizzle-orm/sqlite-core";

/** What a list route asks for: a page size and, after the first page, the cursor it was handed. */
export interface PageQuery {
	startingAfter?: string | undefined;
	limit: number;
}

/** One page of a keyset-paginated list. */
export interface Page<T> {
	items: T[];
	hasMore: boolean;
	nextCursor: string | null;
}

/**
 * The keyset over a time-ordered id column: the cursor condition, the order and the limit (one extra row, so
 * `toPage` can tell whether another page follows). Every list query pages through this.
 */
export function keyset(
	column: SQLiteColumn,
	direction: "asc" | "desc",
	q: PageQuery,
): { after: SQL | undefined; orderBy: SQL; limit: number } {
	const after =
		q.startingAfter === undefined
			? undefined
			: direction === "desc"
				? lt(column, q.startingAfter)
				: gt(column, q.startingAfter);
	return { after, orderBy: direction === "desc" ? desc(column) : asc(column), limit: q.limit + 1 };
}

/** Cuts the extra row `keyset` asked for and names the next cursor. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
	const items = rows.slice(0, limit);
	const hasMore = rows.length > limit;
	return { items, hasMore, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
}

/** The same page with its items mapped. */
export const mapPage = <T, U>(page: Page<T>, map: (item: T) => U): Page<U> => ({ ...page, items: page.items.map(map) });
