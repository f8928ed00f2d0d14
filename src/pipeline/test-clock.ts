import { fail, ok, type Result } from "../errors";
import { type Account } from "../tenancy";
import { clockOf, nextWakeAt } from "../verification/schedule";
import { toView, type VerificationView } from "../verification/view";
import { type ProviderCalls } from "./provider-call";
import { NOT_FOUND, type Verification } from "./verification";

/** One advance runs at most this many steps; anything left is run by the alarm right after (it is overdue). */
const MAX_ADVANCE_STEPS = 1_000;

/**
 * Test mode only: moves a verification's clock forward and runs every poll, deadline and purge that falls due in
 * that time, in order, each at its own due time, with its normal timeline entries and webhooks.
 */
export async function advanceClock(
	v: Verification,
	calls: ProviderCalls,
	account: Account,
	seconds: number,
): Promise<Result<VerificationView>> {
	const state = v.owned(account);
	if (!state || state.livemode) return fail("not_found", NOT_FOUND);
	const target = clockOf(state, Date.now()) + seconds * 1000;
	const moved = v.apply({ type: "advance_clock", ms: seconds * 1000 });
	if (!moved.ok) return moved;
	for (let i = 0; i < MAX_ADVANCE_STEPS; i++) {
		const current = v.store.load();
		const wake = current ? nextWakeAt(current) : null;
		if (wake === null || wake > target) break;
		await calls.runDue(wake, { advancing: true });
	}
	await v.settle();
	const after = v.store.load();
	return after ? ok(toView(after)) : fail("not_found", NOT_FOUND);
}
