import { and, asc, desc, eq, gt, inArray, lt, type SQL } from "drizzle-orm";
import type { VerificationView } from "../verification/view";
import type { Db } from "./client";
import { verificationEvents, verifications } from "./schema";

export interface Page<T> {
	items: T[];
	hasMore: boolean;
	nextCursor: string | null;
}

function page<T extends { id: string }>(rows: T[], limit: number): Page<T> {
	const items = rows.slice(0, limit);
	const hasMore = rows.length > limit;
	return { items, hasMore, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
}

/** A client's verifications, newest first (ids sort by creation time), keyset-paginated. */
export async function listVerifications(
	db: Db,
	q: { clientId: string; status?: string; reference?: string; startingAfter?: string; limit: number },
): Promise<Page<VerificationView>> {
	const where: SQL[] = [eq(verifications.clientId, q.clientId)];
	if (q.status) where.push(eq(verifications.status, q.status));
	if (q.reference) where.push(eq(verifications.reference, q.reference));
	if (q.startingAfter) where.push(lt(verifications.id, q.startingAfter));
	const rows = await db
		.select({ id: verifications.id, body: verifications.body })
		.from(verifications)
		.where(and(...where))
		.orderBy(desc(verifications.id))
		.limit(q.limit + 1);
	const p = page(rows, q.limit);
	return { ...p, items: p.items.map((r) => JSON.parse(r.body) as VerificationView) };
}

export type EventRow = typeof verificationEvents.$inferSelect;

export async function verificationExists(db: Db, clientId: string, id: string): Promise<boolean> {
	const row = await db
		.select({ id: verifications.id })
		.from(verifications)
		.where(and(eq(verifications.id, id), eq(verifications.clientId, clientId)))
		.get();
	return row !== undefined;
}

/** Events oldest first: a verification's whole timeline, or the account's status changes (the feed). */
export async function listEvents(
	db: Db,
	q: { clientId: string; verificationId?: string; statusChangesOnly: boolean; startingAfter?: string; limit: number },
): Promise<Page<EventRow>> {
	const where: SQL[] = [eq(verificationEvents.clientId, q.clientId)];
	if (q.verificationId) where.push(eq(verificationEvents.verificationId, q.verificationId));
	if (q.statusChangesOnly) where.push(eq(verificationEvents.statusChange, true));
	if (q.startingAfter) where.push(gt(verificationEvents.id, q.startingAfter));
	const rows = await db
		.select()
		.from(verificationEvents)
		.where(and(...where))
		.orderBy(asc(verificationEvents.id))
		.limit(q.limit + 1);
	return page(rows, q.limit);
}

/** The client's verification of the same person that is still in flight, if any (found by blind index). */
export async function findActiveDuplicate(db: Db, clientId: string, blindIndex: string): Promise<string | null> {
	const row = await db
		.select({ id: verifications.id })
		.from(verifications)
		.where(
			and(
				eq(verifications.clientId, clientId),
				eq(verifications.blindIndex, blindIndex),
				inArray(verifications.status, ["submitted", "processing", "requires_action"]),
			),
		)
		// No ORDER BY: it made SQLite walk all of the client's rows instead of the blind-index entries.
		.get();
	return row?.id ?? null;
}
