import { type Db } from "../db/client";
import { prepare, type Statement } from "../db/statement";
import { derivedId } from "../ids";
import { iso } from "../time";
import { dueMessages, type FannedOut, fanOutStatements } from "./fan-out";
import { sendDeliveryMessages } from "./messages";
import { type EndpointRow } from "./objects";
import { type EndpointEventType, type WebhookEvent } from "./payload";
import { DISABLE_AFTER_FAILING_MS } from "./retry-policy";

/**
 * The operational events (docs/webhooks.md, "Endpoint health events"): an endpoint's health told to the account's
 * other endpoints subscribed to them (the one fan-out leaves out the endpoint an event is about) and listed in the
 * feed. Each is a row of the events table marked `feed` (`verification_id` holds the endpoint's id; it has no
 * version or status) and its delivery rows, written in the same D1 batch as the change it reports, so neither is
 * without the other. Its id is derived from what it reports, so two consumers (or a retry) reporting the same change
 * write it once. Carries no personal data.
 */

/** An endpoint counts as failing once its attempts have all failed for this long… */
export const FAILING_AFTER_MS = 15 * 60_000;
/** …or this many attempts in a row. */
export const FAILING_AFTER_ATTEMPTS = 10;

/** Why an endpoint was disabled. */
export type DisabledReason = "failing" | "gone" | "partner";

const base = (e: EndpointRow) => ({ id: e.id, object: "webhook_endpoint", url: e.url, livemode: e.livemode });

/** An operational event about `e`, with its data; `key` names the change it reports (its id derives from it). */
async function endpointEvent(
	e: EndpointRow,
	type: EndpointEventType,
	key: number,
	data: Record<string, unknown>,
	now: number,
): Promise<WebhookEvent<Record<string, unknown>>> {
	const { livemode, ...about } = base(e);
	return {
		id: await derivedId("evt", now, `${e.id}:${type}:${key}`),
		type,
		timestamp: new Date(now).toISOString(),
		livemode,
		data: { ...about, ...data },
		about: e.id,
	};
}

/** Whether a failed attempt at `now` makes the endpoint count as failing (and it was not said yet). */
export const failingNow = (e: EndpointRow, now: number) =>
	e.failingEventAt === null &&
	e.disabledAt === null &&
	(e.failures + 1 >= FAILING_AFTER_ATTEMPTS || now - (e.failingSince ?? now) >= FAILING_AFTER_MS);

/** `webhook_endpoint.failing`: since when, the last error, and when it will be disabled if it goes on. */
export function failingEvent(
	e: EndpointRow,
	lastError: { errorClass: string | null; error: string | null; responseStatus: number | null },
	now: number,
) {
	const since = e.failingSince ?? now;
	return endpointEvent(
		e,
		"webhook_endpoint.failing",
		since,
		{
			failing_since: iso(since),
			failed_attempts: e.failures + 1,
			last_error: {
				error_class: lastError.errorClass,
				message: lastError.error,
				response_status: lastError.responseStatus,
			},
			disabled_at_the_latest: iso(since + DISABLE_AFTER_FAILING_MS),
		},
		now,
	);
}

/** `webhook_endpoint.recovered`: a failing endpoint (one `failing` was sent for) answered again. */
export const recoveredEvent = (e: EndpointRow, now: number) =>
	endpointEvent(
		e,
		"webhook_endpoint.recovered",
		e.failingSince ?? now,
		{
			failing_since: iso(e.failingSince),
			recovered_at: iso(now),
		},
		now,
	);

/** `webhook_endpoint.disabled`, with why. */
export const disabledEvent = (e: EndpointRow, reason: DisabledReason, detail: string, now: number) =>
	endpointEvent(
		e,
		"webhook_endpoint.disabled",
		e.updatedAt,
		{ reason, disabled_reason: detail, disabled_at: iso(now) },
		now,
	);

/** `webhook_endpoint.enabled`. */
export const enabledEvent = (e: EndpointRow, now: number) =>
	endpointEvent(e, "webhook_endpoint.enabled", e.updatedAt, { enabled_at: iso(now) }, now);

/** The event's row in the feed, inserted once by its id. */
const insertEvent = (e: EndpointRow, event: WebhookEvent<Record<string, unknown>>) => ({
	text: `INSERT INTO verification_events (id, verification_id, client_id, livemode, type, status_change, version, status,
	    previous_status, data, created_at, feed)
	  VALUES (?, ?, ?, ?, ?, 0, 0, '', NULL, ?, ?, 1) ON CONFLICT (id) DO NOTHING`,
	values: [
		event.id,
		e.id,
		e.clientId,
		e.livemode ? 1 : 0,
		event.type,
		JSON.stringify(event.data),
		Date.parse(event.timestamp),
	],
});

/** A drizzle statement the batch below runs as plain D1 (drizzle's batch cannot bind a raw statement's values). */
interface Built {
	toSQL(): { sql: string; params: unknown[] };
}

/** Where the deliveries of an operational event go: the main lane, naming the shard that holds their rows. */
export interface Notify {
	queue: Queue;
	shard: string;
}

/**
 * Runs `items` and the statements of `events` (their rows and their fan-out) in one D1 batch, then sends the
 * fan-out's messages on `notify`'s queue. A crash before that send leaves pending deliveries the overdue sweep sends. Returns
 * the rows each of `items` returned.
 */
export async function withEvents(
	db: Db,
	notify: Notify | undefined,
	items: Built[],
	events: WebhookEvent<Record<string, unknown>>[],
	e: EndpointRow,
): Promise<unknown[][]> {
	const d1 = db.$client;
	const fanOut = fanOutStatements({ clientId: e.clientId, livemode: e.livemode }, events, Date.now());
	const statements: Statement[] = [
		...items.map((i) => {
			const q = i.toSQL();
			return { text: q.sql, values: q.params };
		}),
		...events.map((ev) => insertEvent(e, ev)),
		...fanOut,
	];
	const results = await d1.batch(statements.map((s) => prepare(d1, s)));
	const fanned = results.slice(items.length + events.length).flatMap((r) => r.results as FannedOut[]);
	if (notify && fanned.length > 0) await sendDeliveryMessages(notify.queue, dueMessages(notify.shard, fanned));
	return results.slice(0, items.length).map((r) => r.results);
}
