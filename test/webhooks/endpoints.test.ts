import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { pruneExpired } from "../../src/cron/prune";
import { MAX_ENDPOINTS_PER_CLIENT } from "../../src/webhooks/endpoints";
import { type call, json } from "../helpers/api";
import { d1Deliveries, d1Endpoint } from "../helpers/inspect";
import { deliveries } from "../helpers/webhooks-harness";
import { type Receiver, registerEndpoint, useMsw } from "../helpers/webhooks-receiver";
import {
	type Endpoint,
	emit as emitEvent,
	endpointsApi,
	freshWorld,
	type WebhookWorld,
} from "../helpers/webhooks-world";

useMsw();

let world: WebhookWorld;
let client: WebhookWorld["client"];
let receiver: Receiver;

beforeEach(async () => {
	world = await freshWorld(false);
	({ client, receiver } = world);
});

const api = (path: string, opts: Parameters<typeof call>[1] = {}) => endpointsApi(world, path, opts);
const emit = (type?: string) => emitEvent(world, type);

describe("creating, reading and listing endpoints", () => {
	it("returns the whsec_ secret once, stores it encrypted, and never shows it again", async () => {
		const res = await api("/", { body: { url: receiver.url, description: "Production receiver" } });
		expect(res.status).toBe(201);
		const created = await json<Endpoint>(res);
		expect(created).toMatchObject({
			id: expect.stringMatching(/^we_[0-9A-Z]{26}$/),
			object: "webhook_endpoint",
			url: receiver.url,
			description: "Production receiver",
			event_types: null,
			status: "enabled",
			previous_secret_expires_at: null,
		});
		expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
		const got = await json<Endpoint>(await api(`/${created.id}/`));
		expect(got).not.toHaveProperty("secret");
		const list = await json<{ data: Endpoint[] }>(await api("/"));
		expect(list.data.map((e) => e.id)).toEqual([created.id]);
		expect(list.data[0]).not.toHaveProperty("secret");
		const row = await d1Endpoint(created.id);
		expect(row?.secret.startsWith("v1.")).toBe(true);
		expect(row?.secret).not.toContain((created.secret ?? "").slice(6));
	});

	it.each([
		["no url", {}, "url"],
		["an unknown field", { url: "https://hooks.partner.example.com/x", secret: "whsec_mine" }, "secret"],
		[
			"an unknown event type",
			{ url: "https://hooks.partner.example.com/x", event_types: ["verification.deleted"] },
			"event_types.0",
		],
		["a long description", { url: "https://hooks.partner.example.com/x", description: "x".repeat(300) }, "description"],
	])("refuses %s with 422 and the field named", async (_name, body, field) => {
		const res = await api("/", { body });
		expect(res.status).toBe(422);
		expect(await json(res)).toMatchObject({ code: "validation_failed", errors: [expect.objectContaining({ field })] });
	});

	it("pages the list newest first", async () => {
		const a = await registerEndpoint(client.key, receiver);
		const b = await registerEndpoint(client.key, receiver);
		const first = await json<{ data: Endpoint[]; has_more: boolean; next_cursor: string }>(await api("/?limit=1"));
		expect(first).toMatchObject({ data: [{ id: b.id }], has_more: true, next_cursor: b.id });
		const second = await json<{ data: Endpoint[]; has_more: boolean }>(await api(`/?limit=1&starting_after=${b.id}`));
		expect(second).toMatchObject({ data: [{ id: a.id }], has_more: false });
	});

	it(`allows at most ${MAX_ENDPOINTS_PER_CLIENT} endpoints per client`, async () => {
		for (let i = 0; i < MAX_ENDPOINTS_PER_CLIENT; i++) await registerEndpoint(client.key, receiver);
		const res = await api("/", { body: { url: receiver.url } });
		expect(res.status).toBe(409);
		expect(await json(res)).toMatchObject({ code: "limit_exceeded" });
	});
});

describe("updating, filtering, disabling and deleting", () => {
	it("filters by event type and changes the filter with PATCH", async () => {
		const ep = await registerEndpoint(client.key, receiver, { event_types: ["verification.verified"] });
		await emit("verification.submitted");
		const verified = await emit("verification.verified");
		expect(receiver.received.map((r) => r.id)).toEqual([verified.id]);
		const res = await api(`/${ep.id}/`, { method: "PATCH", body: { event_types: null, description: "all events" } });
		expect(await json(res)).toMatchObject({ event_types: null, description: "all events" });
		await emit("verification.processing");
		expect(receiver.received.map((r) => r.body.type)).toEqual(["verification.verified", "verification.processing"]);
	});

	it("a disabled endpoint gets skipped deliveries and no requests; enabling resumes", async () => {
		const ep = await registerEndpoint(client.key, receiver);
		const disabled = await json<Endpoint>(await api(`/${ep.id}/disable/`, { method: "POST" }));
		expect(disabled).toMatchObject({ status: "disabled", disabled_reason: "Disabled through the API." });
		await emit();
		expect(receiver.requests).toBe(0);
		expect((await deliveries(client.key, ep.id))[0]).toMatchObject({
			status: "skipped",
			error_class: "endpoint_disabled",
		});
		expect(await json(await api(`/${ep.id}/enable/`, { method: "POST" }))).toMatchObject({
			status: "enabled",
			disabled_reason: null,
		});
		await emit();
		expect(receiver.received).toHaveLength(1);
	});

	it("deletes an endpoint at once for the API; its delivery log goes with the retention prune, in batches", async () => {
		const ep = await registerEndpoint(client.key, receiver);
		await emit();
		const res = await api(`/${ep.id}/`, { method: "DELETE" });
		expect(await json(res)).toEqual({ id: ep.id, object: "webhook_endpoint", deleted: true });
		expect((await api(`/${ep.id}/`)).status).toBe(404);
		// No event is owed to it any more.
		await emit();
		expect(await d1Deliveries(ep.id)).toHaveLength(1);
		await pruneExpired(env, Date.now());
		expect(await d1Deliveries(ep.id)).toHaveLength(0);
		expect(await d1Endpoint(ep.id)).toBeNull();
	});
});
