import { and, eq, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { keyset, mapPage, type Page, type PageQuery, toPage } from "../db/paging";
import { verificationEvents, verifications } from "../db/schema";
import type { Account } from "../tenancy";
import type { Status } from "./types";
import type { VerificationView } from "./view";

/** Reads of the D1 projection: lists, the timeline and the duplicate guard. */

/** An account's verifications, newest first (ids sort by creation time), keyset-paginated. */
export async function listVerifications(
	db: Db,
	account: Account,
	q: PageQuery & { status?: Status | undefined; reference?: string | undefined },
): Promise<Page<VerificationView>> {
	const where: SQL[] = [eq(verifications.clientId, account.clientId), eq(verifications.livemode, account.livemode)];
	if (q.status) where.push(eq(verifications.status, q.status));
	if (q.reference) where.push(eq(verifications.reference, q.reference));
	const k = keyset(verifications.id, "desc", q);
	const rows = await db
		.select({ id: verifications.id, body: verifications.body })
		.from(verifications)
		.where(and(...where, k.after))
		.orderBy(k.orderBy)
		.limit(k.limit);
	return mapPage(toPage(rows, q.limit), (r) => JSON.parse(r.body) as VerificationView);
}

export type EventRow = typeof verificationEvents.$inferSelect;

export async function verificationExists(db: Db, account: Account, id: string): Promise<boolean> {
	const row = await db
		.select({ id: verifications.id })
		.from(verifications)
		.where(
			and(eq(verifications.id, id), eq(verifications.clientId, account.clientId), eq(verifications.livemode, account.livemode)),
		)
		.get();
	return row !== undefined;
}

/** Events oldest first: a verification's whole timeline, or the account's status changes (the feed). */
export async function listEvents(
	db: Db,
	account: Account,
	q: PageQuery & { verificationId?: string; statusChangesOnly: boolean },
): Promise<Page<EventRow>> {
	const where: SQL[] = [eq(verificationEvents.clientId, account.clientId), eq(verificationEvents.livemode, account.livemode)];
	if (q.verificationId) where.push(eq(verificationEvents.verificationId, q.verificationId));
	if (q.statusChangesOnly) where.push(eq(verificationEvents.statusChange, true));
	const k = keyset(verificationEvents.id, "asc", q);
	const rows = await db
		.select()
		.from(verificationEvents)
		.where(and(...where, k.after))
		.orderBy(k.orderBy)
		.limit(k.limit);
	return toPage(rows, q.limit);
}
