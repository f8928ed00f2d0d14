import { type Shard } from "../db/shards";
import { prepare, type Statement } from "../db/statement";
import { type Account } from "../tenancy";
import {
	type DeliveryMessage,
	type DeliveryRef,
	deliveryMessage,
	MAX_DELIVERIES_PER_MESSAGE,
	sendDeliveryMessages,
} from "./messages";
import { type WebhookEvent } from "./payload";

/**
 * The one fan-out: status changes become delivery rows, one per endpoint of the account subscribed to their type.
 * The projection's batch runs it for every drain, the reconcile sweep for a change an endpoint has no row for
 * (docs/architecture.md, "The life of a verification, from POST to webhook"). Both send the messages `dueMessages` makes of its result.
 */

/** Status changes whose deliveries one statement inserts (bound as one JSON array; D1 takes 100 KB a statement). */
export const EVENTS_PER_STATEMENT = 50;

/**
 * The subscription rule, in SQL: does endpoint row `w` take events of type `type` (a SQL expression)? An endpoint
 * with no filter takes every type; `event_types` is a JSON array of type names.
 */
export const subscribedSql = (w: string, type: string) =>
	`(${w}.event_types IS NULL OR instr(${w}.event_types, '"' || ${type} || '"') > 0)`;

/**
 * The rule for who is owed an event: an endpoint of the event's account and mode, registered by the time the event
 * happened and not deleted since, subscribed to its type, and not the endpoint the event is about (an operational
 * event never goes to the endpoint it describes; `about` is null, or a verification's id, for the others). `w` is the endpoint row, `e` the event (`created_at` and
 * `type` expressions).
 */
export const owedSql = (w: string, e: { createdAt: string; type: string; about: string }) =>
	`${w}.created_at <= ${e.createdAt} AND ${w}.deleted_at IS NULL AND ${w}.id IS NOT ${e.about} AND ${subscribedSql(w, e.type)}`;

/**
 * The id of the delivery of event `eventId` to endpoint `endpointId`: both whole ids without their prefixes, so two
 * distinct pairs can never share one, and the log's id order is its events' time order. The statement below makes
 * it in SQL; this is the same rule for code that knows both ids.
 */
export const deliveryIdOf = (eventId: string, endpointId: string) =>
	`del_${eventId.slice(eventId.indexOf("_") + 1)}${endpointId.slice(endpointId.indexOf("_") + 1)}`;
const DELIVERY_ID_SQL = `'del_' || substr(e.value ->> '$.id', instr(e.value ->> '$.id', '_') + 1) || substr(w.id, instr(w.id, '_') + 1)`;

/** A row the fan-out returns: a delivery still waiting for its first message. */
export interface FannedOut {
	id: string;
	endpoint_id: string;
	generation: number;
	status: string;
}

/**
 * The statements that insert the deliveries of `events` (all of `account`), at most EVENTS_PER_STATEMENT events each.
 * A disabled endpoint gets a `skipped` row that `recover` can re-send. Idempotent: an existing row is kept, and comes
 * back (RETURNING, through a no-op update) only while no delivery consumer has ever picked it up, so a replayed drain
 * re-sends exactly the messages that may have been lost.
 */
export function fanOutStatements(account: Account, events: WebhookEvent<unknown>[], now: number): Statement[] {
	const statements: Statement[] = [];
	for (let i = 0; i < events.length; i += EVENTS_PER_STATEMENT) {
		const chunk = events.slice(i, i + EVENTS_PER_STATEMENT).map(({ about, ...event }) => ({
			id: event.id,
			type: event.type,
			created_at: Date.parse(event.timestamp),
			about: about ?? null,
			payload: JSON.stringify(event),
		}));
		statements.push({
			text: FAN_OUT_SQL,
			values: [JSON.stringify(chunk), now, account.clientId, account.livemode ? 1 : 0],
		});
	}
	return statements;
}

const FAN_OUT_SQL = `INSERT INTO webhook_deliveries (id, client_id, livemode, endpoint_id, event_id, event_type, payload, status,
    error_class, next_attempt_at, created_at, updated_at)
  SELECT ${DELIVERY_ID_SQL}, w.client_id, w.livemode, w.id,
    e.value ->> '$.id', e.value ->> '$.type', e.value ->> '$.payload',
    CASE WHEN w.disabled_at IS NULL THEN 'pending' ELSE 'skipped' END,
    CASE WHEN w.disabled_at IS NULL THEN NULL ELSE 'endpoint_disabled' END,
    CASE WHEN w.disabled_at IS NULL THEN ?2 ELSE NULL END, ?2, ?2
  FROM json_each(?1) e, webhook_endpoints w
  WHERE w.client_id = ?3 AND w.livemode = ?4
    AND ${owedSql("w", { createdAt: "(e.value ->> '$.created_at')", type: "(e.value ->> '$.type')", about: "(e.value ->> '$.about')" })}
  ON CONFLICT (endpoint_id, event_id) DO UPDATE SET updated_at = webhook_deliveries.updated_at
    WHERE webhook_deliveries.status = 'pending' AND webhook_deliveries.attempts = 0 AND webhook_deliveries.owner IS NULL
  RETURNING id, endpoint_id, generation, status`;

/**
 * The messages for what the fan-out returned: one per endpoint (at most MAX_DELIVERIES_PER_MESSAGE deliveries each),
 * its deliveries in event order (a delivery id sorts by its event's time, and a verification's event times strictly
 * increase), so an endpoint gets a drain's events in order, in one message.
 */
export function dueMessages(shard: string, rows: FannedOut[]): DeliveryMessage[] {
	const groups = new Map<string, DeliveryRef[]>();
	for (const d of rows.filter((r) => r.status === "pending").sort((a, b) => (a.id < b.id ? -1 : 1))) {
		const group = groups.get(d.endpoint_id) ?? [];
		group.push({ deliveryId: d.id, generation: d.generation });
		groups.set(d.endpoint_id, group);
	}
	const messages: DeliveryMessage[] = [];
	for (const refs of groups.values())
		for (let i = 0; i < refs.length; i += MAX_DELIVERIES_PER_MESSAGE)
			messages.push(deliveryMessage(shard, refs.slice(i, i + MAX_DELIVERIES_PER_MESSAGE)));
	return messages;
}

/**
 * The fan-out on its own, outside a drain (the reconcile sweep, the retired events queue): each account's events in
 * one D1 batch, then the first messages of what it inserted. A crash between the two leaves rows no message carries;
 * running it again (the sweep's next run, the message's redelivery) returns and sends them. Returns how many
 * messages it sent.
 */
export async function fanOut(
	shard: Shard,
	queue: Queue,
	groups: Iterable<[Account, WebhookEvent<unknown>[]]>,
	now: number,
): Promise<number> {
	const statements = [...groups].flatMap(([account, events]) => fanOutStatements(account, events, now));
	if (statements.length === 0) return 0;
	const { d1 } = shard;
	const results = await d1.batch(statements.map((s) => prepare(d1, s)));
	const messages = dueMessages(
		shard.name,
		results.flatMap((r) => r.results as FannedOut[]),
	);
	await sendDeliveryMessages(queue, messages);
	return messages.length;
}
