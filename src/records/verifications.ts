import { and, asc, eq, gte, isNotNull, lt, type SQL, sql } from "drizzle-orm";
import { type Db } from "../db/client";
import { keyset, mapPage, type Page, type PageQuery, toPage } from "../db/paging";
import { verificationEvents, verifications } from "../db/schema";
import { type Account } from "../tenancy";
import { type Status, waitingOn } from "../verification/types";
import { type VerificationView } from "../verification/view";

/** Reads of the D1 projection: lists, the timeline, the feed and the cron's overdue wake-ups. */

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
	return mapPage(toPage(rows, q.limit), (r) => storedView(r.body));
}

/**
 * A projected verification body. One projected before `waiting_on` existed gets it from its status, so the list
 * answers what the document promises without re-projecting old rows.
 */
function storedView(body: string): VerificationView {
	const view = JSON.parse(body) as Omit<VerificationView, "waiting_on"> & Partial<Pick<VerificationView, "waiting_on">>;
	return view.waiting_on ? (view as VerificationView) : { ...view, waiting_on: waitingOn(view.status) };
}

export type EventRow = typeof verificationEvents.$inferSelect;

export async function verificationExists(db: Db, account: Account, id: string): Promise<boolean> {
	const row = await db
		.select({ id: verifications.id })
		.from(verifications)
		.where(
			and(
				eq(verifications.id, id),
				eq(verifications.clientId, account.clientId),
				eq(verifications.livemode, account.livemode),
			),
		)
		.get();
	return row !== undefined;
}

/** A verification's whole timeline, oldest first (its event ids are strictly increasing). */
export async function listEvents(
	db: Db,
	account: Account,
	q: PageQuery & { verificationId?: string; statusChangesOnly: boolean },
): Promise<Page<EventRow>> {
	const where: SQL[] = [
		eq(verificationEvents.clientId, account.clientId),
		eq(verificationEvents.livemode, account.livemode),
	];
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

/**
 * The account's status changes in the order they landed in D1 (its rowid: D1 has one writer, so a row that lands
 * later always sorts later), not by event id: ids are stamped by each object's clock at commit and rows arrive in
 * any order, so paging by id would skip an older event that lands after a newer one was read. `startingAfter` is
 * an event id, resolved to its landing position (an id no longer stored resumes at the first event after it).
 */
export async function listFeed(
	db: Db,
	account: Account,
	q: PageQuery & { type?: string | undefined; createdGte?: number | undefined; createdLt?: number | undefined },
): Promise<Page<EventRow>> {
	const e = verificationEvents;
	const where: (SQL | undefined)[] = [
		eq(e.clientId, account.clientId),
		eq(e.livemode, account.livemode),
		eq(e.statusChange, true),
	];
	if (q.type) where.push(eq(e.type, q.type));
	if (q.createdGte !== undefined) where.push(gte(e.createdAt, q.createdGte));
	if (q.createdLt !== undefined) where.push(lt(e.createdAt, q.createdLt));
	if (q.startingAfter !== undefined) {
		const cursor = q.startingAfter;
		where.push(sql`${e}.rowid > coalesce(
			(select rowid from ${e} where ${e.id} = ${cursor}),
			(select min(rowid) - 1 from ${e} where ${e.id} > ${cursor}),
			(select max(rowid) from ${e}))`);
	}
	const rows = await db
		.select()
		.from(e)
		.where(and(...where))
		.orderBy(sql`${e}.rowid`)
		.limit(q.limit + 1);
	return toPage(rows, q.limit);
}

/** Verifications whose projected wake-up is before `before` (their alarm may be lost), most overdue first. */
export function overdueWakeUps(db: Db, before: number, limit: number) {
	return db
		.select({ id: verifications.id })
		.from(verifications)
		.where(and(isNotNull(verifications.nextWakeAt), lt(verifications.nextWakeAt, before)))
		.orderBy(asc(verifications.nextWakeAt))
		.limit(limit);
}
