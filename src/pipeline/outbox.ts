import { type FaultTarget, fault } from "../crash-points";
import { describeError, log } from "../log";
import { type VerificationStore } from "../verification/store";
import { recordKeyId } from "../verification/stored";
import { sendDeliveryMessages } from "../webhooks/messages";
import { project } from "./projection";
import { clientShard } from "./stub";

const retryDelayMs = (failures: number) => Math.min(60_000, 1_000 * 2 ** failures);

/**
 * Drains the outbox: one D1 batch projects the current snapshot and the pending history, with a delivery row per
 * subscribed endpoint for each status change; then the deliveries that need their first attempt go to the
 * `deliveries` queue, and the drained revisions are marked so in one write. A failure anywhere leaves them pending
 * for the alarm to retry with backoff: every step is idempotent (revision-guarded upsert, insert-once history and
 * deliveries, a replay returns the deliveries never picked up, and a duplicate message is acked unsent). `object` is the Durable Object
 * draining it (the crash points between each write and the next abort it).
 */
export async function drainOutbox(
	store: VerificationStore,
	env: Env,
	now: number,
	object?: FaultTarget,
): Promise<boolean> {
	const pending = store.pendingOutbox();
	if (!pending) return true;
	const state = store.load();
	const meta = store.meta();
	if (!state || !meta) return true;
	const history = store.history(pending.from);
	let step = "d1_write_failed";
	try {
		const shard = await clientShard(env, state.clientId);
		const due = await project(shard, state, history, { keyId: recordKeyId(meta), blindIndex: meta.blindIndex }, now);
		fault("projection.written", object);
		step = "queue_send_failed";
		await sendDeliveryMessages(env.DELIVERIES_QUEUE, due);
		fault("queue.sent", object);
	} catch (e) {
		log("error", step === "d1_write_failed" ? "outbox.d1_failed" : "outbox.queue_failed", {
			verification_id: state.id,
			revision: state.revision,
			error: describeError(e),
		});
		store.failOutbox(pending.through, now + retryDelayMs(pending.failures), step);
		return false;
	}
	store.clearOutbox(pending.through);
	return true;
}
