import type { Client, WebhookDelivery } from "./api";

/** An endpoint's health as the console shows it, computed from its delivery log (the API keeps no such summary). */
export interface Health {
	/** Deliveries whose last attempt fell in the window: delivered / attempted; null when none was attempted. */
	successRate: number | null;
	succeeded: number;
	attempted: number;
	/** Attempted deliveries still retrying after a failed attempt. */
	retrying: number;
	lastSuccessAt: string | null;
	lastFailure: { at: string; error: string } | null;
	/** The log was longer than the console reads: the figures cover the newest deliveries only. */
	partial: boolean;
}

export const HEALTH_WINDOW_MS = 24 * 3600 * 1000;
const PAGE = 100;
const MAX_PAGES = 10;

/** Test pings are sent outside the pipeline and, as the API documents, never count towards an endpoint's health. */
const counts = (d: WebhookDelivery) => d.event_type !== "webhook.test" && d.attempts > 0 && d.last_attempt_at !== null;

const failedAttempt = (d: WebhookDelivery) =>
	d.status === "failed" || (d.status === "pending" && d.error_class !== null);

/** Health over the window ending at `now`, from deliveries newest first. */
export function summarize(deliveries: readonly WebhookDelivery[], now: number, partial = false): Health {
	const since = now - HEALTH_WINDOW_MS;
	let succeeded = 0;
	let attempted = 0;
	let retrying = 0;
	let lastSuccessAt: string | null = null;
	let lastFailure: Health["lastFailure"] = null;
	for (const d of deliveries) {
		if (!counts(d) || d.last_attempt_at === null) continue;
		const at = Date.parse(d.last_attempt_at);
		if (d.status === "succeeded" && (lastSuccessAt === null || at > Date.parse(lastSuccessAt)))
			lastSuccessAt = d.last_attempt_at;
		if (failedAttempt(d) && (lastFailure === null || at > Date.parse(lastFailure.at))) {
			lastFailure = { at: d.last_attempt_at, error: d.error ?? d.error_class ?? "failed" };
		}
		if (at < since) continue;
		attempted++;
		if (d.status === "succeeded") succeeded++;
		else if (d.status === "pending") retrying++;
	}
	return {
		successRate: attempted > 0 ? succeeded / attempted : null,
		succeeded,
		attempted,
		retrying,
		lastSuccessAt,
		lastFailure,
		partial,
	};
}

/**
 * Reads the delivery log newest first until it is older than the window (a delivery created earlier can still have
 * been attempted in it, so one more day of retries is read), at most MAX_PAGES pages.
 */
export async function endpointHealth(client: Client, endpointId: string, now = Date.now()): Promise<Health> {
	const oldest = now - 2 * HEALTH_WINDOW_MS;
	const all: WebhookDelivery[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const list = await client.webhookEndpoints.deliveries(endpointId, { limit: PAGE, starting_after: cursor });
		all.push(...list.data);
		const last = list.data[list.data.length - 1];
		if (!list.has_more || !list.next_cursor || !last || Date.parse(last.created_at) < oldest)
			return summarize(all, now);
		cursor = list.next_cursor;
	}
	return summarize(all, now, true);
}
