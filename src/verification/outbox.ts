import { database } from "../db/client";
import { type FaultTarget, fault } from "../faults";
import { describeError, log } from "../log";
import { toEventMessage } from "./events";
import { project } from "./projection";
import type { VerificationStore } from "./store";

const retryDelayMs = (failures: number) => Math.min(60_000, 1_000 * 2 ** failures);

/**
 * Drains the outbox: projects the current snapshot and history into D1, then sends status-change events to the
 * `events` queue. Each half is marked done separately, so a retry repeats only what failed; both halves are
 * idempotent downstream (revision-guarded upsert, insert-once history, deliveries keyed by event id). `object` is
 * the Durable Object draining it (the crash points between each write and its mark abort it).
 */
export async function drainOutbox(store: VerificationStore, env: Env, now: number, object?: FaultTarget): Promise<boolean> {
	const pending = store.pendingOutbox();
	if (pending.length === 0) return true;
	const state = store.load();
	const meta = store.meta();
	if (!state || !meta) return true;
	const first = Math.min(...pending.map((p) => p.revision));
	const history = store.history(first);
	const failures = Math.max(...pending.map((p) => p.failures));
	const toProject = pending.filter((p) => !p.d1Done).map((p) => p.revision);
	if (toProject.length > 0) {
		try {
			const revs = new Set(toProject);
			await project(
				database(env.DB),
				state,
				history.filter((h) => revs.has(h.revision)),
				meta.blindIndex,
			);
			fault("projection.written", object);
			store.markOutbox(toProject, "d1_done");
		} catch (e) {
			log("error", "outbox.d1_failed", { verification_id: state.id, revision: state.revision, error: describeError(e) });
			store.failOutbox(toProject, now + retryDelayMs(failures), "d1_write_failed");
			return false;
		}
	}
	const toSend = pending.filter((p) => !p.queueDone).map((p) => p.revision);
	if (toSend.length > 0) {
		const revs = new Set(toSend);
		const events = history.filter((h) => h.statusChange && revs.has(h.revision));
		try {
			if (events.length > 0) {
				await env.EVENTS_QUEUE.sendBatch(events.map((h) => ({ body: toEventMessage(h, state.reference) })));
			}
			fault("queue.sent", object);
			store.markOutbox(toSend, "queue_done");
		} catch (e) {
			log("error", "outbox.queue_failed", { verification_id: state.id, error: describeError(e) });
			store.failOutbox(toSend, now + retryDelayMs(failures), "queue_send_failed");
			return false;
		}
	}
	return true;
}
