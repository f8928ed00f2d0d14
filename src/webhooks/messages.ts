/**
 * What travels on the webhook queues. The rows in D1 are the truth; a message only says "attempt this generation of
 * these deliveries now".
 */

/** Queue names, as declared in wrangler.toml; the `queue` handler dispatches on them. */
export const QUEUES = {
	deliveries: "kyc-deliveries",
	/** Deliveries to endpoints that are slow or failing, so they never hold up anyone else's. */
	deliveriesSlow: "kyc-deliveries-slow",
	deliveriesDead: "kyc-deliveries-dlq",
	/**
	 * Retired: the fan-out queue of earlier releases. Nothing sends to it any more; this release still consumes what
	 * an earlier one left there (src/webhooks/legacy-events-queue.ts). docs/deploying.md says when it can go.
	 */
	legacyEvents: "kyc-events",
	legacyEventsDead: "kyc-events-dlq",
} as const;

/** One delivery a message asks to attempt: its row, in the round (`generation`) the message was sent for. */
export interface DeliveryRef {
	deliveryId: string;
	generation: number;
}

/**
 * The message on the `deliveries` queues. A recovery bumps the generation, so older messages become no-ops. One
 * message carries a drain's deliveries to one endpoint: the first here, the rest in `more`, in event order.
 */
export interface DeliveryMessage extends DeliveryRef {
	/**
	 * The database holding its deliveries' rows (src/db/shards.ts). Absent in messages sent before shards: those rows
	 * are in the directory (`DB`).
	 */
	shard?: string;
	/** Further deliveries to the same endpoint, attempted after the first, in order. */
	more?: DeliveryRef[];
	/** Attempts of this round made before the message changed lanes (a new message counts from 1 again). */
	priorAttempts?: number;
	/** A throttled endpoint's slot (epoch ms) its first delivery already reserved (src/webhooks/throttle.ts). */
	slotAt?: number;
}

/**
 * The most deliveries one message carries (a drain with more status changes for an endpoint sends several): each is
 * one bound value of the statements that claim and record them (D1 binds at most 100), and they are POSTed in turn.
 */
export const MAX_DELIVERIES_PER_MESSAGE = 25;

/** The Queues limit for one `sendBatch` call. */
export const MAX_SEND_BATCH = 100;

/** The deliveries a message carries, in the order they are attempted. */
export const deliveriesOf = (m: DeliveryMessage): DeliveryRef[] => [
	{ deliveryId: m.deliveryId, generation: m.generation },
	...(m.more ?? []),
];

/** The message for `refs` (one endpoint's, in order; at least one). */
export function deliveryMessage(
	shard: string,
	refs: DeliveryRef[],
	priorAttempts?: number,
	slotAt?: number,
): DeliveryMessage {
	const [first, ...more] = refs;
	if (!first) throw new Error("a delivery message needs a delivery");
	return {
		shard,
		deliveryId: first.deliveryId,
		generation: first.generation,
		...(more.length > 0 ? { more } : {}),
		...(priorAttempts ? { priorAttempts } : {}),
		...(slotAt !== undefined ? { slotAt } : {}),
	};
}

/** Sends delivery messages in `sendBatch` calls of at most MAX_SEND_BATCH: a large batch is exactly when none may throw. */
export async function sendDeliveryMessages(queue: Queue, messages: DeliveryMessage[]): Promise<void> {
	for (let i = 0; i < messages.length; i += MAX_SEND_BATCH)
		await queue.sendBatch(messages.slice(i, i + MAX_SEND_BATCH).map((body) => ({ body })));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

const isDeliveryRef = (v: unknown): boolean =>
	isObject(v) && typeof v.deliveryId === "string" && Number.isInteger(v.generation);

/** Narrows a `deliveries` queue body. */
export function isDeliveryMessage(v: unknown): v is DeliveryMessage {
	return (
		isObject(v) &&
		isDeliveryRef(v) &&
		(v.shard === undefined || typeof v.shard === "string") &&
		(v.more === undefined ||
			(Array.isArray(v.more) && v.more.length < MAX_DELIVERIES_PER_MESSAGE && v.more.every(isDeliveryRef))) &&
		(v.priorAttempts === undefined || (Number.isInteger(v.priorAttempts) && (v.priorAttempts as number) >= 0)) &&
		(v.slotAt === undefined || Number.isInteger(v.slotAt))
	);
}

/**
 * The other message on the `deliveries` queues: the catch-up of one endpoint (src/webhooks/catch-up.ts), a probe
 * while it is failing or the release of its parked deliveries once it answered. `at` is the endpoint's `probe_at`
 * it was sent for: once that has moved on, the message is stale and acked unsent.
 */
export interface CatchUpMessage {
	catchUp: string;
	at: number;
	/** The database holding the endpoint's row (src/db/shards.ts). */
	shard: string;
}

/** Narrows a catch-up message. */
export const isCatchUpMessage = (v: unknown): v is CatchUpMessage =>
	isObject(v) && typeof v.catchUp === "string" && Number.isInteger(v.at) && typeof v.shard === "string";

/** The delivery statuses partners see. */
export const DELIVERY_STATUSES = ["pending", "succeeded", "failed", "skipped"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
