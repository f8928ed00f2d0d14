import { loadConfig } from "../config";
import { database } from "../db/client";
import { DIRECTORY, shardDatabase } from "../db/shards";
import { describeError, log } from "../log";
import { ACK, type Decision, markExhausted } from "./attempt-log";
import { runCatchUp } from "./catch-up-run";
import { processDelivery, type Route } from "./dispatch";
import { drainLegacyEvent, isLegacyEventMessage } from "./legacy-events-queue";
import { deliveriesOf, isCatchUpMessage, isDeliveryMessage, QUEUES } from "./messages";
import { retryDelaySeconds } from "./retry-policy";

type Handler = (msg: Message) => Promise<Decision>;

/** Fan-out failures are infrastructure failures (D1, Queues): back off quickly, up to 5 minutes. */
const fanOutBackoff = (attempts: number) => Math.min(300, 5 * 2 ** Math.max(0, attempts - 1));

/** The retired `kyc-events` queues: what an earlier release left there is fanned out (legacy-events-queue.ts). */
function drainLegacy(batch: MessageBatch, env: Env, onError: (msg: Message) => number): Promise<void> {
	return settleEach(
		batch,
		async (msg) => {
			if (!isLegacyEventMessage(msg.body)) return poison(batch.queue, msg);
			await drainLegacyEvent(env, msg.body);
			return ACK;
		},
		onError,
	);
}

/**
 * Runs `handle` for every message of the batch concurrently (a slow endpoint must not hold up the others) and
 * applies its decision. Nothing escapes: an unexpected error is logged and the message retried after `onError`.
 */
async function settleEach(batch: MessageBatch, handle: Handler, onError: (msg: Message) => number): Promise<void> {
	await Promise.all(
		batch.messages.map(async (msg) => {
			let decision: Decision;
			try {
				decision = await handle(msg);
			} catch (e) {
				log("error", "queue.message_failed", {
					queue: batch.queue,
					message_id: msg.id,
					attempts: msg.attempts,
					error: describeError(e),
				});
				decision = { action: "retry", delaySeconds: onError(msg) };
			}
			if (decision.action === "ack") msg.ack();
			else msg.retry({ delaySeconds: decision.delaySeconds });
		}),
	);
}

/**
 * The database of a message's deliveries: the one it names, or the directory for a message from before shards. A
 * name this deployment does not bind throws (the message is retried, then dead-lettered), never dropped.
 */
const shardOfMessage = (m: { shard?: string }): string => m.shard ?? DIRECTORY;

/** A body no consumer can read will never become readable: log it loudly and drop it rather than loop. */
function poison(queue: string, msg: Message): Decision {
	log("error", "queue.poison_message", { queue, message_id: msg.id });
	return ACK;
}

/** Routes a queue batch to its consumer by queue name. Every message is acked or retried explicitly. */
export async function handleQueueBatch(batch: MessageBatch, env: Env): Promise<void> {
	const q = batch.queue;
	switch (q) {
		case QUEUES.legacyEvents:
			return drainLegacy(batch, env, (msg) => fanOutBackoff(msg.attempts));
		case QUEUES.legacyEventsDead:
			return drainLegacy(batch, env, () => 60);
		case QUEUES.deliveries:
		case QUEUES.deliveriesSlow: {
			const main = q === QUEUES.deliveries;
			const lane = {
				lane: main ? ("main" as const) : ("slow" as const),
				queue: main ? env.DELIVERIES_QUEUE : env.SLOW_DELIVERIES_QUEUE,
				mainLane: env.DELIVERIES_QUEUE,
				slowLane: env.SLOW_DELIVERIES_QUEUE,
			};
			return settleEach(
				batch,
				async (msg) => {
					if (!isDeliveryMessage(msg.body) && !isCatchUpMessage(msg.body)) return poison(q, msg);
					// Inside the handler, so a configuration error is retried like any other failure (parsed once, cached).
					const config = loadConfig(env);
					const shard = shardOfMessage(msg.body);
					if (isCatchUpMessage(msg.body)) {
						const db = database(shardDatabase(env, shard));
						return runCatchUp(db, config, { id: msg.id, body: msg.body }, { shard, ...lane });
					}
					const route: Route = { shard, ...lane };
					// Message fields are getters on a runtime class: copy them, do not spread.
					const attempt = { id: msg.id, attempts: msg.attempts, body: msg.body };
					return processDelivery(database(shardDatabase(env, shard)), config, attempt, route);
				},
				(msg) => retryDelaySeconds(msg.attempts),
			);
		}
		case QUEUES.deliveriesDead:
			return settleEach(
				batch,
				async (msg) => {
					// A catch-up message whose handler kept throwing: its endpoint's `probe_at` stays, so the sweep resends it.
					if (isCatchUpMessage(msg.body)) return ACK;
					if (!isDeliveryMessage(msg.body)) return poison(q, msg);
					const refs = deliveriesOf(msg.body);
					log("warn", "webhook.delivery_exhausted", { delivery_ids: refs.map((r) => r.deliveryId) });
					await markExhausted(database(shardDatabase(env, shardOfMessage(msg.body))), refs);
					return ACK;
				},
				() => 60,
			);
		default:
			// A queue bound to this worker by mistake: keep its messages (they reach its DLQ) rather than lose them.
			log("error", "queue.unknown", { queue: q, size: batch.messages.length });
			batch.retryAll();
	}
}
