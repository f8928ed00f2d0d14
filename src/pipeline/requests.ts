import { fault } from "../crash-points";
import { database } from "../db/client";
import { fail, ok, type Result } from "../errors";
import { log } from "../log";
import { type Claimant, claimPerson } from "../records/person-claims";
import { type Account } from "../tenancy";
import { initialState, type NewVerification } from "../verification/initial";
import { tickFrom } from "../verification/policy";
import { type StoredIndex } from "../verification/stored";
import { type Corrections, MATCHABLE_FIELDS, type PassportData } from "../verification/types";
import { toView, type VerificationView } from "../verification/view";
import { settleClaim } from "./person-guard";
import { clientShard } from "./stub";
import { NOT_FOUND, type Verification } from "./verification";

export interface CreateInput extends NewVerification {
	/** Keyed hash of the request body (kept for audits of idempotent replays; compared in the route). */
	requestHash: string;
	blindIndex: string | null;
	/** The key both fingerprints were made with. */
	indexKeyId: string;
}

type Created = { view: VerificationView; replayed: boolean };

/** Accepts a new verification, or replays the existing one when the same request arrives again. */
export async function create(v: Verification, input: CreateInput): Promise<Result<Created>> {
	const replay = replayOf(v, input);
	if (replay) return replayed(v, replay);
	if (!v.pii.configured) return fail("service_unavailable", "Personal data encryption is not configured.");
	const pii = await v.pii.seal(input.data, input.id);
	// A concurrent create may have committed while we encrypted.
	const raced = replayOf(v, input);
	if (raced) return replayed(v, raced);
	const { state, entries } = initialState(input, tickFrom(v.config));
	const committed = v.store.insert(state, entries, {
		pii,
		requestHash: input.requestHash,
		blindIndex: input.blindIndex,
		indexKeyId: input.indexKeyId,
	});
	const startsNow = v.alarm.afterFirstCommit(committed.state);
	fault("state.committed", v.ctx);
	log("info", "verification.submitted", { verification_id: state.id, client_id: state.clientId });
	if (!startsNow) await v.settle();
	return ok({ view: toView(committed.state), replayed: false });
}

/**
 * Retries a retryable failure or an expiry, or resubmits corrected fields for `requires_action`. The person is
 * claimed again like a submission (a final status released the claim; corrected fields make another person): a
 * claim another active verification holds is a 409 naming it. The claim is made before the commit and awaited in
 * between, so a crash there leaves a claim for a round that never committed: stale once the verification's
 * projection is final, and taken over like any stale claim (docs/architecture.md, "Crash windows").
 */
export async function retry(
	v: Verification,
	account: Account,
	corrections: Corrections,
): Promise<Result<VerificationView>> {
	const before = v.owned(account);
	if (!before) return fail("not_found", NOT_FOUND);
	const meta = v.store.meta();
	const current = meta?.pii ? await v.pii.open(meta.pii, before.id) : null;
	if (meta?.pii && !current)
		return fail("invalid_state", "Stored personal data cannot be read; submit a new verification.");
	const person: PassportData | null = current && { ...current, ...corrections };
	const changed = MATCHABLE_FIELDS.filter((f) => corrections[f] !== undefined && corrections[f] !== current?.[f]);
	const passport = {
		...(corrections.nationality !== undefined ? { country: corrections.nationality } : {}),
		...(corrections.passport_number !== undefined ? { last3: corrections.passport_number.slice(-3) } : {}),
	};
	const command = { type: "retry", correctedFields: changed, passport } as const;
	// Refused now (not retryable, a required correction missing, personal data erased): nothing is claimed.
	const refused = v.refusal(command);
	if (refused) return { ok: false, error: refused };
	if (!person) return fail("invalid_state", "Personal data was erased; submit a new verification.");
	const pii = Object.keys(corrections).length > 0 ? await v.pii.seal(person, before.id) : undefined;
	const claimed = await claimForRetry(v, account, person, { id: before.id, round: before.round + 1 });
	if (!claimed.ok) return claimed;
	// Everything from here to the commit is synchronous, so two concurrent retries cannot both pass the check.
	const result = v.apply(command, { pii, index: claimed.value });
	if (!result.ok) return result;
	await v.settle();
	return ok(toView(result.value));
}

/**
 * Cancels a verification that has not decided: `failed`, `last_error.code` `canceled`, not retryable; one status
 * change and its webhook. A provider answer that arrives afterwards is recorded on the timeline and changes nothing.
 */
export async function cancel(v: Verification, account: Account): Promise<Result<VerificationView>> {
	if (!v.owned(account)) return fail("not_found", NOT_FOUND);
	const result = v.apply({ type: "cancel" });
	if (!result.ok) return result;
	fault("cancel.committed", v.ctx);
	log("info", "verification.canceled", { verification_id: result.value.id, client_id: result.value.clientId });
	await v.settle();
	return ok(toView(result.value));
}

/** Claims the person, as corrected, for the retry's round: the blind index it is claimed under, or a 409. */
async function claimForRetry(
	v: Verification,
	account: Account,
	person: PassportData,
	claimant: Claimant,
): Promise<Result<StoredIndex>> {
	const db = database((await clientShard(v.env, account.clientId)).d1);
	const indexes = await v.pii.blindIndexes(account.clientId, person);
	const now = Date.now();
	const held = await claimPerson(db, account, indexes, claimant, now);
	const settled = await settleClaim(v.env, db, account, indexes, held, claimant, now);
	// Ours means claimed under the current key's index, whatever index an older claim of the person was under.
	if (settled.kind === "ours") return ok({ blindIndex: indexes[0] as string, indexKeyId: await v.pii.currentKeyId() });
	const other = settled.kind === "active" ? settled.view.id : settled.id;
	return fail(
		"duplicate_verification",
		`Verification ${other} of the same person is active; retry this one once it is final.`,
		{
			extra: { verification_id: other },
		},
	);
}

/** Erases the personal data; status, version and timeline stay. */
export async function redact(v: Verification, account: Account): Promise<Result<VerificationView>> {
	if (!v.owned(account)) return fail("not_found", NOT_FOUND);
	const result = v.apply({ type: "redact" });
	if (!result.ok) return result;
	await v.settle();
	return ok(toView(result.value));
}

/** An idempotent replay also re-arms: the original request may have died between its commit and its alarm. */
async function replayed<T>(v: Verification, result: Result<T>): Promise<Result<T>> {
	if (result.ok) await v.settle();
	return result;
}

function replayOf(v: Verification, input: CreateInput): Result<Created> | null {
	const existing = v.store.load();
	if (!existing) return null;
	// Ids are random per request; only an Idempotency-Key replay (its body hash already checked) reaches here.
	if (existing.clientId === input.clientId && existing.livemode === input.livemode) {
		return ok({ view: toView(existing), replayed: true });
	}
	return fail("not_found", NOT_FOUND);
}
