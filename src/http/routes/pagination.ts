import { z } from "@hono/zod-openapi";

export const MAX_PAGE_SIZE = 100;

/** Query parameters shared by every list route. */
export const pagination = z.object({
	limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20).openapi({ example: 20 }),
	starting_after: z
		.string()
		.regex(/^[a-z]{2,4}_[0-9A-HJKMNP-TV-Z]{26}$/, "Must be a cursor returned by a previous page.")
		.optional(),
});

/** The list envelope every list route returns. */
export const listBody = <T, U>(page: { items: T[]; hasMore: boolean; nextCursor: string | null }, map: (item: T) => U) => ({
	object: "list" as const,
	data: page.items.map(map),
	has_more: page.hasMore,
	next_cursor: page.nextCursor,
});
