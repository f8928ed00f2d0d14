import { sql } from "drizzle-orm";
import { loadConfig } from "../config";
import { fault } from "../crash-points";
import { database } from "../db/client";
import { idFloor } from "../ids";
import { log } from "../log";
import { toEventMessage } from "../verification/history";
import { type Status } from "../verification/types";

/** How far back each sweep looks; every lost event gets many sweeps to be found. */
const WINDOW_MS = 60 * 60_000;
const LIMIT = 200;
/** The Queues limit for one sendBatch call. */
export const MAX_SEND_BATCH = 100;

interface LostEvent {
	id: string;
	verification_id: string;
	client_id: string;
	livemode: number;
	type: string;
	version: number;
	status: Status;
	previous_status: Status | null;
	data: string;
	created_at: number;
	reference: string | null;
}

/**
 * Belt and braces for "nothing is lost": finds status changes projected to D1 that some subscribed endpoint
 * has no delivery row for once they are `SWEEP_LOST_EVENT_SECONDS` old (the `events` queue message was lost, e.g. a
 * runtime killed before consuming it) and queues them again. Fan-out is idempotent, so a false positive costs one
 * no-op message.
 */
export async function reconcileEvents(env: Env, now: number): Promise<number> {
	const { lostEventMs } = loadConfig(env).sweeps;
	const lost = (await database(env.DB).all<LostEvent>(sql`
		SELECT e.id, e.verification_id, e.client_id, e.livemode, e.type, e.version, e.status, e.previous_status, e.data, e.created_at,
		       v.reference
		FROM verification_events e JOIN verifications v ON v.id = e.verification_id
		WHERE e.id >= ${idFloor("evt", now - WINDOW_MS)} AND e.id < ${idFloor("evt", now - lostEventMs)}
		  AND e.status_change = 1
		  AND EXISTS (
		    SELECT 1 FROM webhook_endpoints w
		    WHERE w.client_id = e.client_id AND w.livemode = e.livemode AND w.created_at <= e.created_at
		      AND (w.event_types IS NULL OR instr(w.event_types, '"' || e.type || '"') > 0)
		      AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.endpoint_id = w.id AND d.event_id = e.id))
		ORDER BY e.id LIMIT ${LIMIT}`)) as LostEvent[];
	fault("cron.reconcile");
	if (lost.length === 0) return 0;
	const messages = lost.map((e) => ({
		body: toEventMessage(
			{
				id: e.id,
				verificationId: e.verification_id,
				clientId: e.client_id,
				livemode: e.livemode === 1,
				type: e.type,
				version: e.version,
				status: e.status,
				previousStatus: e.previous_status,
				data: JSON.parse(e.data) as Record<string, unknown>,
				createdAt: e.created_at,
			},
			e.reference,
		),
	}));
	// Queues takes at most 100 messages per sendBatch: a large loss is exactly when reconcile must not throw.
	for (let i = 0; i < messages.length; i += MAX_SEND_BATCH)
		await env.EVENTS_QUEUE.sendBatch(messages.slice(i, i + MAX_SEND_BATCH));
	log("warn", "reconcile.events_requeued", { count: lost.length });
	return lost.length;
}
