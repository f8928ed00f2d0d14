import { sql } from "drizzle-orm";
import { loadConfig } from "../config";
import { fault } from "../crash-points";
import { database } from "../db/client";
import { idFloor } from "../ids";
import { log } from "../log";
import { type Account } from "../tenancy";
import { type Status } from "../verification/types";
import { fanOut, owedSql } from "../webhooks/fan-out";
import { toWebhookEvent, type WebhookEvent } from "../webhooks/payload";

/** How far back each sweep looks; every lost event gets many sweeps to be found. */
const WINDOW_MS = 60 * 60_000;
const LIMIT = 200;

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
 * Belt and braces for "nothing is lost": finds status changes projected to D1 that an endpoint they are owed to has
 * no delivery row for once they are `SWEEP_LOST_EVENT_SECONDS` old (the projection's batch writes the rows with the
 * events, so only an endpoint that batch did not see misses them), runs the one fan-out for them and queues what it
 * inserted. The fan-out is idempotent, so a false positive costs nothing but the statement. Returns how many status
 * changes it fanned out again.
 */
export async function reconcileEvents(env: Env, now: number): Promise<number> {
	const { lostEventMs } = loadConfig(env).sweeps;
	const lost = (await database(env.DB).all<LostEvent>(sql`
		SELECT e.id, e.verification_id, e.client_id, e.livemode, e.type, e.version, e.status, e.previous_status, e.data,
		       e.created_at, v.reference
		FROM verification_events e JOIN verifications v ON v.id = e.verification_id
		WHERE e.id >= ${idFloor("evt", now - WINDOW_MS)} AND e.id < ${idFloor("evt", now - lostEventMs)}
		  AND e.status_change = 1
		  AND EXISTS (
		    SELECT 1 FROM webhook_endpoints w
		    WHERE w.client_id = e.client_id AND w.livemode = e.livemode
		      AND ${sql.raw(owedSql("w", { createdAt: "e.created_at", type: "e.type" }))}
		      AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.endpoint_id = w.id AND d.event_id = e.id))
		ORDER BY e.id LIMIT ${LIMIT}`)) as LostEvent[];
	fault("cron.reconcile");
	if (lost.length === 0) return 0;
	await fanOut(env.DB, env.DELIVERIES_QUEUE, byAccount(lost).values(), now);
	log("warn", "reconcile.events_fanned_out", { count: lost.length });
	return lost.length;
}

/** The lost events as webhook payloads, grouped by the account they belong to (the fan-out runs per account). */
function byAccount(lost: LostEvent[]): Map<string, [Account, WebhookEvent[]]> {
	const accounts = new Map<string, [Account, WebhookEvent[]]>();
	for (const e of lost) {
		const key = `${e.client_id}:${e.livemode}`;
		const entry = accounts.get(key) ?? [{ clientId: e.client_id, livemode: e.livemode === 1 }, []];
		entry[1].push(
			toWebhookEvent(
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
		);
		accounts.set(key, entry);
	}
	return accounts;
}
