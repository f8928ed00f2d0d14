import { eq, sql } from "drizzle-orm";
import { type Db } from "../db/client";
import { webhookEndpoints } from "../db/schema";
import { type EndpointRow } from "./objects";

/**
 * The per-endpoint throttle (`rate_limit`, deliveries per second, like Svix's `throttleRate`). Each message reserves
 * consecutive slots `1000 / rate_limit` ms apart on the endpoint row (`throttle_at`: the next free slot), one
 * statement, so concurrent consumers share one schedule and reserve in the order they come. A delivery whose slot
 * is near is POSTed when it comes; one further away goes back to the queue with its slot (`slotAt`) and a delay,
 * unsent: never dropped, never counted as an attempt.
 */

/** The highest rate an endpoint can ask for; above it the throttle would be finer than the queue's own pace. */
export const MAX_RATE_LIMIT = 1_000;

/**
 * The longest a message's run waits in-process for its slots (counted from its start); a later slot is waited for on
 * the queue, so a throttled endpoint holds a consumer about a second per message at most.
 */
export const MAX_INLINE_WAIT_MS = 1_000;

/** How a consumer waits for a slot. Tests replace `wait` to move a fake clock instead of sleeping. */
export const pacing = { wait: (ms: number): Promise<void> => scheduler.wait(ms) };

/** The gap between two deliveries' slots, in ms. */
export const slotGapMs = (rateLimit: number) => 1_000 / rateLimit;

/** A message's slots: the first, then one every `gapMs`. */
export interface Slots {
	first: number;
	gapMs: number;
}

/**
 * Reserves `count` slots of a throttled endpoint: from its next free slot, or now when it has been idle. Returns
 * them, or null for an endpoint without a throttle.
 */
export async function reserveSlots(db: Db, e: EndpointRow, count: number, now: number): Promise<Slots | null> {
	if (e.rateLimit === null) return null;
	const gapMs = slotGapMs(e.rateLimit);
	const [row] = await db
		.update(webhookEndpoints)
		.set({ throttleAt: sql`max(coalesce(${webhookEndpoints.throttleAt}, 0), ${now}) + ${count * gapMs}` })
		.where(eq(webhookEndpoints.id, e.id))
		.returning({ next: webhookEndpoints.throttleAt });
	return { first: (row?.next ?? now) - count * gapMs, gapMs };
}

/** The slots of a message that already reserved them (handed back to the queue with `slotAt`). */
export const reservedSlots = (e: EndpointRow, slotAt: number | undefined): Slots | null =>
	e.rateLimit === null || slotAt === undefined ? null : { first: slotAt, gapMs: slotGapMs(e.rateLimit) };

/**
 * Waits for the `i`th slot when it is near and returns true; returns false, without waiting, when it is more than
 * MAX_INLINE_WAIT_MS after the run's start (`startedAt`): the caller hands the rest back to the queue.
 */
export async function awaitSlot(slots: Slots | null, i: number, startedAt: number, clock: () => number) {
	if (!slots) return true;
	const at = slots.first + i * slots.gapMs;
	if (at - startedAt > MAX_INLINE_WAIT_MS) return false;
	const wait = at - clock();
	if (wait > 0) await pacing.wait(wait);
	return true;
}

/** The `i`th slot's time. */
export const slotAt = (slots: Slots, i: number) => Math.ceil(slots.first + i * slots.gapMs);
