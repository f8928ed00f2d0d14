import { and, count, gt, isNull, lt, max, ne, or, type SQL } from "drizzle-orm";
import { type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { type Db } from "../db/client";
import { keyset, type Page, type PageQuery, toPage } from "../db/paging";
import { idempotencyKeys, verifications } from "../db/schema";
import { REDACTED_HASH } from "../verification/stored";

/** Reads of the D1 projection for the re-encryption after a key rotation. */

/**
 * One page, in id order, of the verifications that still hold personal data (not redacted: active ones, and final
 * ones until their purge), each with the key id its keyed data is under. An index range: never the whole history.
 */
export async function unredactedPage(db: Db, q: PageQuery): Promise<Page<{ id: string; keyId: string | null }>> {
	const k = keyset(verifications.id, "asc", q);
	const rows = await db
		.select({ id: verifications.id, keyId: verifications.keyId })
		.from(verifications)
		.where(and(isNull(verifications.redactedAt), k.after))
		.orderBy(k.orderBy)
		.limit(k.limit);
	return toPage(rows, q.limit);
}

/** Unknown, or any key but `kid`: as ranges, so each part is an index search. */
const notUnder = (column: SQLiteColumn, kid: string): [SQL, SQL, SQL] => [
	isNull(column),
	lt(column, kid),
	gt(column, kid),
];

/** How many verifications holding personal data are not (known to be) under key `kid`. Reads only those rows. */
export async function countNotUnder(db: Db, kid: string): Promise<number> {
	const holding = (range: SQL) =>
		db
			.select({ n: count() })
			.from(verifications)
			.where(and(isNull(verifications.redactedAt), range));
	const [unknown, below, above] = notUnder(verifications.keyId, kid);
	const counts = await db.batch([holding(unknown), holding(below), holding(above)]);
	return counts.reduce((n, [row]) => n + (row?.n ?? 0), 0);
}

/**
 * Idempotency request hashes not (known to be) made with key `kid`. They cannot be re-made (the request body is not
 * kept): they match a replay only while their key stays configured, and go with their verification's retention.
 */
export async function idempotencyHashesNotUnder(
	db: Db,
	kid: string,
): Promise<{ count: number; newestAt: number | null }> {
	const row = await db
		.select({ n: count(), newest: max(idempotencyKeys.createdAt) })
		.from(idempotencyKeys)
		.where(and(ne(idempotencyKeys.requestHash, REDACTED_HASH), or(...notUnder(idempotencyKeys.keyId, kid))))
		.get();
	return { count: row?.n ?? 0, newestAt: row?.newest ?? null };
}
