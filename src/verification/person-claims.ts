import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { personClaims, verifications } from "../db/schema";
import type { Account } from "../tenancy";
import { isActive, type Status } from "./types";

/** Who holds the "one active verification of this person" claim, and whether it is the caller. */
export interface PersonClaim {
	id: string;
	ours: boolean;
}

const key = (account: Account, blindIndex: string) =>
	and(
		eq(personClaims.clientId, account.clientId),
		eq(personClaims.livemode, account.livemode),
		eq(personClaims.blindIndex, blindIndex),
	);

/**
 * Claims the person for `candidateId` atomically (insert-or-nothing on the primary key): of concurrent identical
 * submissions exactly one wins; the others get the winner's id. A claim left behind by a verification whose
 * projection says final is taken over with a compare-and-swap.
 */
export async function claimPerson(
	db: Db,
	account: Account,
	blindIndex: string,
	candidateId: string,
	now: number,
): Promise<PersonClaim> {
	const row = { clientId: account.clientId, livemode: account.livemode, blindIndex, verificationId: candidateId, createdAt: now };
	const inserted = await db.insert(personClaims).values(row).onConflictDoNothing().returning({ id: personClaims.verificationId });
	if (inserted.length > 0) return { id: candidateId, ours: true };
	const held = await db.select().from(personClaims).where(key(account, blindIndex)).get();
	if (!held) return claimPerson(db, account, blindIndex, candidateId, now); // released meanwhile
	const projected = await db
		.select({ status: verifications.status })
		.from(verifications)
		.where(eq(verifications.id, held.verificationId))
		.get();
	// Only a projection that says final makes the claim stale; no projection yet is decided by the object itself.
	const stale = projected !== undefined && !isActive(projected.status as Status);
	if (!stale) return { id: held.verificationId, ours: false };
	return takeOver(db, account, blindIndex, held.verificationId, candidateId, now);
}

/** Moves a stale claim to `candidateId` unless someone else moved it first (then theirs stands). */
export async function takeOver(
	db: Db,
	account: Account,
	blindIndex: string,
	holderId: string,
	candidateId: string,
	now: number,
): Promise<PersonClaim> {
	const moved = await db
		.update(personClaims)
		.set({ verificationId: candidateId, createdAt: now })
		.where(and(key(account, blindIndex), eq(personClaims.verificationId, holderId)))
		.returning({ id: personClaims.verificationId });
	if (moved.length > 0) return { id: candidateId, ours: true };
	const now2 = await db.select().from(personClaims).where(key(account, blindIndex)).get();
	return now2
		? { id: now2.verificationId, ours: now2.verificationId === candidateId }
		: claimPerson(db, account, blindIndex, candidateId, now);
}
