import { beforeEach, describe, expect, it } from "vitest";
import { router } from "../../src/http/context";
import { registerWebhookDoc } from "../../src/http/routes/webhook-endpoints/webhook-event";
import { call, json, newClient } from "../helpers/api";
import { QueueSim } from "../helpers/webhooks-harness";
import { Receiver, registerEndpoint, useMsw } from "../helpers/webhooks-receiver";

useMsw();

let client: { id: string; key: string };
let receiver: Receiver;

beforeEach(async () => {
	new QueueSim().install();
	client = await newClient();
	receiver = new Receiver(client.id);
});

const api = (path: string, opts: Parameters<typeof call>[1] = {}) =>
	call(`/api/webhook-endpoints${path}`, { key: client.key, ...opts });

describe("tenancy and authentication", () => {
	const routes: [string, string, unknown][] = [
		["GET", "/{id}/", undefined],
		["PATCH", "/{id}/", { description: "mine now" }],
		["DELETE", "/{id}/", undefined],
		["POST", "/{id}/enable/", undefined],
		["POST", "/{id}/disable/", undefined],
		["POST", "/{id}/rotate-secret/", undefined],
		["POST", "/{id}/test/", undefined],
		["GET", "/{id}/deliveries/", undefined],
		["POST", "/{id}/recover/", { since: "2026-01-01T00:00:00Z" }],
	];

	it.each(routes)("%s %s on another client's endpoint is a 404, and changes nothing", async (method, path, body) => {
		const ep = await registerEndpoint(client.key, receiver);
		const other = await newClient("Other");
		const res = await call(`/api/webhook-endpoints${path.replace("{id}", ep.id)}`, { key: other.key, method, body });
		expect(res.status).toBe(404);
		expect(await json(res)).toMatchObject({ code: "not_found" });
		expect(receiver.requests).toBe(0);
		expect(await json(await api(`/${ep.id}/`))).toMatchObject({ status: "enabled", description: null });
	});

	it.each(routes)("%s %s without an API key is a 401", async (method, path, body) => {
		const res = await call(`/api/webhook-endpoints${path.replace("{id}", "we_01M89C2HAHJXT1F6CR9J1HN1BQ")}`, {
			key: null,
			method,
			body,
		});
		expect(res.status).toBe(401);
	});

	it("an id that is not an endpoint id is a 404", async () => {
		expect((await api("/ver_01M89C2HAHJXT1F6CR9J1HN1BQ/")).status).toBe(404);
	});

	it("the OpenAPI document describes every operation with named schemas", async () => {
		type Doc = {
			paths: Record<string, object>;
			webhooks: Record<string, object>;
			components: { schemas: Record<string, object> };
		};
		const doc = await json<Doc>(await call("/openapi.json", { key: null }));
		expect(
			Object.keys(doc.paths)
				.filter((p) => p.startsWith("/api/webhook-endpoints"))
				.sort(),
		).toEqual([
			"/api/webhook-endpoints",
			"/api/webhook-endpoints/{id}",
			"/api/webhook-endpoints/{id}/deliveries",
			"/api/webhook-endpoints/{id}/deliveries/{delivery_id}/resend",
			"/api/webhook-endpoints/{id}/disable",
			"/api/webhook-endpoints/{id}/enable",
			"/api/webhook-endpoints/{id}/recover",
			"/api/webhook-endpoints/{id}/rotate-secret",
			"/api/webhook-endpoints/{id}/test",
		]);
		for (const name of [
			"WebhookEndpoint",
			"WebhookEndpointWithSecret",
			"WebhookDelivery",
			"WebhookDeliveryList",
			"WebhookRecovery",
		]) {
			expect(doc.components.schemas).toHaveProperty(name);
		}
	});

	it("the webhook payload can be documented as an OpenAPI 3.1 webhook", () => {
		const app = router();
		registerWebhookDoc(app);
		const doc = app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "1" } });
		expect(doc.webhooks?.["verification-event"]?.post?.requestBody).toBeDefined();
		expect(doc.components?.schemas).toHaveProperty("WebhookEvent");
	});
});
