import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/ids";
import { toHistory } from "../../src/verification/history";
import { VerificationStore } from "../../src/verification/store";
import { STORE_SCHEMA_VERSION } from "../../src/verification/store-schema";
import { storageSchema, writeVersion1Storage, writeVersion5Storage } from "../helpers/legacy-store";
import { NOW, state } from "../helpers/states";

const entry = { type: "verification.processing", statusChange: true, previousStatus: "submitted" as const, data: {} };

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
			expect(storageSchema(ctx.storage).map((o) => o.name)).toEqual(["history", "state"]);

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
