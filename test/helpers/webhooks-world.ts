import { expect } from "vitest";
import { call, newClient } from "./api";
import { fanOutEvents, QueueSim, statusEvent } from "./webhooks-harness";
import { Receiver, registerEndpoint } from "./webhooks-receiver";

/** An endpoint as the API returns it. */
export interface Endpoint {
	id: string;
	secret?: string;
	status: string;
	event_types: string[] | null;
	description: string | null;
	previous_secret_expires_at: string | null;
	disabled_reason: string | null;
}

/** A fresh client with its own receiver and simulated queues (and, unless told not to, a registered endpoint). */
export interface WebhookWorld {
	sim: QueueSim;
	client: { id: string; key: string };
	receiver: Receiver;
	endpoint: { id: string; secret: string };
}

export async function freshWorld(register = true): Promise<WebhookWorld> {
	const sim = new QueueSim().install();
	const client = await newClient();
	const receiver = new Receiver(client.id);
	const endpoint = register ? await registerEndpoint(client.key, receiver) : { id: "", secret: "" };
	return { sim, client, receiver, endpoint };
}

/** Fans one status change out for the world's client (the production fan-out), leaving its delivery message(s) queued. */
export async function oneDelivery(world: WebhookWorld, queued = 1) {
	const event = statusEvent();
	await fanOutEvents(world.client.id, [event]);
	expect(world.sim.size("kyc-deliveries")).toBe(queued);
	return event;
}

/** Sends one status change for the client through the production fan-out and delivery. */
export async function emit(world: WebhookWorld, type = "verification.submitted") {
	const event = statusEvent(1, type);
	await fanOutEvents(world.client.id, [event]);
	await world.sim.drain();
	return event;
}

/** Calls the webhook-endpoints API as the world's client. */
export const endpointsApi = (world: WebhookWorld, path: string, opts: Parameters<typeof call>[1] = {}) =>
	call(`/api/webhook-endpoints${path}`, { key: world.client.key, ...opts });
