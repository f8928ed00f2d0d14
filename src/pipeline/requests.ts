import { fault } from "../crash-points";
import { fail, ok, type Result } from "../errors";
import { log } from "../log";
import { type Account } from "../tenancy";
import { initialState, type NewVerification } from "../verification/initial";
import { tickFrom } from "../verification/policy";
import { type Corrections, MATCHABLE_FIELDS, type PassportData } from "../verification/types";
import { toView, type VerificationView } from "../verification/view";
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

/** Retries a retryable failure or an expiry, or resubmits corrected fields for `requires_action`. */
export async function retry(
	v: Verification,
	account: Account,
	corrections: Corrections,
): Promise<Result<VerificationView>> {
	const before = v.owned(account);
	if (!before) return fail("not_found", NOT_FOUND);
	const meta = v.store.meta();
	let pii: string | undefined;
	let changed: (keyof Corrections)[] = [];
	if (meta?.pii && Object.keys(corrections).length > 0) {
		const current = await v.pii.open(meta.pii, before.id);
		if (!current) return fail("invalid_state", "Stored personal data cannot be read; submit a new verification.");
		const merged: PassportData = { ...current, ...corrections };
		changed = MATCHABLE_FIELDS.filter((f) => corrections[f] !== undefined && corrections[f] !== current[f]);
		pii = await v.pii.seal(merged, before.id);
	}
	// Everything from here to the commit is synchronous, so two concurrent retries cannot both pass the check.
	const passport = {
		...(corrections.nationality !== undefined ? { country: corrections.nationality } : {}),
		...(corrections.passport_number !== undefined ? { last3: corrections.passport_number.slice(-3) } : {}),
	};
	const result = v.apply({ type: "retry", correctedFields: changed, passport }, { pii });
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
	log("info", "verification.canceled", { verification_id: result.value.id, client_id: result.value.clientId });
	await v.settle();
	return ok(toView(result.value));
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
