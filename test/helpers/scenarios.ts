/**
 * Named set-ups that reach past the API: each puts storage into a state the running system only gets into by
 * failure or the passing of time. Raw SQL stays here, never in a test file.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { and, eq, isNotNull } from "drizzle-orm";
import { loadConfig } from "../../src/config";
import { sha256Hex } from "../../src/crypto/encoding";
import { piiCipher } from "../../src/crypto/pii";
import {
	apiKeys,
	idempotencyKeys,
	personClaims,
	verificationEvents,
	verifications,
	webhookDeliveries,
	webhookEndpoints,
} from "../../src/db/schema";
import { dataShards } from "../../src/db/shards";
import { newId } from "../../src/ids";
import { type BreakerState } from "../../src/providers/breaker/policy";
import { legacyRequestFingerprint } from "../../src/records/idempotency-keys";
import { VerificationStore } from "../../src/verification/store";
import { MAX_DELIVERY_ATTEMPTS } from "../../src/webhooks/retry-policy";
import { stubOf } from "./alarms";
import { clientDb, directory, onEveryDb } from "./shards";

/** Moves the stored deadlines of a verification into the past, as if time had passed. */
export async function passDeadline(id: string): Promise<void> {
	await runInDurableObject(stubOf(id), async (_instance, state) => {
		const stored = new VerificationStore(state.storage).load();
		if (!stored) throw new Error(`no verification stored for ${id}`);
		const moved = { ...stored, expiresAt: Date.now() - 1 };
		state.storage.sql.exec("UPDATE state SET body = ? WHERE id = 1", JSON.stringify(moved));
		await state.storage.setAlarm(Date.now());
	});
}

/**
 * The verification's alarm is lost while D1 records its wake-up as `overdueMs` past: only the cron sweep can
 * find it again.
 */
export async function simulateLostAlarm(id: string, overdueMs = 3_600_000): Promise<void> {
	await runInDurableObject(stubOf(id), (_instance, state) => state.storage.deleteAlarm());
	await onEveryDb((db) =>
		db
			.update(verifications)
			.set({ nextWakeAt: Date.now() - overdueMs })
			.where(eq(verifications.id, id))
			.run(),
	);
}

/**
 * As if the verification's last projection to D1 had failed once: its last revision pending in the outbox,
 * awaiting its retry at `retryAt`, and the alarm set for that retry.
 */
export async function simulateFailedProjection(id: string, retryAt: number): Promise<void> {
	await runInDurableObject(stubOf(id), async (_instance, state) => {
		state.storage.sql.exec(
			`UPDATE state SET drained_revision = json_extract(body, '$.revision') - 1, outbox_failures = 1, outbox_retry_at = ?,
			  outbox_last_error = 'd1_write_failed' WHERE id = 1`,
			retryAt,
		);
		await state.storage.setAlarm(retryAt);
	});
}

/** Runs `fn` while every projection batch to D1 fails (each shard's events table is away), then brings D1 back. */
export async function whileProjectionFails(fn: () => Promise<void>): Promise<void> {
	const shards = dataShards(env);
	for (const { d1 } of shards) await d1.exec("ALTER TABLE verification_events RENAME TO verification_events_offline");
	try {
		await fn();
	} finally {
		for (const { d1 } of shards) await d1.exec("ALTER TABLE verification_events_offline RENAME TO verification_events");
	}
}

/** Overwrites the encrypted personal data a verification holds (to tamper with it, or move another's there). */
export async function setStoredPii(id: string, envelope: string | null): Promise<void> {
	await runInDurableObject(stubOf(id), (_instance, state) => {
		state.storage.sql.exec("UPDATE state SET pii = ? WHERE id = 1", envelope);
	});
}

/** The verification's D1 projection as a release before `waiting_on` wrote it: the body without that field. */
export async function projectWithoutWaitingOn(id: string): Promise<void> {
	const [row] = await onEveryDb((db) =>
		db.select({ body: verifications.body }).from(verifications).where(eq(verifications.id, id)),
	);
	if (!row) throw new Error(`no projection for ${id}`);
	const { waiting_on: _dropped, ...old } = JSON.parse(row.body) as Record<string, unknown>;
	await onEveryDb((db) =>
		db
			.update(verifications)
			.set({ body: JSON.stringify(old) })
			.where(eq(verifications.id, id))
			.run(),
	);
}

/** Moves the end of an open breaker's cool-down into the past, as if it had elapsed. */
export async function endBreakerCooldown(breaker: DurableObjectStub): Promise<void> {
	await runInDurableObject(breaker, (_instance, state) => {
		const row = state.storage.sql.exec<{ body: string }>("SELECT body FROM breaker WHERE id = 1").one();
		const s = JSON.parse(row.body) as BreakerState;
		if (s.phase !== "open") throw new Error(`breaker is ${s.phase}`);
		state.storage.sql.exec(
			"UPDATE breaker SET body = ? WHERE id = 1",
			JSON.stringify({ ...s, openUntil: Date.now() - 1 }),
		);
	});
}

/** Projects a status change into D1 as the outbox would, `ageMs` ago, without any delivery rows; returns the event id. */
export async function projectedEvent(clientId: string, ageMs: number): Promise<string> {
	const at = Date.now() - ageMs;
	const verificationId = newId("ver", at);
	const eventId = newId("evt", at);
	const shard = await clientDb(clientId);
	await shard
		.insert(verifications)
		.values({
			id: verificationId,
			clientId,
			status: "processing",
			version: 2,
			revision: 2,
			reference: "ref-1",
			passportLast3: "670",
			provider: "sandbox",
			createdAt: at,
			updatedAt: at,
			body: "{}",
		})
		.run();
	await shard
		.insert(verificationEvents)
		.values({
			id: eventId,
			verificationId,
			clientId,
			type: "verification.processing",
			statusChange: true,
			version: 2,
			status: "processing",
			previousStatus: "submitted",
			data: '{"last_error":null,"required_action":null}',
			createdAt: at,
		})
		.run();
	return eventId;
}

/** A delivery row for one event, as fan-out and a finished delivery would leave it. */
export async function seedDelivery(row: {
	clientId: string;
	endpointId: string;
	eventId: string;
	eventType: string;
	status: string;
	attempts?: number;
	nextAttemptAt?: number | null;
}): Promise<string> {
	const id = newId("del");
	await (await clientDb(row.clientId))
		.insert(webhookDeliveries)
		.values({ id, payload: "{}", createdAt: Date.now(), updatedAt: Date.now(), ...row })
		.run();
	return id;
}

/** Dates every delivery of one event back to `createdAt`. */
export async function backdateDeliveries(eventId: string, createdAt: number): Promise<void> {
	await onEveryDb((db) =>
		db.update(webhookDeliveries).set({ createdAt }).where(eq(webhookDeliveries.eventId, eventId)).run(),
	);
}

/** Dates an endpoint's registration back to `createdAt`. */
export async function backdateEndpoint(id: string, createdAt: number): Promise<void> {
	await onEveryDb((db) => db.update(webhookEndpoints).set({ createdAt }).where(eq(webhookEndpoints.id, id)).run());
}

/** Writes an endpoint's URL straight to D1, past the API's guard, as if the rules had changed since it was registered. */
export async function forceEndpointUrl(id: string, url: string): Promise<void> {
	await onEveryDb((db) => db.update(webhookEndpoints).set({ url }).where(eq(webhookEndpoints.id, id)).run());
}

/** Starts an endpoint's run of failed attempts at `since`, as if it had been failing that long. */
export async function endpointFailingSince(id: string, since: number): Promise<void> {
	await onEveryDb((db) =>
		db.update(webhookEndpoints).set({ failingSince: since }).where(eq(webhookEndpoints.id, id)).run(),
	);
}

/** Leaves the verification as an isolate that died mid provider call would: the call marked in flight, unanswered. */
export async function simulateInterruptedCall(id: string): Promise<void> {
	await runInDurableObject(stubOf(id), (_instance, state) => {
		const store = new VerificationStore(state.storage);
		const current = store.load();
		if (!current) throw new Error(`no verification stored for ${id}`);
		store.beginCall({ round: current.round, attempts: current.attempts, startedAt: Date.now() });
	});
}

/** Moves a verification's D1 rows (projection, timeline, idempotency key) back in time, as if created `ageMs` ago. */
export async function ageProjection(id: string, ageMs: number): Promise<string> {
	const oldId = newId("ver", Date.now() - ageMs);
	await onEveryDb((db) =>
		db.update(verificationEvents).set({ verificationId: oldId }).where(eq(verificationEvents.verificationId, id)).run(),
	);
	await onEveryDb((db) =>
		db.update(idempotencyKeys).set({ verificationId: oldId }).where(eq(idempotencyKeys.verificationId, id)).run(),
	);
	await onEveryDb((db) => db.update(verifications).set({ id: oldId }).where(eq(verifications.id, id)).run());
	return oldId;
}

/** Dates every duplicate-guard claim of a verification back by `ageMs`. */
export async function ageClaim(verificationId: string, ageMs: number): Promise<void> {
	await onEveryDb((db) =>
		db
			.update(personClaims)
			.set({ createdAt: Date.now() - ageMs })
			.where(eq(personClaims.verificationId, verificationId))
			.run(),
	);
}

/**
 * An API key revoked by another isolate: its row is marked revoked in D1, but this isolate's key cache is not told
 * (as the admin route in the same isolate would do).
 */
export async function revokeKeyElsewhere(key: string): Promise<void> {
	const hash = await sha256Hex(key);
	await directory().update(apiKeys).set({ revokedAt: Date.now() }).where(eq(apiKeys.hash, hash)).run();
}

/**
 * As if the verification had been stored before a key rotation, under the key ring `keys`: its personal data sealed
 * with their current key (the object itself seals with the project's ring) and its projection saying so. Its blind
 * index and request fingerprint are what the worker made them, so submit it with that ring too.
 */
export async function sealedBeforeRotation(id: string, keys: string[]): Promise<void> {
	const old = piiCipher(keys);
	await runInDurableObject(stubOf(id), async (_instance, state) => {
		const meta = new VerificationStore(state.storage).meta();
		if (!meta?.pii) throw new Error(`no personal data stored for ${id}`);
		const plaintext = await piiCipher(loadConfig(env).piiKeys).decrypt(meta.pii, id);
		state.storage.sql.exec("UPDATE state SET pii = ? WHERE id = 1", await old.encrypt(plaintext, id));
	});
	const keyId = await old.currentKeyId();
	await onEveryDb((db) => db.update(verifications).set({ keyId }).where(eq(verifications.id, id)).run());
}

/**
 * An endpoint's delivery rows (and their queued messages, which then find nothing to send) are gone, as if the
 * event had been projected before the endpoint's fan-out saw it: only the reconcile sweep can bring them back.
 */
export async function dropDeliveries(endpointId: string): Promise<number> {
	const gone = await onEveryDb((db) =>
		db
			.delete(webhookDeliveries)
			.where(eq(webhookDeliveries.endpointId, endpointId))
			.returning({ id: webhookDeliveries.id }),
	);
	return gone.length;
}

/**
 * Puts back the duplicate-guard claim of a verification that is final, as if its release had been lost: a stale
 * claim, which the next submission of the same person takes over.
 */
export async function staleClaim(verificationId: string): Promise<void> {
	const { state, blindIndex } = await runInDurableObject(stubOf(verificationId), (_instance, s) => {
		const store = new VerificationStore(s.storage);
		return { state: store.load(), blindIndex: store.meta()?.blindIndex ?? null };
	});
	if (!state || !blindIndex) throw new Error(`no person index stored for ${verificationId}`);
	await (await clientDb(state.clientId))
		.insert(personClaims)
		.values({ clientId: state.clientId, livemode: state.livemode, blindIndex, verificationId, createdAt: Date.now() })
		.run();
}

/**
 * The endpoint's pending deliveries are `overdueMs` past their next attempt, as when their queue messages were
 * lost; the first `exhausted` of them have made every attempt already (only their dead letter was lost).
 */
export async function overdueDeliveries(endpointId: string, overdueMs: number, exhausted = 0): Promise<number> {
	const pending = await onEveryDb((db) =>
		db
			.update(webhookDeliveries)
			.set({ nextAttemptAt: Date.now() - overdueMs, owner: null })
			.where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, "pending")))
			.returning({ id: webhookDeliveries.id }),
	);
	for (const { id } of pending.slice(0, exhausted))
		await onEveryDb((db) =>
			db.update(webhookDeliveries).set({ attempts: MAX_DELIVERY_ATTEMPTS }).where(eq(webhookDeliveries.id, id)).run(),
		);
	return pending.length;
}

/** Ends the span of every parked delivery of an endpoint, as if its endpoint had been down for days. */
export async function expireParked(endpointId: string): Promise<number> {
	const rows = await onEveryDb((db) =>
		db
			.update(webhookDeliveries)
			.set({ nextAttemptAt: Date.now() - 1000 })
			.where(and(eq(webhookDeliveries.endpointId, endpointId), isNotNull(webhookDeliveries.parkedAt)))
			.returning({ id: webhookDeliveries.id }),
	);
	return rows.length;
}

/** Leaves an endpoint's catch-up due `overdueMs` ago with no message carrying it, as a lost message would. */
export async function lostCatchUp(endpointId: string, overdueMs: number): Promise<void> {
	await onEveryDb((db) =>
		db
			.update(webhookEndpoints)
			.set({ probeAt: Date.now() - overdueMs, probeOwner: null })
			.where(eq(webhookEndpoints.id, endpointId))
			.run(),
	);
}

/**
 * As if a verification's idempotency key had been stored before request fingerprints were canonical: its hash is of
 * the body as it was serialized (`body`, in the order given) under the client's id.
 */
export async function storedWithLegacyRequestHash(verificationId: string, clientId: string, body: unknown) {
	const requestHash = await piiCipher(loadConfig(env).piiKeys).blindIndex(legacyRequestFingerprint(clientId, body));
	await onEveryDb((db) =>
		db.update(idempotencyKeys).set({ requestHash }).where(eq(idempotencyKeys.verificationId, verificationId)).run(),
	);
}
