import { shardOfClient } from "../auth/directory";
import { database } from "../db/client";
import { shardOf } from "../db/shards";
import { fanOut } from "./fan-out";
import { type WebhookEvent } from "./payload";

/**
 * Retired with this release: the `kyc-events` queue (and its dead-letter queue), on which earlier releases sent one
 * message per status change for a consumer to fan out. Nothing sends to it any more; what an earlier release left
 * there (the reconcile sweep re-queued a status change minutes before the deploy) is fanned out here by the one
 * fan-out, so the deploy loses nothing. Delete this module, its two consumers in wrangler.toml and the queues in the
 * next release (docs/deploying.md, "Retiring the kyc-events queue").
 */

/** A message of the retired queue: one status change of one client, as its payload. */
interface LegacyEventMessage {
	clientId: string;
	event: WebhookEvent;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** Narrows a body of the retired queue; anything else is a poison message. */
export function isLegacyEventMessage(v: unknown): v is LegacyEventMessage {
	if (!isObject(v) || typeof v.clientId !== "string" || !isObject(v.event)) return false;
	const e = v.event;
	return (
		typeof e.id === "string" &&
		typeof e.type === "string" &&
		typeof e.timestamp === "string" &&
		typeof e.livemode === "boolean" &&
		isObject(e.data)
	);
}

/** Fans one left-over status change out (idempotent) and queues its deliveries' first attempts. */
export async function drainLegacyEvent(env: Env, msg: LegacyEventMessage, now = Date.now()): Promise<void> {
	const account = { clientId: msg.clientId, livemode: msg.event.livemode };
	const shard = await shardOfClient(database(env.DB), msg.clientId);
	// A client the directory no longer knows has no endpoints to owe the event to.
	if (shard === null) return;
	await fanOut(shardOf(env, shard), env.DELIVERIES_QUEUE, [[account, [msg.event]]], now);
}
