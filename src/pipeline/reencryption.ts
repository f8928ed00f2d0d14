import { keyIdOf } from "../crypto/pii";
import { database } from "../db/client";
import { moveClaim } from "../records/person-claims";
import { isActive } from "../verification/types";
import { clientShard } from "./stub";
import { type Verification } from "./verification";

/**
 * What a re-encryption did to one verification: `reencrypted` (its keyed data is under the current key now),
 * `unreadable` (its key is gone or its ciphertext altered), `erased` (no personal data left), `absent` (nothing
 * stored), `changed` (a concurrent change won; the next pass comes back).
 */
export type ReencryptOutcome = "reencrypted" | "unreadable" | "erased" | "absent" | "changed";

/**
 * After a key rotation: re-seals the personal data under the current key, recomputes the blind index (from the
 * data as it stands, a retry's corrections included), moves the duplicate-guard claim to it while active, and
 * projects the new key id. Idempotent. The request fingerprint cannot be re-made: the body is not kept.
 */
export async function reencrypt(v: Verification): Promise<ReencryptOutcome> {
	const state = v.store.load();
	const meta = v.store.meta();
	if (!state || !meta) return "absent";
	if (state.redactedAt !== null || meta.pii === null) return "erased";
	const data = await v.pii.open(meta.pii, state.id);
	if (!data) return "unreadable";
	const keyId = await v.pii.currentKeyId();
	const pii = keyIdOf(meta.pii) === keyId ? meta.pii : await v.pii.seal(data, state.id);
	const blindIndex = meta.blindIndex === null ? null : await v.pii.blindIndex(state.clientId, data);
	if (meta.blindIndex !== null && blindIndex !== null && blindIndex !== meta.blindIndex && isActive(state.status)) {
		const account = { clientId: state.clientId, livemode: state.livemode };
		const claimant = { id: state.id, round: state.round };
		const shard = await clientShard(v.env, state.clientId);
		await moveClaim(database(shard.d1), account, claimant, meta.blindIndex, blindIndex, Date.now());
	}
	// Whatever committed while this awaited (a retry's corrections, a redaction) wins.
	const latest = v.store.load();
	const now = v.store.meta();
	if (!latest || now?.pii !== meta.pii || now.blindIndex !== meta.blindIndex) return "changed";
	v.store.rekey(latest, { pii, blindIndex, indexKeyId: keyId });
	v.alarm.afterCommit();
	await v.settle();
	return "reencrypted";
}
