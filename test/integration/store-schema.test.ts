import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config";
import { sweepUnprojected } from "../../src/cron/sweep";
import { newId } from "../../src/ids";
import { toHistory } from "../../src/verification/history";
import { VerificationStore } from "../../src/verification/store";
import { READABLE_FROM, STORE_SCHEMA_VERSION } from "../../src/verification/store-schema";
import { type StoredMeta } from "../../src/verification/stored";
import { type VerificationState } from "../../src/verification/types";
import { alarmAt, stubOf } from "../helpers/alarms";
import { call, json, passport, submit } from "../helpers/api";
import { d1Claims } from "../helpers/inspect";
import {
	storageSchema,
	writeVersion1Storage,
	writeVersion5Storage,
	writtenByNewerRelease,
} from "../helpers/legacy-store";
import { PreviousReleaseStore } from "../helpers/previous-release-store";
import { ageClaim } from "../helpers/scenarios";
import { NOW, state } from "../helpers/states";

const entry = {
	type: "verification.processing" as const,
	statusChange: true,
	previousStatus: "submitted" as const,
	data: {},
};

describe("the Durable Object's versioned schema", () => {
	it("storage written at version 1 upgrades in place and reads back whole", async () => {
		const id = newId("ver");
		const old = state("processing", { id, revision: 3, version: 2 });
		const history = [toHistory(old, entry, newId("evt", NOW))];
		const meta = { pii: "v1.k.iv.ct", requestHash: "req-hash", blindIndex: "blind" };
		// Version 1 predates modes and test clocks: its rows carry neither field.
		const { livemode: _mode, clockOffsetMs: _clock, ...v1State } = old;
		const v1History = history.map(({ livemode: _m, ...h }) => h);
		await runInDurableObject(env.VERIFICATION.getByName(id), async (_instance, ctx) => {
			writeVersion1Storage(ctx.storage, v1State, v1History, meta);

			// What the next release's object does when it starts on this storage.
			const store = new VerificationStore(ctx.storage);
			expect(store.schemaVersion()).toBe(STORE_SCHEMA_VERSION);
			expect(STORE_SCHEMA_VERSION).toBeGreaterThan(1);
			// Upgraded to today's shape: everything stored before modes existed is test mode, on no test clock.
			expect(store.load()).toEqual({ ...old, livemode: false, clockOffsetMs: 0 });
			// The blind index's key id was not recorded before step 5: unknown, so a re-encryption visits it.
			expect(store.meta()).toEqual({ ...meta, indexKeyId: null });
			expect(store.history()).toEqual(history);
			expect(store.pendingOutbox()).toEqual({ from: 3, through: 3, failures: 0, retryAt: null, lastError: null });

			// And it keeps working: a commit after the upgrade lands beside the old rows.
			const next = store.commit({ ...old, status: "verified", version: 3, updatedAt: NOW + 1 }, [entry]);
			expect(store.load()?.revision).toBe(4);
			expect(store.history().map((h) => h.id)).toEqual([history[0]?.id, next.history[0]?.id]);

			// A second start is a no-op: the version is recorded.
			expect(new VerificationStore(ctx.storage).schemaVersion()).toBe(STORE_SCHEMA_VERSION);
			await ctx.storage.deleteAll();
		});
	});

	it("storage written at version 5 keeps its pending outbox and its call in flight, now in the state row", async () => {
		const id = newId("ver");
		const old = state("processing", { id, revision: 5, version: 2 });
		const history = [toHistory(old, entry, newId("evt", NOW))];
		const meta = { pii: "v1.k.iv.ct", requestHash: "req-hash", blindIndex: "blind", indexKeyId: "k" };
		const call = { round: 1, attempts: 0, startedAt: NOW };
		// Revision 4's drain failed twice; revision 5 was committed after, so its drain was never tried.
		const outbox = [
			{ revision: 4, failures: 2, retryAt: NOW + 4_000, lastError: "d1_write_failed" },
			{ revision: 5, failures: 0, retryAt: null, lastError: null },
		];
		await runInDurableObject(env.VERIFICATION.getByName(id), async (_instance, ctx) => {
			writeVersion5Storage(ctx.storage, old, history, meta, { outbox, call });
			const store = new VerificationStore(ctx.storage);
			expect(store.schemaVersion()).toBe(STORE_SCHEMA_VERSION);
			expect(store.load()).toEqual(old);
			expect(store.meta()).toEqual(meta);
			expect(store.history()).toEqual(history);
			// Both revisions still pending; the streak's count goes on, and the untried one is drained at once.
			expect(store.pendingOutbox()).toEqual({
				from: 4,
				through: 5,
				failures: 2,
				retryAt: null,
				lastError: "d1_write_failed",
			});
			expect(store.callInFlight()).toEqual(call);
			// What the release before step 7 reads is there again (docs/deploying.md), empty but for the version.
			expect(storageSchema(ctx.storage).map((o) => o.name)).toEqual([
				"call_in_flight",
				"history",
				"outbox",
				"schema_version",
				"state",
			]);

			// And it keeps working: the answer clears the call, its drain clears the outbox.
			const answered = store.commit({ ...old, status: "verified", version: 3, updatedAt: NOW + 1 }, [entry], {
				endsCall: true,
			});
			expect(store.callInFlight()).toBeNull();
			expect(store.pendingOutbox()).toMatchObject({ from: 4, through: 6 });
			store.clearOutbox(answered.state.revision);
			expect(store.pendingOutbox()).toBeNull();
			await ctx.storage.deleteAll();
		});
	});

	it("a version 5 outbox whose rows all await a retry keeps the earliest; an empty one is drained", async () => {
		const pendingAfterUpgrade = (
			outbox: { revision: number; failures: number; retryAt: number | null; lastError: null }[],
		) =>
			runInDurableObject(env.VERIFICATION.getByName(newId("ver")), async (_instance, ctx) => {
				const old = state("verified", { revision: 5 });
				writeVersion5Storage(
					ctx.storage,
					old,
					[],
					{ pii: null, requestHash: "h", blindIndex: null, indexKeyId: null },
					{ outbox, call: null },
				);
				const store = new VerificationStore(ctx.storage);
				const pending = { outbox: store.pendingOutbox(), call: store.callInFlight() };
				await ctx.storage.deleteAll();
				return pending;
			});
		const waiting = [
			{ revision: 4, failures: 1, retryAt: NOW + 9_000, lastError: null },
			{ revision: 5, failures: 1, retryAt: NOW + 2_000, lastError: null },
		];
		expect(await pendingAfterUpgrade(waiting)).toEqual({
			outbox: { from: 4, through: 5, failures: 1, retryAt: NOW + 2_000, lastError: null },
			call: null,
		});
		expect(await pendingAfterUpgrade([])).toEqual({ outbox: null, call: null });
	});

	it("a fresh object's schema is the one an object from the first release upgrades to", async () => {
		const id = newId("ver");
		const current = state("submitted", { id, revision: 1, version: 1 });
		const upgraded = await runInDurableObject(env.VERIFICATION.getByName(newId("ver")), async (_instance, ctx) => {
			const { livemode: _mode, clockOffsetMs: _clock, ...v1State } = current;
			writeVersion1Storage(ctx.storage, v1State, [], { pii: null, requestHash: "req-hash", blindIndex: null });
			new VerificationStore(ctx.storage);
			const schema = storageSchema(ctx.storage);
			await ctx.storage.deleteAll();
			return schema;
		});
		const fresh = await runInDurableObject(env.VERIFICATION.getByName(id), async (_instance, ctx) => {
			new VerificationStore(ctx.storage).insert(current, [entry], {
				pii: null,
				requestHash: "req-hash",
				blindIndex: null,
				indexKeyId: null,
			});
			const schema = storageSchema(ctx.storage);
			await ctx.storage.deleteAll();
			return schema;
		});
		expect(fresh.map((o) => o.name)).toContain("state");
		expect(fresh).toEqual(upgraded);
	});

	it("an object that never stored anything reports version 0 and creates no tables", async () => {
		const id = newId("ver");
		await runInDurableObject(env.VERIFICATION.getByName(id), (_instance, ctx) => {
			const store = new VerificationStore(ctx.storage);
			expect(store.schemaVersion()).toBe(0);
			expect(store.load()).toBeNull();
			expect(storageSchema(ctx.storage)).toEqual([]);
		});
	});
});

const processing = { ...entry };
const verified = {
	type: "verification.verified" as const,
	statusChange: true,
	previousStatus: "processing" as const,
	data: {},
};

/** Today's storage of one verification in `processing` (revision 2, drained through 1), made the two ways it is made. */
const TODAYS_STORAGE = {
	"created by this release": (storage: DurableObjectStorage, s: VerificationState, meta: StoredMeta) => {
		const store = new VerificationStore(storage);
		store.insert({ ...s, status: "submitted", revision: 1, version: 1 }, [], meta);
		store.clearOutbox(1);
		store.commit({ ...s, revision: 1 }, [processing]);
	},
	"upgraded by this release from version 5": (
		storage: DurableObjectStorage,
		s: VerificationState,
		meta: StoredMeta,
	) => {
		const outbox = [{ revision: 2, failures: 0, retryAt: null, lastError: null }];
		writeVersion5Storage(storage, { ...s, revision: 2 }, [], meta, { outbox, call: null });
		new VerificationStore(storage);
	},
};

describe("a rollback one release back (docs/deploying.md)", () => {
	it.each(Object.entries(TODAYS_STORAGE))(
		"the previous release runs on storage %s, and nothing it commits is lost when this release is back",
		async (_how, write) => {
			const id = newId("ver");
			const s = state("processing", { id, revision: 2, version: 2 });
			const meta = { pii: "v1.k.iv.ct", requestHash: "req-hash", blindIndex: "blind", indexKeyId: "k" };
			await runInDurableObject(env.VERIFICATION.getByName(id), async (_instance, ctx) => {
				write(ctx.storage, s, meta);
				const before = new VerificationStore(ctx.storage).history();

				// `wrangler rollback`: the previous release's object starts on this storage, reads it and keeps working.
				const previous = new PreviousReleaseStore(ctx.storage);
				expect(previous.schemaVersion()).toBe(6);
				expect(previous.load()).toEqual(s);
				expect(previous.meta()).toEqual(meta);
				expect(previous.history()).toEqual(before);
				previous.beginCall(s.round, s.attempts, NOW);
				expect(previous.callInFlight()).toEqual({ round: s.round, attempts: s.attempts, startedAt: NOW });
				previous.endCall();
				const answered = previous.commit({ ...s, status: "verified", version: 3, updatedAt: NOW + 1 }, [verified]);
				expect(previous.pendingOutbox().map((o) => o.revision)).toEqual([3]);
				previous.failOutbox([3], NOW + 5_000, "d1_write_failed");
				expect(previous.pendingOutbox()).toMatchObject([{ revision: 3, failures: 1, retryAt: NOW + 5_000 }]);
				expect(new PreviousReleaseStore(ctx.storage).load()).toEqual(answered.state);

				// Rolled forward again: this release reads what the previous one wrote, and drains every revision it may
				// have missed (revision 2 was pending here when the rollback came; revision 3 was committed there).
				const store = new VerificationStore(ctx.storage);
				expect(store.schemaVersion()).toBe(STORE_SCHEMA_VERSION);
				expect(store.load()).toEqual(answered.state);
				expect(store.history().map((h) => h.id)).toEqual([...before, ...answered.history].map((h) => h.id));
				expect(store.pendingOutbox()).toMatchObject({ from: 2, through: 3 });
				expect(store.callInFlight()).toBeNull();
				// And the previous release can come back once more.
				expect(new PreviousReleaseStore(ctx.storage).load()).toEqual(answered.state);
				await ctx.storage.deleteAll();
			});
		},
	);

	it("a newer release's storage that says this release may run on it is used as it is, never stepped down", async () => {
		const id = newId("ver");
		await runInDurableObject(env.VERIFICATION.getByName(id), async (_instance, ctx) => {
			const s = state("submitted", { id, revision: 1, version: 1 });
			new VerificationStore(ctx.storage).insert(s, [entry], {
				pii: null,
				requestHash: "h",
				blindIndex: null,
				indexKeyId: null,
			});
			ctx.storage.sql.exec(
				"UPDATE state SET schema_version = ?, schema_readable_from = ?",
				STORE_SCHEMA_VERSION + 1,
				STORE_SCHEMA_VERSION,
			);
			const store = new VerificationStore(ctx.storage);
			expect(store.schemaVersion()).toBe(STORE_SCHEMA_VERSION + 1);
			expect(store.load()).toEqual(s);
			await ctx.storage.deleteAll();
		});
	});
});

describe("storage a newer release wrote and this one may not run on (a rollback further back)", () => {
	it("is refused visibly: 503 service_unavailable and a log line, its alarm comes back later, nothing is written", async () => {
		const view = await submit(passport(5));
		await writtenByNewerRelease(view.id, STORE_SCHEMA_VERSION + 1, STORE_SCHEMA_VERSION + 1);
		const errors = vi.spyOn(console, "error");

		const res = await call(`/api/verifications/${view.id}/`);
		expect(res.status).toBe(503);
		expect(res.headers.get("content-type")).toContain("application/problem+json");
		expect(await json(res)).toMatchObject({ code: "service_unavailable" });
		expect((await call(`/api/verifications/${view.id}/retry/`, { method: "POST" })).status).toBe(503);
		const logged = errors.mock.calls.map((c) => JSON.parse(String(c[0])) as Record<string, unknown>);
		expect(logged).toContainEqual(
			expect.objectContaining({
				event: "store.schema_unreadable",
				verification_id: view.id,
				stored: STORE_SCHEMA_VERSION + 1,
			}),
		);

		// The alarm neither throws (the runtime's retries would give up on it) nor touches storage: it comes back later.
		const before = Date.now();
		expect(await runDurableObjectAlarm(stubOf(view.id))).toBe(true);
		expect(await alarmAt(view.id)).toBeGreaterThanOrEqual(before + 60_000);
		// The cron's calls fail (and it logs them) rather than reading "no verification here": the claim of this
		// verification, which has no projection yet, stays.
		await ageClaim(view.id, loadConfig(env).sweeps.unprojectedClaimMs + 60_000);
		expect(await sweepUnprojected(env, Date.now())).toBe(0);
		expect(await d1Claims(view.id)).toHaveLength(1);
		// The cron's calls fail (and are logged by it) rather than reading "no verification here".

		// The release that can read it is back: the object works again, on its own alarm.
		await writtenByNewerRelease(view.id, STORE_SCHEMA_VERSION, READABLE_FROM);
		expect((await call(`/api/verifications/${view.id}/`)).status).toBe(200);
		errors.mockRestore();
	});
});
