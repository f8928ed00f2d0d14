import { and, asc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { type Db } from "../db/client";
import { personClaims, verifications } from "../db/schema";
import { type Statement } from "../db/statement";
import { type Account } from "../tenancy";
import { isActive, type Status } from "../verification/types";

/** Who holds the "one active verification of this person" claim, under which blind index, and whether it is the caller. */
export interface PersonClaim {
	id: string;
	ours: boolean;
	blindIndex: string;
}

/** The verification claiming the person, and for which of its rounds (1: its submission; each retry one more). */
export interface Claimant {
	id: string;
	round: number;
}

const key = (account: Account, blindIndex: string) =>
	and(
		eq(personClaims.clientId, account.clientId),
		eq(personClaims.livemode, account.livemode),
		eq(personClaims.blindIndex, blindIndex),
	);

/** Only a projection that says final makes a claim stale; no projection yet is decided by the object itself. */
async function isStale(db: Db, verificationId: string): Promise<boolean> {
	const projected = await db
		.select({ status: verifications.status })
		.from(verifications)
		.where(eq(verifications.id, verificationId))
		.get();
	return projected !== undefined && !isActive(projected.status as Status);
}

/**
 * A live claim on the person under a previous key's blind index (made before a key rotation and not yet moved
 * by the re-encryption), other than the claimant's own. Asked only when previous keys are configured.
 */
async function heldUnderPrevious(
	db: Db,
	account: Account,
	previous: string[],
	claimant: Claimant,
): Promise<PersonClaim | null> {
	const rows = await db
		.select({ id: personClaims.verificationId, blindIndex: personClaims.blindIndex })
		.from(personClaims)
		.where(
			and(
				eq(personClaims.clientId, account.clientId),
				eq(personClaims.livemode, account.livemode),
				inArray(personClaims.blindIndex, previous),
			),
		);
	for (const row of rows) if (row.id !== claimant.id && !(await isStale(db, row.id))) return { ...row, ours: false };
	return null;
}

/**
 * Claims the person for `claimant` atomically (insert-or-nothing on the primary key): of concurrent identical
 * submissions exactly one wins; the others get the winner's id. A claim the claimant holds already is its own (a
 * retry's), recorded for its new round; a claim left behind by a verification whose projection says final is taken
 * over with a compare-and-swap. `indexes` are the person's blind index under each configured key, current first: a
 * claim made under a previous key counts too, and a new one is made under the current.
 */
export async function claimPerson(
	db: Db,
	account: Account,
	indexes: string[],
	claimant: Claimant,
	now: number,
): Promise<PersonClaim> {
	const [blindIndex, ...previous] = indexes;
	if (blindIndex === undefined) throw new Error("claimPerson needs the person's blind index");
	if (previous.length > 0) {
		const older = await heldUnderPrevious(db, account, previous, claimant);
		if (older) return older;
	}
	const row = {
		clientId: account.clientId,
		livemode: account.livemode,
		blindIndex,
		verificationId: claimant.id,
		createdAt: now,
		round: claimant.round,
	};
	const inserted = await db
		.insert(personClaims)
		.values(row)
		.onConflictDoNothing()
		.returning({ id: personClaims.verificationId });
	if (inserted.length > 0) return { id: claimant.id, ours: true, blindIndex };
	const held = await db.select().from(personClaims).where(key(account, blindIndex)).get();
	if (!held) return claimPerson(db, account, indexes, claimant, now); // released meanwhile
	const holder = { id: held.verificationId, ours: false, blindIndex };
	if (held.verificationId === claimant.id || (await isStale(db, held.verificationId)))
		return takeOver(db, account, indexes, holder, claimant, now);
	return holder;
}

/**
 * Moves a claim held by a stale verification (or by the claimant itself, for an earlier round) to `claimant` unless
 * someone else moved it first (then theirs stands). A stale claim under a previous key's index is released instead,
 * and the person claimed afresh under the current one.
 */
export async function takeOver(
	db: Db,
	account: Account,
	indexes: string[],
	holder: PersonClaim,
	claimant: Claimant,
	now: number,
): Promise<PersonClaim> {
	const same = and(key(account, holder.blindIndex), eq(personClaims.verificationId, holder.id));
	if (holder.blindIndex !== indexes[0]) {
		await db.delete(personClaims).where(same);
		return claimPerson(db, account, indexes, claimant, now);
	}
	const moved = await db
		.update(personClaims)
		.set({ verificationId: claimant.id, createdAt: now, round: claimant.round, sweptAt: null })
		.where(same)
		.returning({ id: personClaims.verificationId });
	if (moved.length > 0) return { id: claimant.id, ours: true, blindIndex: holder.blindIndex };
	const now2 = await db.select().from(personClaims).where(key(account, holder.blindIndex)).get();
	return now2
		? { id: now2.verificationId, ours: now2.verificationId === claimant.id, blindIndex: holder.blindIndex }
		: claimPerson(db, account, indexes, claimant, now);
}

/**
 * Re-keys a verification's claim after a key rotation: the claim under `from` (a previous key's index) is replaced
 * by one under `to` (the current key's), for the same round. Idempotent; if another verification holds `to`
 * already, theirs stands.
 */
export async function moveClaim(db: Db, account: Account, claimant: Claimant, from: string, to: string, now: number) {
	const row = {
		clientId: account.clientId,
		livemode: account.livemode,
		blindIndex: to,
		verificationId: claimant.id,
		createdAt: now,
		round: claimant.round,
	};
	await db.batch([
		db.insert(personClaims).values(row).onConflictDoNothing(),
		db.delete(personClaims).where(and(key(account, from), eq(personClaims.verificationId, claimant.id))),
	]);
}

/**
 * Releases a verification's claims made for its rounds up to `round` (it is final or redacted in that round: the
 * person may be verified again), as a statement of the projection's batch, so the release lands with the snapshot
 * that says why. A claim a retry made for a later round while this snapshot's drain was under way stays.
 */
export const releaseClaim = (verificationId: string, round: number): Statement => ({
	text: "DELETE FROM person_claims WHERE verification_id = ? AND COALESCE(round, 1) <= ?",
	values: [verificationId, round],
});

/**
 * Releases the claims a verification made for earlier rounds under another blind index than `blindIndex`, its
 * current one: a retry that corrected the person's fields claimed them anew, and its projection lets the old go.
 */
export const releaseEarlierClaims = (verificationId: string, blindIndex: string, round: number): Statement => ({
	text: "DELETE FROM person_claims WHERE verification_id = ? AND blind_index <> ? AND COALESCE(round, 1) < ?",
	values: [verificationId, blindIndex, round],
});

/**
 * Claims made before `before` that the unprojected sweep has not looked at yet, oldest first, each with whether its
 * verification has a projection. Reads those claims only (a partial index holds just them), not every claim held.
 */
export function unsweptClaims(db: Db, before: number, limit: number) {
	const c = personClaims;
	return db
		.select({ id: c.verificationId, projected: sql<number>`${verifications.id} IS NOT NULL` })
		.from(c)
		.leftJoin(verifications, eq(verifications.id, c.verificationId))
		.where(and(isNull(c.sweptAt), lt(c.createdAt, before)))
		.orderBy(asc(c.createdAt))
		.limit(limit);
}

/** Marks the claims of these verifications as looked at by the sweep (ids bound as one JSON array). */
export async function markSwept(db: Db, verificationIds: string[], now: number): Promise<void> {
	if (verificationIds.length === 0) return;
	await db
		.update(personClaims)
		.set({ sweptAt: now })
		.where(
			inArray(personClaims.verificationId, sql`(SELECT value FROM json_each(${JSON.stringify(verificationIds)}))`),
		);
}

/** Drops the claim of a verification that was never created (its request died before creating its object). */
export async function dropClaim(db: Db, verificationId: string): Promise<void> {
	await db.delete(personClaims).where(eq(personClaims.verificationId, verificationId));
}
