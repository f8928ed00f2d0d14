import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/ids";
import { VerificationStore } from "../../src/verification/store";
import { NOW, state } from "../helpers/states";

const entry = { type: "verification.submitted" as const, statusChange: true, previousStatus: null, data: {} };
const meta = { pii: null, requestHash: "req-hash", blindIndex: null, indexKeyId: null };

/** Runs `fn` on a fresh object's store holding one submitted verification (revision 1, pending). */
function withStore(fn: (store: VerificationStore) => void): Promise<void> {
	const id = newId("ver");
	return runInDurableObject(env.VERIFICATION.getByName(id), async (_instance, ctx) => {
		const store = new VerificationStore(ctx.storage);
		store.insert(state("submitted", { id, revision: 1, version: 1, updatedAt: NOW }), [entry], meta);
		fn(store);
		await ctx.storage.deleteAll();
	});
}

const next = (store: VerificationStore) => {
	const current = store.load();
	if (!current) throw new Error("nothing stored");
	return store.commit({ ...current, updatedAt: current.updatedAt + 1 }, []).state;
};

describe("the outbox marker in the state row", () => {
	it("a drain clears only the revisions it covered: a commit that landed meanwhile stays pending", () =>
		withStore((store) => {
			const drain = store.pendingOutbox();
			expect(drain).toEqual({ from: 1, through: 1, failures: 0, retryAt: null, lastError: null });
			// While that drain awaits D1 and the queue, the next change commits.
			expect(next(store).revision).toBe(2);
			store.clearOutbox(drain?.through ?? 0);
			expect(store.pendingOutbox()).toEqual({ from: 2, through: 2, failures: 0, retryAt: null, lastError: null });
		}));

	it("a failed drain keeps its revisions pending with backoff; the next commit is drained at once, the count kept", () =>
		withStore((store) => {
			store.failOutbox(1, NOW + 1_000, "d1_write_failed");
			expect(store.pendingOutbox()).toEqual({
				from: 1,
				through: 1,
				failures: 1,
				retryAt: NOW + 1_000,
				lastError: "d1_write_failed",
			});
			next(store);
			expect(store.pendingOutbox()).toEqual({
				from: 1,
				through: 2,
				failures: 1,
				retryAt: null,
				lastError: "d1_write_failed",
			});
			store.clearOutbox(2);
			expect(store.pendingOutbox()).toBeNull();
		}));

	it("a drain that fails after another got its revisions through records nothing", () =>
		withStore((store) => {
			next(store);
			// Two drains overlap: the later one (through 2) lands first, then the earlier one (through 1) fails.
			store.clearOutbox(2);
			store.failOutbox(1, NOW + 1_000, "queue_send_failed");
			store.clearOutbox(1);
			expect(store.pendingOutbox()).toBeNull();
			next(store);
			expect(store.pendingOutbox()).toEqual({ from: 3, through: 3, failures: 0, retryAt: null, lastError: null });
		}));
});
