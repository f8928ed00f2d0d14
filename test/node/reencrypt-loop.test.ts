import { describe, expect, it } from "vitest";
import { type Batch, reencryptUntilDone } from "../../scripts/lib/reencrypt-loop.mjs";

const counts = (webhook_endpoints = 0, verifications = 0) => ({ webhook_endpoints, verifications });

/** A batch answer; only what the loop reads. */
const batch = (over: Partial<Batch>): Batch => ({
	key_id: "3f9a1c07",
	reencrypted: counts(),
	unreadable: counts(),
	failed: 0,
	remaining: counts(),
	idempotency_hashes: { not_current: 0, ages_out_at: null },
	next_cursor: null,
	...over,
});

/** The batches a server would answer, in order, and the cursors the loop sent. */
function server(answers: Batch[]) {
	const cursors: (string | undefined)[] = [];
	const call = async (cursor: string | undefined) => {
		cursors.push(cursor);
		const next = answers.shift();
		if (!next) throw new Error("called once too often");
		return next;
	};
	return { call, cursors };
}

describe("npm run pii:reencrypt's loop", () => {
	it("follows next_cursor through a pass and stops when nothing remains", async () => {
		const s = server([
			batch({ reencrypted: counts(2, 0), remaining: counts(0, 5), next_cursor: "ver_A" }),
			batch({ reencrypted: counts(0, 5), remaining: counts(0, 0) }),
		]);
		const result = await reencryptUntilDone(s.call);
		expect(s.cursors).toEqual([undefined, "ver_A"]);
		expect(result).toMatchObject({ done: true, passes: 1, totals: { reencrypted: counts(2, 5), failed: 0 } });
	});

	it("runs another pass while records changed meanwhile, from the start", async () => {
		const s = server([
			batch({ reencrypted: counts(0, 3), failed: 1, remaining: counts(0, 1) }),
			batch({ reencrypted: counts(0, 1) }),
		]);
		const result = await reencryptUntilDone(s.call);
		expect(s.cursors).toEqual([undefined, undefined]);
		expect(result).toMatchObject({ done: true, passes: 2 });
	});

	it("gives up, not done, when a pass changes nothing and what remains is unreadable", async () => {
		const s = server([
			batch({ reencrypted: counts(0, 1), unreadable: counts(1, 0), remaining: counts(1, 0) }),
			batch({ unreadable: counts(1, 0), remaining: counts(1, 0) }),
		]);
		const result = await reencryptUntilDone(s.call);
		expect(result).toMatchObject({ done: false, passes: 2, totals: { unreadable: counts(2, 0) } });
	});
});
