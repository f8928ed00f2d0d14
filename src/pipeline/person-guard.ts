import { type Db } from "../db/client";
import { unwrap } from "../errors";
import { type Claimant, type PersonClaim, takeOver } from "../records/person-claims";
import { type Account } from "../tenancy";
import { isActive } from "../verification/types";
import { type VerificationView } from "../verification/view";
import { verificationStub } from "./stub";

/**
 * Who has the person once a claim is settled: the claimant; another verification, active (its view); or another
 * whose object holds nothing (the request that claimed it died before creating it, or is creating it now).
 */
export type Settled =
	| { kind: "ours"; id: string }
	| { kind: "active"; view: VerificationView }
	| { kind: "absent"; id: string };

/**
 * Settles a claim on the person (`claimPerson`'s answer) by asking the holder's object, which is current where the
 * projection may lag: active, it keeps the person; final but not yet projected (its projection releases the claim),
 * its claim is taken over for `claimant`. Submissions and retries both claim through here.
 */
export async function settleClaim(
	env: Env,
	db: Db,
	account: Account,
	indexes: string[],
	held: PersonClaim,
	claimant: Claimant,
	now: number,
): Promise<Settled> {
	if (held.ours) return { kind: "ours", id: held.id };
	const holder = await verificationStub(env, held.id).get(account);
	if (!holder.ok) return { kind: "absent", id: held.id };
	if (isActive(holder.value.status)) return { kind: "active", view: holder.value };
	const taken = await takeOver(db, account, indexes, held, claimant, now);
	if (taken.ours) return { kind: "ours", id: taken.id };
	return { kind: "active", view: unwrap(await verificationStub(env, taken.id).get(account)) };
}
