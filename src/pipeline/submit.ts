import { type Config } from "../config";
import { piiCipher } from "../crypto/pii";
import { type Db } from "../db/client";
import { DomainError, unwrap } from "../errors";
import { newId } from "../ids";
import { log } from "../log";
import { claimIdempotencyKey, legacyRequestFingerprint, requestFingerprint } from "../records/idempotency-keys";
import { claimPerson } from "../records/person-claims";
import { type Account } from "../tenancy";
import { personFingerprint } from "../verification/personal-data";
import { type PassportData } from "../verification/types";
import { type VerificationView } from "../verification/view";
import { settleClaim } from "./person-guard";
import { verificationStub } from "./stub";

let warnedDevKey = false;

export interface Submission {
	account: Account;
	idempotencyKey: string | undefined;
	/** The validated request body, used whole for the idempotency fingerprint. */
	body: Record<string, unknown>;
	data: PassportData;
	reference: string | null;
	metadata: Record<string, string>;
}

export interface Submitted {
	view: VerificationView;
	/** Same Idempotency-Key and body as an earlier request. */
	replayed: boolean;
	/** An active verification of the same person already existed and is returned instead. */
	duplicate: boolean;
}

/**
 * Accepts a submission: honours the Idempotency-Key, returns the client's active verification of the same
 * passport + date of birth + last name instead of paying for a second lookup, else creates a new one.
 */
export async function submitVerification(env: Env, db: Db, config: Config, s: Submission): Promise<Submitted> {
	if (config.piiKeys.length === 0)
		throw new DomainError("service_unavailable", "Personal data encryption is not configured.");
	if (config.usingDevPiiKey && !warnedDevKey) {
		warnedDevKey = true;
		log("warn", "pii.dev_key_in_use", {
			message: "PII_ENCRYPTION_KEY is the published development default; never use it with real data.",
		});
	}
	const cipher = piiCipher(config.piiKeys);
	// Keyed hashes, so neither fingerprint of personal data can be brute-forced from storage. Each is computed under
	// every configured key (current first): what was stored before a key rotation still matches.
	const { clientId, livemode } = s.account;
	const requestHashes = await cipher.blindIndexes(requestFingerprint(clientId, s.body));
	const personIndexes = await cipher.blindIndexes(personFingerprint(clientId, s.data));
	const [requestHash, blindIndex] = [requestHashes[0] as string, personIndexes[0] as string];
	const keyId = await cipher.currentKeyId();
	const now = Date.now();
	const person = await claimPerson(db, s.account, personIndexes, { id: newId("ver", now), round: 1 }, now);
	let id = person.id;
	let replayed = false;
	if (s.idempotencyKey) {
		// Claimed after the person, so every request racing on this key resolves to the same id.
		const claim = await claimIdempotencyKey(db, {
			clientId,
			livemode,
			key: s.idempotencyKey,
			requestHash,
			keyId,
			verificationId: id,
		});
		// A redacted verification's hash (REDACTED_HASH) equals none of these: its key keeps answering 422. A key
		// stored before the fingerprint was canonical matches the body as serialized.
		const legacy = () => cipher.blindIndexes(legacyRequestFingerprint(clientId, s.body));
		if (!requestHashes.includes(claim.requestHash) && !(await legacy()).includes(claim.requestHash)) {
			throw new DomainError(
				"idempotency_key_reused",
				"This Idempotency-Key was already used with a different request body.",
			);
		}
		id = claim.verificationId;
		replayed = claim.existing;
	}
	if (!person.ours && id === person.id && !replayed) {
		const claimant = { id: newId("ver", now), round: 1 };
		const settled = await settleClaim(env, db, s.account, personIndexes, person, claimant, now);
		if (settled.kind === "active") return { view: settled.view, replayed: false, duplicate: true };
		// Absent: the request that claimed it died before creating it; creating it under that id is safe (the
		// object's create is idempotent, so a late original request replays this one).
		id = settled.id;
	}
	const stub = verificationStub(env, id);
	const created = unwrap(
		await stub.create({
			id,
			clientId,
			livemode,
			// Test mode always runs on the sandbox, whatever the deployment's live provider is.
			provider: livemode ? config.provider : "sandbox",
			reference: s.reference,
			metadata: s.metadata,
			data: s.data,
			requestHash,
			blindIndex,
			indexKeyId: keyId,
		}),
	);
	return { view: created.view, replayed: replayed || created.replayed, duplicate: false };
}
