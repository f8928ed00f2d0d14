import { and, asc, eq, gte, isNotNull, lt, type SQL, sql } from "drizzle-orm";
import { type Db } from "../db/client";
import { keyset, mapPage, type Page, type PageQuery, toPage } from "../db/paging";
import { feedRowAs, feedRowSql, verificationEvents, verifications } from "../db/schema";
import { type Account } from "../tenancy";
import { type Status } from "../verification/types";
import { type VerificationView } from "../verification/view";
import { storedView } from "./verification-body";

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
		.select({
			id: verifications.id,
			livemode: verifications.livemode,
			status: verifications.status,
			version: verifications.version,
			reference: verifications.reference,
			passportCountry: verifications.passportCountry,
			passportLast3: verifications.passportLast3,
			provider: verifications.provider,
			createdAt: verifications.createdAt,
			updatedAt: verifications.updatedAt,
			expiresAt: verifications.expiresAt,
			redactedAt: verifications.redactedAt,
			body: verifications.body,
		})
		.from(verifications)
		.where(and(...where, k.after))
		.orderBy(k.orderBy)
		.limit(k.limit);
	return mapPage(toPage(rows, q.limit), storedView);
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
	q: PageQuery & { verificationId: string },
): Promise<Page<EventRow>> {
	const e = verificationEvents;
	const k = keyset(e.id, "asc", q);
	const rows = await db
		.select()
		.from(e)
		.where(
			and(
				eq(e.verificationId, q.verificationId),
				eq(e.clientId, account.clientId),
				eq(e.livemode, account.livemode),
				k.after,
			),
		)
		.orderBy(k.orderBy)
		.limit(k.limit);
	return toPage(rows, q.limit);
}

export interface FeedQuery extends PageQuery {
	type?: string | undefined;
	createdGte?: number | undefined;
	createdLt?: number | undefined;
}

/**
 * The account's feed (status changes, redactions, and its endpoints' operational events) in the order they landed in D1 (its rowid: D1 has one writer, so a row that lands
 * later always sorts later), not by event id: ids are stamped by each object's clock at commit and rows arrive in
 * any order, so paging by id would skip an older event that lands after a newer one was read. With a `created`
 * window they page in event-time order instead (created_at, then landing order), which an index serves: a window
 * is for reading a span of the past, polling is `starting_after` alone. Every filter has its own index led by the
 * account (src/db/schema.ts), so a page reads about what it returns. `startingAfter` is an event of this feed,
 * found by its id; when it is not there the answer is null (never a scan for the next id).
 */
export async function listFeed(db: Db, account: Account, q: FeedQuery): Promise<Page<EventRow> | null> {
	const e = verificationEvents;
	// The feed's indexes are partial on this expression, and SQLite uses a partial index only when it is said the same.
	const ofFeed = [eq(e.clientId, account.clientId), eq(e.livemode, account.livemode), feedRowSql()];
	const where: SQL[] = [...ofFeed];
	if (q.type) where.push(eq(e.type, q.type));
	if (q.createdLt !== undefined) where.push(lt(e.createdAt, q.createdLt));
	const byTime = q.createdGte !== undefined || q.createdLt !== undefined;
	const order = byTime ? [asc(e.createdAt), sql`${e}.rowid`] : [sql`${e}.rowid`];
	const page = (after?: SQL) =>
		db
			.select()
			.from(e)
			.where(and(...where, after))
			.orderBy(...order)
			.limit(q.limit + 1);
	const since = q.createdGte ?? 0;
	if (q.startingAfter === undefined)
		return toPage(await page(q.createdGte === undefined ? undefined : gte(e.createdAt, since)), q.limit);
	// The cursor's place, as a subquery of the page (one round trip); looked up on its own too, to tell a cursor
	// that is not there from a page with nothing after it. In a window, the page starts at the later of the window's
	// start and the cursor's time: one lower bound, so the index range starts there (not at the window's start).
	const cursor = sql`FROM verification_events c WHERE c.id = ${q.startingAfter} AND c.client_id = ${account.clientId}
	  AND c.livemode = ${account.livemode ? 1 : 0} AND ${feedRowAs("c")}`;
	const after = byTime
		? sql`${e.createdAt} >= max(${since}, (SELECT c.created_at ${cursor}))
		    AND (${e.createdAt}, ${e}.rowid) > (SELECT c.created_at, c.rowid ${cursor})`
		: // A cursor a client move copied late resumes from where the move switched, less the late rows before it
			// (docs/operators.md, "Moving a client"): what landed meanwhile comes (again), nothing is skipped.
			sql`${e}.rowid > (SELECT coalesce(c.moved, c.rowid) ${cursor})
			    AND (${e.moved} IS NULL OR ${e}.rowid > (SELECT c.rowid ${cursor}))`;
	const [found, rows] = await db.batch([
		db
			.select({ id: e.id })
			.from(e)
			.where(and(eq(e.id, q.startingAfter), ...ofFeed)),
		page(after),
	]);
	return found.length === 0 ? null : toPage(rows, q.limit);
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
