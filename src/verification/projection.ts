import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { idempotencyKeys, personClaims, verificationEvents, verifications } from "../db/schema";
import type { HistoryRecord } from "./events";
import { realWakeAt } from "./schedule";
import { REDACTED_HASH } from "./store";
import { FINAL_STATUSES, type VerificationState } from "./types";
import { toView } from "./view";

/**
 * Writes a verification snapshot and its history into D1 in one batch. The upsert only moves a row
 * forward (`revision` guard), and history rows insert once by id, so replays and reordering are harmless.
 * `keyed` is the blind index and the key id the object's keyed data is under (`recordKeyId`).
 */
export async function project(
	db: Db,
	state: VerificationState,
	history: HistoryRecord[],
	keyed: { blindIndex: string | null; keyId: string | null },
): Promise<void> {
	const erased = state.redactedAt !== null;
	const row = {
		id: state.id,
		clientId: state.clientId,
		livemode: state.livemode,
		status: state.status,
		version: state.version,
		revision: state.revision,
		reference: state.reference,
		passportCountry: state.passport.country,
		passportLast3: state.passport.last3,
		provider: state.provider,
		lastErrorCode: state.lastError?.code ?? null,
		createdAt: state.createdAt,
		updatedAt: state.updatedAt,
		expiresAt: state.expiresAt,
		nextWakeAt: realWakeAt(state),
		redactedAt: state.redactedAt,
		blindIndex: erased ? null : keyed.blindIndex,
		keyId: erased ? null : keyed.keyId,
		body: JSON.stringify(toView(state)),
	};
	const { id: _id, clientId: _client, livemode: _mode, createdAt: _created, ...changes } = row;
	const upsert = db
		.insert(verifications)
		.values(row)
		.onConflictDoUpdate({
			target: verifications.id,
			set: Object.fromEntries(Object.keys(changes).map((k) => [k, sql.raw(`excluded.${colName(k)}`)])),
			setWhere: sql`excluded.revision > ${verifications.revision}`,
		});
	const events = history.map((h) =>
		db
			.insert(verificationEvents)
			.values({
				id: h.id,
				verificationId: h.verificationId,
				clientId: h.clientId,
				livemode: h.livemode,
				type: h.type,
				statusChange: h.statusChange,
				version: h.version,
				status: h.status,
				previousStatus: h.previousStatus,
				data: JSON.stringify(h.data),
				createdAt: h.createdAt,
			})
			.onConflictDoNothing(),
	);
	// A redacted verification's idempotency key keeps answering (a replay is a 422, not a new verification), but
	// no longer carries a fingerprint of the request.
	const forget =
		state.redactedAt === null
			? []
			: [db.update(idempotencyKeys).set({ requestHash: REDACTED_HASH }).where(eq(idempotencyKeys.verificationId, state.id))];
	// Final (or redacted): the person may be verified again, so the duplicate guard's claim is released.
	const release =
		FINAL_STATUSES.has(state.status) || state.redactedAt !== null
			? [db.delete(personClaims).where(eq(personClaims.verificationId, state.id))]
			: [];
	await db.batch([upsert, ...events, ...forget, ...release]);
}

const colName = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
