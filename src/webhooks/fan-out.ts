import { and, eq, inArray, isNull } from "drizzle-orm";
import { fault } from "../crash-points";
import { type Db } from "../db/client";
import { webhookDeliveries, webhookEndpoints } from "../db/schema";
import { newId } from "../ids";
import { stillPending } from "./attempt-log";
import { type DeliveryMessage, type EventMessage } from "./messages";
import { type DeliveryRow, type EndpointRow } from "./objects";

const subscribed = (e: EndpointRow, type: string) =>
	e.eventTypes === null || (JSON.parse(e.eventTypes) as string[]).includes(type);

/**
 * One delivery row per (event, subscribed endpoint), inserted at most once, so a replayed event message never
 * doubles a delivery. Disabled endpoints get a `skipped` row (or `failed` when `dead`) that `recover` can
 * re-send later. Returns the rows that still need their first queue message.
 */
async function insertDeliveries(db: Db, msg: EventMessage, mode: "live" | "dead", now: number): Promise<DeliveryRow[]> {
	// An endpoint receives only its own mode's events.
	const endpoints = await db
		.select()
		.from(webhookEndpoints)
		.where(and(eq(webhookEndpoints.clientId, msg.clientId), eq(webhookEndpoints.livemode, msg.event.livemode)));
	const targets = endpoints.filter((e) => subscribed(e, msg.event.type));
	if (targets.length === 0) return [];
	const payload = JSON.stringify(msg.event);
	const rows = targets.map((e) => {
		const disabled = e.disabledAt !== null;
		const status = mode === "dead" ? "failed" : disabled ? "skipped" : "pending";
		return {
			id: newId("del", now),
			clientId: msg.clientId,
			livemode: e.livemode,
			endpointId: e.id,
			eventId: msg.event.id,
			eventType: msg.event.type,
			payload,
			status,
			errorClass: mode === "dead" ? "fanout_failed" : disabled ? "endpoint_disabled" : null,
			error: mode === "dead" ? "The event could not be fanned out; use recover to re-send it." : null,
			nextAttemptAt: status === "pending" ? now : null,
			createdAt: now,
			updatedAt: now,
		};
	});
	// One statement per row: D1 caps bound parameters per statement, and a batch is one transaction anyway.
	const [first, ...rest] = rows.map((r) => db.insert(webhookDeliveries).values(r).onConflictDoNothing());
	if (first) await db.batch([first, ...rest]);
	return db
		.select()
		.from(webhookDeliveries)
		.where(
			neverPickedUp(
				msg,
				targets.map((e) => e.id),
			),
		);
}

/**
 * Deliveries of this event never picked up by a delivery consumer: new ones, or ones whose first send was lost.
 * By endpoint and event, so the (endpoint, event) unique index finds them.
 */
const neverPickedUp = (msg: EventMessage, endpointIds: string[]) =>
	and(
		inArray(webhookDeliveries.endpointId, endpointIds),
		eq(webhookDeliveries.eventId, msg.event.id),
		eq(webhookDeliveries.clientId, msg.clientId),
		eq(webhookDeliveries.status, "pending"),
		eq(webhookDeliveries.attempts, 0),
		isNull(webhookDeliveries.owner),
	);

/** The `events` consumer's work for one message: record deliveries, then queue each for its first attempt. */
export async function fanOut(db: Db, queue: Queue, msg: EventMessage, now = Date.now()): Promise<number> {
	const due = await insertDeliveries(db, msg, "live", now);
	fault("fan_out.rows_inserted");
	if (due.length > 0) {
		await queue.sendBatch(
			due.map((d) => ({ body: { deliveryId: d.id, generation: d.generation } satisfies DeliveryMessage })),
		);
	}
	return due.length;
}

/**
 * The `events` dead-letter consumer: fan-out kept failing, so record the deliveries as `failed` (visible in the
 * deliveries API, re-sendable with `recover`) instead of letting the event vanish.
 */
export async function fanOutDead(db: Db, msg: EventMessage, now = Date.now()): Promise<void> {
	const stranded = await insertDeliveries(db, msg, "dead", now);
	if (stranded.length === 0) return;
	await db
		.update(webhookDeliveries)
		.set({ status: "failed", errorClass: "fanout_failed", nextAttemptAt: null, updatedAt: now })
		.where(
			and(
				inArray(
					webhookDeliveries.id,
					stranded.map((d) => d.id),
				),
				stillPending,
				eq(webhookDeliveries.attempts, 0),
				isNull(webhookDeliveries.owner),
			),
		);
}
