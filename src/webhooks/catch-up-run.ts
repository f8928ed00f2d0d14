import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import { type Config } from "../config";
import { fault } from "../crash-points";
import { type Db } from "../db/client";
import { webhookDeliveries, webhookEndpoints } from "../db/schema";
import {
	ACK,
	attemptColumns,
	type Decision,
	disables,
	failedAttemptHealth,
	recordAttempt,
	recordSucceeded,
	sameRound,
} from "./attempt-log";
import { catchUpMessage, delayUntil, RELEASE_BATCH, releaseMessages } from "./catch-up";
import { FIRST_PROBE_MS, nextProbeAt } from "./catch-up-policy";
import { inSlowLane, type Route } from "./dispatch";
import { withEvents } from "./endpoint-events";
import { ATTEMPT_TIMEOUT_MS } from "./http-attempt";
import { type CatchUpMessage, sendDeliveryMessages } from "./messages";
import { type DeliveryRow, type EndpointRow } from "./objects";
import { send } from "./send";

/** Release steps one catch-up message takes (each RELEASE_BATCH parked deliveries) before it hands on to another. */
const MAX_RELEASE_STEPS = 10;

const e$ = webhookEndpoints;
const d$ = webhookDeliveries;

/** Where the catch-up message of an endpoint goes: the lane its deliveries use now. */
const catchUpQueue = (route: Route, slow: boolean) => (slow ? route.slowLane : route.mainLane);

/**
 * Claims the endpoint's catch-up for this message: it must be the one sent for the endpoint's current `probe_at`,
 * and no other message may be running it (a redelivery of the same message may). Returns the endpoint, or null
 * (stale or duplicate: acked unsent).
 */
async function claim(db: Db, msgId: string, body: CatchUpMessage): Promise<EndpointRow | null> {
	const [e] = await db
		.update(e$)
		.set({ probeOwner: msgId })
		.where(
			and(
				eq(e$.id, body.catchUp),
				eq(e$.probeAt, body.at),
				sql`(${e$.probeOwner} IS NULL OR ${e$.probeOwner} = ${msgId})`,
			),
		)
		.returning();
	return e ?? null;
}

/** Schedules the next step of the catch-up (`at`) and hands it to a message of its own. */
async function reschedule(db: Db, route: Route, e: EndpointRow, msgId: string, at: number, slow: boolean, now: number) {
	const moved = await db
		.update(e$)
		.set({ probeAt: at, probeOwner: null })
		.where(and(eq(e$.id, e.id), eq(e$.probeOwner, msgId)))
		.returning({ id: e$.id });
	if (moved.length > 0)
		await catchUpQueue(route, slow).send(catchUpMessage(route.shard, e, at), { delaySeconds: delayUntil(at, now) });
}

/**
 * One catch-up message: a probe while the endpoint is failing, a release once it answered (or was disabled: the
 * released deliveries are then closed `skipped` by their consumer, as every queued delivery of a disabled endpoint).
 */
export async function runCatchUp(
	db: Db,
	config: Config,
	msg: { id: string; body: CatchUpMessage },
	route: Route,
	clock: () => number = Date.now,
): Promise<Decision> {
	const e = await claim(db, msg.id, msg.body);
	if (!e) return ACK;
	const now = clock();
	if (e.failingSince === null || e.disabledAt !== null) return release(db, route, e, msg.id, now, inSlowLane(e, now));
	if (route.lane === "main" && inSlowLane(e, now)) {
		// A probe waits as long as any attempt of a slow endpoint: the slow lane's, with its own consumers.
		await reschedule(db, route, e, msg.id, now, true, now);
		return ACK;
	}
	return probe(db, config, route, e, msg.id, clock);
}

/** Parked deliveries whose span ended, closed before a probe looks further (oldest first, so they come first). */
const MAX_ENDED_PER_PROBE = 10;

/**
 * The endpoint's oldest parked delivery still within its span. Those whose span ended (`next_attempt_at`) on the way
 * are marked `failed`, as the ladder's last failure would have, each by its primary key: a read of one row per step.
 */
async function oldestParked(db: Db, e: EndpointRow, now: number): Promise<DeliveryRow | null | "more"> {
	for (let i = 0; i < MAX_ENDED_PER_PROBE; i++) {
		const [d] = await db
			.select()
			.from(d$)
			.where(and(eq(d$.endpointId, e.id), isNotNull(d$.parkedAt)))
			.orderBy(asc(d$.id))
			.limit(1);
		if (!d || (d.nextAttemptAt ?? 0) > now) return d ?? null;
		await db
			.update(d$)
			.set({
				status: "failed",
				parkedAt: null,
				nextAttemptAt: null,
				errorClass: sql`coalesce(${d$.errorClass}, 'exhausted')`,
				updatedAt: now,
			})
			.where(and(sameRound(d), isNotNull(d$.parkedAt)));
	}
	return "more";
}

/** POSTs the endpoint's oldest parked delivery; a success releases the rest, a failure schedules the next probe. */
async function probe(
	db: Db,
	config: Config,
	route: Route,
	e: EndpointRow,
	msgId: string,
	clock: () => number,
): Promise<Decision> {
	const now = clock();
	const d = await oldestParked(db, e, now);
	if (d === "more") {
		// More spans ended than one step closes: the next message goes on now.
		await reschedule(db, route, e, msgId, now, route.lane === "slow", now);
		return ACK;
	}
	if (!d) {
		// Nothing parked (all released, or their spans ended): the catch-up ends; the next failure starts another.
		await db
			.update(e$)
			.set({ probeAt: null, probeOwner: null, probes: 0, probeCredits: 0, parkedUntil: null })
			.where(and(eq(e$.id, e.id), eq(e$.probeOwner, msgId)));
		return ACK;
	}
	const timeoutMs = route.lane === "main" ? config.webhookFastLaneTimeoutMs : ATTEMPT_TIMEOUT_MS;
	const at = {
		attempt: d.attempts + 1,
		lane: route.lane,
		fastLaneTimeoutMs: config.webhookFastLaneTimeoutMs,
		events: { queue: route.mainLane, shard: route.shard },
	};
	const r = await send(config, d, e, now, timeoutMs);
	fault("delivery.posted");
	const after = clock();
	if (r.outcome === "succeeded") {
		await recordSucceeded(db, [{ d, r }], e, at, after);
		return release(db, route, { ...e, failingSince: null }, msgId, after, false);
	}
	if (disables(e, r, after)) {
		await recordAttempt(db, d, e, r, at, after);
		return release(db, route, e, msgId, after, false);
	}
	const next = nextProbeAt({
		now: after,
		failingSince: e.failingSince ?? after,
		probes: e.probes + 1,
		credits: e.probeCredits - 1,
		parkedUntil: e.parkedUntil ?? after,
		retryAfterMs: (r.retryAfterSeconds ?? 0) * 1000,
	});
	const { health, events } = await failedAttemptHealth(db, e, r, at, after);
	const spent = db
		.update(e$)
		.set({ probes: sql`${e$.probes} + 1`, probeCredits: sql`${e$.probeCredits} - 1` })
		.where(eq(e$.id, e.id));
	const attempt = db.update(d$).set(attemptColumns(r, after)).where(sameRound(d));
	await withEvents(db, at.events, [attempt, health, spent], events, e);
	await reschedule(db, route, e, msgId, next, inSlowLane(e, after) || r.errorClass === "timeout", after);
	return ACK;
}

/**
 * Releases the endpoint's parked deliveries, oldest first, RELEASE_BATCH at a time: their messages are sent first,
 * then they are unparked, so a crash in between only sends them again (a duplicate is acked unsent by its claim).
 * A full batch leaves its last verification for the next one, so each verification's deliveries go in one message,
 * in version order. Ends the catch-up when nothing is parked; if the endpoint failed again meanwhile, the catch-up
 * goes back to probing.
 */
async function release(
	db: Db,
	route: Route,
	e: EndpointRow,
	msgId: string,
	now: number,
	slow: boolean,
): Promise<Decision> {
	const queue = catchUpQueue(route, slow);
	for (let step = 0; step < MAX_RELEASE_STEPS; step++) {
		const rows = await db
			.select({ id: d$.id, generation: d$.generation, subject: sql<string | null>`${d$.payload} ->> '$.data.id'` })
			.from(d$)
			.where(and(eq(d$.endpointId, e.id), isNotNull(d$.parkedAt)))
			.orderBy(asc(d$.id))
			.limit(RELEASE_BATCH);
		const full = rows.length === RELEASE_BATCH;
		const last = rows.at(-1)?.subject;
		const now$ = full && rows.some((r) => r.subject !== last) ? rows.filter((r) => r.subject !== last) : rows;
		await sendDeliveryMessages(queue, releaseMessages(route.shard, now$));
		fault("catch_up.released");
		if (now$.length > 0) {
			const ids = JSON.stringify(now$.map((r) => r.id));
			await db
				.update(d$)
				.set({
					parkedAt: null,
					nextAttemptAt: sql`CASE WHEN ${d$.owner} IS NULL THEN ${now} ELSE ${d$.nextAttemptAt} END`,
				})
				.where(and(sql`${d$.id} IN (SELECT value FROM json_each(${ids}))`, isNotNull(d$.parkedAt)));
		}
		if (!full) {
			const [ended] = await db
				.update(e$)
				.set({
					probeAt: sql`CASE WHEN ${e$.failingSince} IS NULL THEN NULL ELSE ${now + FIRST_PROBE_MS} END`,
					probeOwner: null,
					probeCredits: sql`CASE WHEN ${e$.failingSince} IS NULL THEN 0 ELSE ${e$.probeCredits} END`,
					parkedUntil: sql`CASE WHEN ${e$.failingSince} IS NULL THEN NULL ELSE ${e$.parkedUntil} END`,
				})
				.where(and(eq(e$.id, e.id), eq(e$.probeOwner, msgId)))
				.returning({ probeAt: e$.probeAt });
			// Failing again while it released: what is still parked waits for the next probe.
			const again = ended?.probeAt ?? null;
			if (again !== null)
				await queue.send(catchUpMessage(route.shard, e, again), { delaySeconds: delayUntil(again, now) });
			return ACK;
		}
	}
	await reschedule(db, route, e, msgId, now, slow, now);
	return ACK;
}
