import { sql } from "drizzle-orm";
import type { VerificationState } from "../verification/types";
import { type HistoryRecord, toView } from "../verification/view";
import type { Db } from "./client";
import { verificationEvents, verifications } from "./schema";

/** When the verification next needs its Durable Object to wake up, or null once nothing is pending. */
export function nextWakeAt(s: VerificationState): number | null {
	const times: number[] = [];
	if ((s.status === "submitted" || s.status === "processing") && s.nextAttemptAt !== null) times.push(s.nextAttemptAt);
	if ((s.status === "submitted" || s.status === "processing" || s.status === "requires_action") && s.expiresAt !== null) {
		times.push(s.expiresAt);
	}
	if (s.purgeAt !== null && s.redactedAt === null) times.push(s.purgeAt);
	return times.length ? Math.min(...times) : null;
}

/**
 * Writes a verification snapshot and its history into D1 in one batch. The upsert only moves a row
 * forward (`revision` guard), and history rows insert once by id, so replays and reordering are harmless.
 */
export async function project(
	db: Db,
	state: VerificationState,
	history: HistoryRecord[],
	blindIndex: string | null,
): Promise<void> {
	const row = {
		id: state.id,
		clientId: state.clientId,
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
		nextWakeAt: nextWakeAt(state),
		redactedAt: state.redactedAt,
		blindIndex: state.redactedAt === null ? blindIndex : null,
		body: JSON.stringify(toView(state)),
	};
	const { id: _id, clientId: _client, createdAt: _created, ...changes } = row;
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
	await db.batch([upsert, ...events]);
}

const colName = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
