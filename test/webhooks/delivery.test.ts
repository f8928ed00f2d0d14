import { HttpResponse, http } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import { MAX_DELIVERY_ATTEMPTS, MAX_QUEUE_DELAY_SECONDS, RETRY_LADDER_SECONDS } from "../../src/webhooks/retry-policy";
import { call, json } from "../helpers/api";
import { d1Endpoint } from "../helpers/inspect";
import { endpointFailingSince } from "../helpers/scenarios";
import { deliveries, type QueueSim } from "../helpers/webhooks-harness";
import { msw, type Receiver, useMsw } from "../helpers/webhooks-receiver";
import { oneDelivery as fanOutOne, freshWorld, type WebhookWorld } from "../helpers/webhooks-world";

useMsw();

describe("delivery consumer through createMessageBatch / getQueueResult: ladder, Retry-After, 410", () => {
	let world: WebhookWorld;
	let sim: QueueSim;
	let client: WebhookWorld["client"];
	let receiver: Receiver;
	let endpoint: WebhookWorld["endpoint"];

	beforeEach(async () => {
		world = await freshWorld();
		({ sim, client, receiver, endpoint } = world);
	});

	const oneDelivery = (queued = 1) => fanOutOne(world, queued);

	it("a receiver down for good: 12 attempts down the ladder, and the last one's failure marks the delivery failed", async () => {
		receiver.script = Array(MAX_DELIVERY_ATTEMPTS).fill(500);
		await oneDelivery();
		for (let attempt = 1; attempt < MAX_DELIVERY_ATTEMPTS; attempt++) {
			const result = await sim.runOnce("kyc-deliveries");
			expect(result?.retryMessages).toHaveLength(1);
			const [d] = await deliveries(client.key, endpoint.id);
			expect(d).toMatchObject({
				status: "pending",
				attempts: attempt,
				response_status: 500,
				error_class: "http_error",
			});
			const step = RETRY_LADDER_SECONDS[attempt - 1] ?? 0;
			const delay = result?.retryMessages[0]?.delaySeconds ?? -1;
			expect(delay).toBeGreaterThanOrEqual(Math.floor(step * 0.9));
			expect(delay).toBeLessThanOrEqual(step);
			expect(Date.parse(d?.next_attempt_at ?? "")).toBeGreaterThan(Date.now());
		}
		// The last attempt: its failure ends the delivery at once (no trip through the dead-letter queue).
		const last = await sim.runOnce("kyc-deliveries");
		expect(last?.explicitAcks).toHaveLength(1);
		expect(sim.size("kyc-deliveries")).toBe(0);
		expect(sim.size("kyc-deliveries-dlq")).toBe(0);
		const [d] = await deliveries(client.key, endpoint.id);
		expect(d).toMatchObject({ status: "failed", attempts: 12, response_status: 500, next_attempt_at: null });
		expect(receiver.requests).toBe(MAX_DELIVERY_ATTEMPTS);
		expect(receiver.received).toHaveLength(0);
	});

	it("a receiver failing its first 3 attempts gets the event on the 4th", async () => {
		receiver.script = [500, 502, 504];
		const msg = await oneDelivery();
		await sim.drain();
		expect(sim.retries.map((r) => r.attempts)).toEqual([1, 2, 3]);
		expect(receiver.received.map((r) => r.id)).toEqual([msg.id]);
		const [d] = await deliveries(client.key, endpoint.id);
		expect(d).toMatchObject({
			status: "succeeded",
			attempts: 4,
			response_status: 200,
			error_class: null,
			next_attempt_at: null,
		});
	});

	// Each answer is made when its test runs: a date taken when the table is collected has aged by then.
	it.each([
		["429 with Retry-After seconds", () => ({ status: 429, headers: { "retry-after": "120" } }), 120],
		[
			"503 with Retry-After as a date",
			() => ({ status: 503, headers: { "retry-after": new Date(Date.now() + 3_600_000).toUTCString() } }),
			3600,
		],
		[
			"429 asking for more than 12 h",
			() => ({ status: 429, headers: { "retry-after": "999999" } }),
			MAX_QUEUE_DELAY_SECONDS,
		],
	])("honours %s", async (_name, answer, expected) => {
		await oneDelivery();
		receiver.script = [answer()];
		const result = await sim.runOnce("kyc-deliveries");
		const delay = result?.retryMessages[0]?.delaySeconds ?? 0;
		expect(delay).toBeGreaterThanOrEqual(expected - 2);
		expect(delay).toBeLessThanOrEqual(expected);
	});

	it("ignores Retry-After on other statuses (a 500 follows the ladder)", async () => {
		receiver.script = [{ status: 500, headers: { "retry-after": "3000" } }];
		await oneDelivery();
		const result = await sim.runOnce("kyc-deliveries");
		expect(result?.retryMessages[0]?.delaySeconds).toBeLessThanOrEqual(5);
	});

	it("410 Gone disables the endpoint; later events are skipped until it is enabled and recovered", async () => {
		receiver.script = [410];
		await oneDelivery();
		const result = await sim.runOnce("kyc-deliveries");
		expect(result?.explicitAcks).toHaveLength(1);
		const ep = await json(await call(`/api/webhook-endpoints/${endpoint.id}/`, { key: client.key }));
		expect(ep).toMatchObject({ status: "disabled", disabled_reason: "The endpoint answered 410 Gone." });
		const second = await oneDelivery(0);
		expect(receiver.requests).toBe(1);
		const log = await deliveries(client.key, endpoint.id);
		expect(log.map((d) => [d.status, d.error_class, d.response_status])).toEqual([
			["skipped", "endpoint_disabled", null],
			["failed", "http_error", 410],
		]);
		expect(
			(await call(`/api/webhook-endpoints/${endpoint.id}/enable/`, { key: client.key, method: "POST" })).status,
		).toBe(200);
		const since = new Date(Date.now() - 60_000).toISOString();
		const rec = await call(`/api/webhook-endpoints/${endpoint.id}/recover/`, { key: client.key, body: { since } });
		expect(rec.status).toBe(202);
		expect(await json(rec)).toEqual({
			object: "webhook_recovery",
			recovered: 2,
			dry_run: false,
			until: expect.any(String),
			has_more: false,
			next_cursor: null,
		});
		await sim.drain();
		expect(receiver.received.map((r) => r.id).sort()).toEqual([second.id, expect.any(String)].sort());
		expect((await deliveries(client.key, endpoint.id)).every((d) => d.status === "succeeded")).toBe(true);
	});

	it("does not follow redirects: a 302 is a failed attempt and its Location is never requested", async () => {
		let followed = 0;
		msw.use(
			http.post("https://elsewhere.example.com/steal", () => {
				followed++;
				return HttpResponse.json({});
			}),
		);
		receiver.script = [{ status: 302, headers: { location: "https://elsewhere.example.com/steal" } }];
		await oneDelivery();
		const result = await sim.runOnce("kyc-deliveries");
		expect(result?.retryMessages).toHaveLength(1);
		expect(followed).toBe(0);
		const [d] = await deliveries(client.key, endpoint.id);
		expect(d).toMatchObject({ status: "pending", response_status: 302, error_class: "redirect" });
	});

	it("a network failure is retried and classified", async () => {
		msw.use(http.post(receiver.url, () => HttpResponse.error()));
		await oneDelivery();
		const result = await sim.runOnce("kyc-deliveries");
		expect(result?.retryMessages).toHaveLength(1);
		const [d] = await deliveries(client.key, endpoint.id);
		expect(d).toMatchObject({ status: "pending", response_status: null, error_class: "network_error", attempts: 1 });
	});

	it("an endpoint failing continuously for 5 days is disabled with a reason", async () => {
		receiver.script = [500];
		await oneDelivery();
		const fiveDaysAgo = Date.now() - 5 * 86_400_000 - 1000;
		await endpointFailingSince(endpoint.id, fiveDaysAgo);
		// A failing endpoint's deliveries are attempted on the slow lane: the main lane hands it over unsent.
		expect((await sim.runOnce("kyc-deliveries"))?.explicitAcks).toHaveLength(1);
		expect(receiver.requests).toBe(0);
		const result = await sim.runOnce("kyc-deliveries-slow");
		expect(result?.explicitAcks).toHaveLength(1);
		const ep = await json(await call(`/api/webhook-endpoints/${endpoint.id}/`, { key: client.key }));
		expect(ep).toMatchObject({ status: "disabled", disabled_reason: "Every delivery attempt failed for 5 days." });
		expect((await deliveries(client.key, endpoint.id))[0]?.status).toBe("failed");
	});

	it("a success ends the failure streak", async () => {
		receiver.script = [500];
		await oneDelivery();
		await sim.drain();
		const row = await d1Endpoint(endpoint.id);
		expect(row?.failingSince).toBeNull();
	});
});
