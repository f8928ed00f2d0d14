import { keyIdOf } from "../crypto/pii";

/** What a verification object stores beside its state and history (`store.ts` reads and writes them). */

/** What a request fingerprint becomes once its verification is redacted: it matches no request. */
export const REDACTED_HASH = "redacted";

/** The revisions committed since the last drain, `from` to `through` (each commit is one revision: none is skipped). */
export interface PendingOutbox {
	from: number;
	through: number;
	/** Drains that failed in a row. */
	failures: number;
	/** When the alarm retries the drain; null: at once. */
	retryAt: number | null;
	/** The step the last failed drain failed at. */
	lastError: string | null;
}

/** A provider call recorded as started and not yet answered. */
export interface CallInFlight {
	round: number;
	attempts: number;
	startedAt: number;
}

/** What is stored beside the state: the encrypted personal data and the two keyed fingerprints. */
export interface StoredMeta {
	pii: string | null;
	requestHash: string;
	blindIndex: string | null;
	/** The key `blindIndex` was made with; null when stored before key ids were recorded. */
	indexKeyId: string | null;
}

/** The person's blind index (the duplicate guard's key) and the key it was made with. */
export interface StoredIndex {
	blindIndex: string;
	indexKeyId: string;
}

/**
 * The one key id the record's keyed data is under (its personal data and its blind index), or null when that is
 * unknown, mixed (e.g. re-sealed by a retry after a rotation, index still old) or there is no personal data left.
 */
export function recordKeyId(meta: StoredMeta): string | null {
	const kid = keyIdOf(meta.pii);
	return kid !== null && (meta.blindIndex === null || meta.indexKeyId === kid) ? kid : null;
}
