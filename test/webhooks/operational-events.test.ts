import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FAILING_AFTER_ATTEMPTS } from "../../src/webhooks/endpoint-events";
import { runUntil } from "../helpers/alarms";
import { call, json, passport, submit } from "../helpers/api";
import { fanOutEvents, statusEvent } from "../helpers/webhooks-harness";
import { Receiver, registerEndpoint, useMsw } from "../helpers/webhooks-receiver";
import { endpointsApi, freshWorld, type WebhookWorld } from "../helpers/webhooks-world";

useMsw();

interface FeedEvent {
	id: string;
	type: string;
	verification_id: string | null;
	endpoint_id: string | null;
	status_change: boolean;
	version: number | null;
	status: string | null;
	data: Record<string, unknown>;
}

/** The whole feed, as a poller with `starting_after` reads it. */
async function feed(key: string): Promise<FeedEvent[]> {
	const all: FeedEvent[] = [];
	for (;;) {
		const after = all.at(-1)?.id;
		const res = await call(`/api/events/?limit=100${after ? `&starting_after=${after}` : ""}`, { key });
		expect(res.status).toBe(200);
		const page = await json<{ data: FeedEvent[]; has_more: boolean }>(res);
		all.push(...page.data);
		if (!page.has_more) return all;
	}
}

/**
 * A world whose endpoint (`watched`) is the one the events are about, and two more endpoints of the same account:
 * `all` (no filter: every event) and `only` (subscribed to `types`).
 */
async function watchers(world: WebhookWorld, types: string[]) {
	const all = new Receiver(`${world.client.id}-all`);
	const only = new Receiver(`${world.client.id}-only`);
	await registerEndpoint(world.client.key, all);
	await registerEndpoint(world.client.key, only, { event_types: types });
	return { all, only };
}

const typesOf = (r: Receiver) => r.received.map((x) => x.body.type);

describe("operational events: told to the account's other endpoints, signed, and in the feed", () => {
	let world: WebhookWorld;

	beforeEach(async () => {
		world = await freshWorld();
	});

	afterEach(() => {
		vi.useRealTimers();
	});

	it("webhook_endpoint.failing after 10 failed attempts, then .recovered when it answers again", async () => {
		vi.useFakeTimers({ toFake: ["Date"] });
		const { all, only } = await watchers(world, ["webhook_endpoint.failing", "webhook_endpoint.recovered"]);
		world.receiver.downUntil = Number.POSITIVE_INFINITY;
		const events = Array.from({ length: 3 }, (_, i) => {
			vi.setSystemTime(Date.now() + 1);
			return statusEvent(i + 1);
		});
		await fanOutEvents(world.client.id, events);
		// Until both other endpoints have it (each gets its own message).
		const told = (type: string) => () => [all, only].every((r) => typesOf(r).includes(type));
		await world.sim.runInTime(told("webhook_endpoint.failing"));
		const failing = all.received.find((r) => r.body.type === "webhook_endpoint.failing");
		expect(failing?.body).toMatchObject({
			type: "webhook_endpoint.failing",
			livemode: false,
			data: {
				id: world.endpoint.id,
				object: "webhook_endpoint",
				url: world.receiver.url,
				failing_since: expect.any(String),
				failed_attempts: FAILING_AFTER_ATTEMPTS,
				last_error: { error_class: "http_error", message: "HTTP 503.", response_status: 503 },
				disabled_at_the_latest: expect.any(String),
			},
		});
		expect(world.receiver.received.map((r) => r.body.type)).not.toContain("webhook_endpoint.failing");

		world.receiver.downUntil = 0;
		await world.sim.runInTime(told("webhook_endpoint.recovered"));
		expect(typesOf(only)).toEqual(["webhook_endpoint.failing", "webhook_endpoint.recovered"]);
		const recovered = only.received[1]?.body;
		expect(recovered?.data).toMatchObject({ id: world.endpoint.id, failing_since: failing?.body.data.failing_since });
		// Said once each, to each of the other endpoints; never to the endpoint they describe.
		expect(typesOf(all).filter((t) => t.startsWith("webhook_endpoint."))).toEqual(typesOf(only));
		expect(typesOf(world.receiver).filter((t) => t.startsWith("webhook_endpoint."))).toEqual([]);
		vi.useRealTimers();
		const listed = (await feed(world.client.key)).filter((e) => e.type.startsWith("webhook_endpoint."));
		expect(listed.map((e) => [e.id, e.type, e.endpoint_id, e.verification_id, e.status_change, e.version])).toEqual([
			[failing?.id, "webhook_endpoint.failing", world.endpoint.id, null, false, null],
			[only.received[1]?.id, "webhook_endpoint.recovered", world.endpoint.id, null, false, null],
		]);
	});

	it("webhook_endpoint.disabled (by the partner) and .enabled, each once, with the reason", async () => {
		const { all, only } = await watchers(world, ["webhook_endpoint.disabled"]);
		expect((await endpointsApi(world, `/${world.endpoint.id}/disable/`, { method: "POST" })).status).toBe(200);
		expect((await endpointsApi(world, `/${world.endpoint.id}/disable/`, { method: "POST" })).status).toBe(200);
		expect((await endpointsApi(world, `/${world.endpoint.id}/enable/`, { method: "POST" })).status).toBe(200);
		await world.sim.drain();
		expect(typesOf(all)).toEqual(["webhook_endpoint.disabled", "webhook_endpoint.enabled"]);
		expect(typesOf(only)).toEqual(["webhook_endpoint.disabled"]);
		expect(all.received[0]?.body.data).toMatchObject({
			id: world.endpoint.id,
			reason: "partner",
			disabled_reason: "Disabled through the API.",
		});
		expect(world.receiver.received).toEqual([]);
		const listed = await feed(world.client.key);
		expect(listed.map((e) => [e.id, e.type, e.endpoint_id])).toEqual([
			[all.received[0]?.id, "webhook_endpoint.disabled", world.endpoint.id],
			[all.received[1]?.id, "webhook_endpoint.enabled", world.endpoint.id],
		]);
		// The feed's type filter takes them.
		const res = await call("/api/events/?type=webhook_endpoint.enabled", { key: world.client.key });
		expect((await json<{ data: FeedEvent[] }>(res)).data.map((e) => e.type)).toEqual(["webhook_endpoint.enabled"]);
	});

	it("webhook_endpoint.disabled with reason gone when the endpoint answers 410", async () => {
		const { all } = await watchers(world, ["webhook_endpoint.disabled"]);
		world.receiver.script = [410];
		await fanOutEvents(world.client.id, [statusEvent(1)]);
		await world.sim.drain();
		const disabled = all.received.find((r) => r.body.type === "webhook_endpoint.disabled");
		expect(disabled?.body.data).toMatchObject({ id: world.endpoint.id, reason: "gone" });
		expect((await feed(world.client.key)).map((e) => e.type)).toContain("webhook_endpoint.disabled");
	});
});

describe("verification.redacted: on the timeline, in the feed and sent, with when and why", () => {
	it("by DELETE (partner_request) and by the retention purge (retention)", async () => {
		const world = await freshWorld();
		const { only } = await watchers(world, ["verification.redacted"]);
		const key = world.client.key;
		const erased = await submit(passport(0), key);
		await runUntil(erased.id, ["verified"], key);
		expect((await call(`/api/verifications/${erased.id}/`, { key, method: "DELETE" })).status).toBe(200);
		const purged = await submit(passport(0), key);
		await runUntil(purged.id, ["verified"], key);
		// The test clock past the personal-data retention: the purge runs.
		const advanced = await call(`/api/test/verifications/${purged.id}/advance`, {
			key,
			body: { seconds: 40 * 86_400 },
		});
		expect(advanced.status).toBe(200);
		await runUntil(purged.id, ["verified"], key);
		await world.sim.drain();
		expect(only.received.map((r) => [r.body.type, r.body.data.id, r.body.data.reason])).toEqual([
			["verification.redacted", erased.id, "partner_request"],
			["verification.redacted", purged.id, "retention"],
		]);
		expect(only.received[0]?.body.data).toMatchObject({
			status: "verified",
			version: 3,
			redacted_at: expect.any(String),
		});
		// Every endpoint with no filter gets it too, the one the world registered first included.
		expect(typesOf(world.receiver)).toContain("verification.redacted");
		const listed = (await feed(key)).filter((e) => e.type === "verification.redacted");
		expect(listed.map((e) => [e.verification_id, e.status_change, e.data.reason])).toEqual([
			[erased.id, false, "partner_request"],
			[purged.id, false, "retention"],
		]);
		const timeline = await json<{ data: FeedEvent[] }>(await call(`/api/verifications/${erased.id}/events/`, { key }));
		expect(timeline.data.map((e) => e.type)).toContain("verification.redacted");
	});
});
