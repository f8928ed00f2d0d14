import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/http/app";
import { TRIGGER_TYPES } from "../../src/webhooks/samples";
import { runUntil } from "../helpers/alarms";
import { ADMIN_TOKEN, call, DEV_KEY, json, newClient, passport, submit } from "../helpers/api";
import { type Exchange, expectContract, servedContract, servedDocument } from "../helpers/contract";
import { shardFor } from "../helpers/shards";
import { deliveries } from "../helpers/webhooks-harness";
import { useMsw } from "../helpers/webhooks-receiver";
import { emit, freshWorld, type WebhookWorld } from "../helpers/webhooks-world";

// Every response `call()` sees is checked against the served document (test/helpers/contract.ts), and every
// payload a receiver gets against its `webhooks` entry. This file exercises each operation once, and shows the
// check rejecting what the document does not promise.
useMsw();

type Options = Parameters<typeof call>[1];
interface Answer {
	status: number;
	operationId: string | undefined;
}

/** One checked call, and the documented operation that answered it. */
async function answer(method: string, path: string, opts: Options = {}): Promise<Answer> {
	const res = await call(path, { ...opts, method });
	const route = (await servedContract()).route(method, path);
	return { status: res.status, operationId: route?.op.operationId };
}

/** An operation on a fresh client's registered endpoint (its receiver behind MSW). */
const onEndpoint =
	(
		method: string,
		path: (w: WebhookWorld) => string,
		opts: Options = {},
		before?: (w: WebhookWorld) => Promise<unknown>,
	) =>
	async () => {
		const w = await freshWorld();
		await before?.(w);
		return answer(method, path(w), { key: w.client.key, ...opts });
	};
const endpoint =
	(rest = "") =>
	(w: WebhookWorld) =>
		`/api/webhook-endpoints/${w.endpoint.id}/${rest}`;

/** A verification of `digit` (the sandbox outcome) once it reached `status`. */
async function settled(digit: number, status: string) {
	return runUntil((await submit(passport(digit))).id, [status]);
}

/** A fresh client's first key id. */
async function firstKey(): Promise<{ client: string; key: string }> {
	const c = await newClient();
	const keys = await json<{ data: { id: string }[] }>(await call(`/admin/clients/${c.id}/keys/`, { key: ADMIN_TOKEN }));
	return { client: c.id, key: keys.data[0]?.id ?? "" };
}

const OPERATIONS: [string, number, () => Promise<Answer>][] = [
	["getHealth", 200, () => answer("GET", "/health", { key: null })],
	["listErrors", 200, () => answer("GET", "/errors", { key: null })],
	["getError", 200, () => answer("GET", "/errors/provider_timeout", { key: null })],
	[
		"createVerification",
		202,
		() => answer("POST", "/api/verifications/", { body: passport(0, { reference: "user_8812" }) }),
	],
	["listVerifications", 200, () => answer("GET", "/api/verifications/?limit=2")],
	["getVerification", 200, async () => answer("GET", `/api/verifications/${(await submit(passport(0))).id}/`)],
	[
		"retryVerification",
		202,
		async () =>
			answer("POST", `/api/verifications/${(await settled(2, "requires_action")).id}/retry/`, {
				body: { date_of_birth: "1991-02-03" },
			}),
	],
	[
		"cancelVerification",
		200,
		async () => answer("POST", `/api/verifications/${(await submit(passport(5))).id}/cancel/`),
	],
	["redactVerification", 200, async () => answer("DELETE", `/api/verifications/${(await settled(0, "verified")).id}/`)],
	[
		"listVerificationEvents",
		200,
		async () => answer("GET", `/api/verifications/${(await settled(2, "requires_action")).id}/events/`),
	],
	["listEvents", 200, () => answer("GET", "/api/events/?limit=5")],
	["getProviderStatus", 200, () => answer("GET", "/api/provider-status")],
	[
		"createWebhookEndpoint",
		201,
		// A client of its own: an endpoint on the dev client would receive every later test's events for real.
		async () => {
			const { key } = await newClient();
			return answer("POST", "/api/webhook-endpoints/", { key, body: { url: "https://hooks.partner.example.com/c" } });
		},
	],
	["listWebhookEndpoints", 200, onEndpoint("GET", () => "/api/webhook-endpoints/")],
	["getWebhookEndpoint", 200, onEndpoint("GET", endpoint())],
	["updateWebhookEndpoint", 200, onEndpoint("PATCH", endpoint(), { body: { description: null } })],
	["deleteWebhookEndpoint", 200, onEndpoint("DELETE", endpoint())],
	["disableWebhookEndpoint", 200, onEndpoint("POST", endpoint("disable/"))],
	["enableWebhookEndpoint", 200, onEndpoint("POST", endpoint("enable/"))],
	["rotateWebhookEndpointSecret", 200, onEndpoint("POST", endpoint("rotate-secret/"), { body: { force: true } })],
	["testWebhookEndpoint", 200, onEndpoint("POST", endpoint("test/"))],
	[
		"listDeliveries",
		200,
		onEndpoint("GET", endpoint("deliveries/?status=succeeded"), {}, (w) => emit(w, "verification.verified")),
	],
	["recoverDeliveries", 202, onEndpoint("POST", endpoint("recover/"), { body: { since: new Date(0).toISOString() } })],
	[
		"resendDelivery",
		202,
		async () => {
			const w = await freshWorld();
			await emit(w);
			const [d] = await deliveries(w.client.key, w.endpoint.id);
			return answer("POST", endpoint(`deliveries/${d?.id}/resend/`)(w), { key: w.client.key });
		},
	],
	[
		"advanceTestClock",
		200,
		async () =>
			answer("POST", `/api/test/verifications/${(await submit(passport(5))).id}/advance`, {
				body: { seconds: 86_400 },
			}),
	],
	[
		"triggerTestEvent",
		200,
		onEndpoint("POST", (w) => `/api/test/webhook-endpoints/${w.endpoint.id}/trigger`, {
			body: { type: "verification.failed" },
		}),
	],
	[
		"createClient",
		201,
		() => answer("POST", "/admin/clients/", { key: ADMIN_TOKEN, body: { name: "Contract", mode: "live" } }),
	],
	[
		"issueApiKey",
		201,
		async () =>
			answer("POST", `/admin/clients/${(await newClient()).id}/keys/`, { key: ADMIN_TOKEN, body: { mode: "live" } }),
	],
	[
		"listApiKeys",
		200,
		async () => answer("GET", `/admin/clients/${(await newClient()).id}/keys/?limit=1`, { key: ADMIN_TOKEN }),
	],
	["reencryptStoredData", 200, () => answer("POST", "/admin/reencrypt", { key: ADMIN_TOKEN, body: { limit: 5 } })],
	["getCronStatus", 200, () => answer("GET", "/admin/cron/", { key: ADMIN_TOKEN })],
	[
		"moveClient",
		200,
		async () => {
			// A move to where the client already is: done at once (the move itself: test/integration/client-move.test.ts).
			const client = await newClient();
			const placed = await shardFor(client.id);
			return answer("POST", `/admin/clients/${client.id}/move`, { key: ADMIN_TOKEN, body: { to: placed.name } });
		},
	],
	[
		"revokeApiKey",
		200,
		async () => {
			const { client, key } = await firstKey();
			return answer("DELETE", `/admin/clients/${client}/keys/${key}/`, { key: ADMIN_TOKEN });
		},
	],
];

describe("every operation answers what the OpenAPI document promises", () => {
	it("the table below covers every operation in both documents, partners' and operators'", async () => {
		const docs = [await servedDocument(), await servedDocument("/admin/openapi.json")];
		const documented = docs.flatMap((doc) =>
			Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId)),
		);
		expect(OPERATIONS.map(([id]) => id).sort()).toEqual(documented.sort());
	});

	it.each(OPERATIONS)("%s answers %i, matching its schema", async (operationId, status, run) => {
		expect(await run()).toEqual({ operationId, status });
	});

	it("answers no test reaches through call() match too: 429 rate limited, 503 mis-configured", async () => {
		const app = createApp();
		const refusing: RateLimit = { limit: async () => ({ success: false }) };
		const init = { headers: { authorization: `Bearer ${DEV_KEY}` } };
		const limited = await app.request("/api/verifications/", init, { ...env, API_RATE_LIMITER_TEST: refusing });
		expect(limited.status).toBe(429);
		await expectContract("GET", "/api/verifications/", limited);
		vi.spyOn(console, "error").mockImplementation(() => {});
		const broken = await app.request("/health", {}, { ...env, PROVIDER_TIMEOUT_MS: "soon" });
		expect(broken.status).toBe(503);
		await expectContract("GET", "/health", broken);
	});

	it("every sample the trigger can send matches the document's webhooks section", async () => {
		const w = await freshWorld();
		for (const type of TRIGGER_TYPES) {
			const res = await call(`/api/test/webhook-endpoints/${w.endpoint.id}/trigger`, {
				key: w.client.key,
				body: { type },
			});
			expect(res.status).toBe(200);
		}
		const received = w.receiver.received.map((r) => r.body);
		expect(received.map((b) => b.type)).toEqual([...TRIGGER_TYPES]);
		const contract = await servedContract();
		expect(received.flatMap((b) => contract.checkWebhook(b))).toEqual([]);
	});
});

/** A real, valid answer of getVerification, to break in one way at a time. */
async function realVerification(): Promise<Exchange & { parsed: Record<string, unknown> }> {
	const v = await submit(passport(0));
	const path = `/api/verifications/${v.id}/`;
	const res = await call(path);
	const body = await res.text();
	return {
		method: "GET",
		path,
		status: 200,
		contentType: res.headers.get("content-type"),
		body,
		parsed: JSON.parse(body),
	};
}

describe("the contract check rejects what the document does not promise", () => {
	it("accepts the real answer it is given", async () => {
		const real = await realVerification();
		expect((await servedContract()).check(real)).toEqual([]);
	});

	it.each([
		[
			"a missing required field",
			(b: Record<string, unknown>) => ({ ...b, status: undefined }),
			/required property "status"/,
		],
		[
			"a wrong type",
			(b: Record<string, unknown>) => ({ ...b, version: "3" }),
			/#\/version: Instance type "string" is invalid/,
		],
		[
			"a value outside its enum",
			(b: Record<string, unknown>) => ({ ...b, status: "approved" }),
			/#\/status: Instance does not match any of/,
		],
		[
			"a bad date-time",
			(b: Record<string, unknown>) => ({ ...b, created_at: "yesterday" }),
			/#\/created_at: .*date-time/,
		],
		[
			"an undocumented field (say, leaked PII)",
			(b: Record<string, unknown>) => ({ ...b, passport_number: "A12345670" }),
			/#\/passport_number: not in the document/,
		],
	])("%s in a body", async (_name, breakIt, message) => {
		const real = await realVerification();
		const problems = (await servedContract()).check({ ...real, body: JSON.stringify(breakIt(real.parsed)) });
		expect(problems.join("\n")).toMatch(message);
	});

	it("a broken list item, through the list envelope's $ref", async () => {
		const contract = await servedContract();
		const body = JSON.stringify({ object: "list", data: [{ id: "ver_x" }], has_more: false, next_cursor: null });
		const problems = contract.check({
			method: "GET",
			path: "/api/verifications/?limit=1",
			status: 200,
			contentType: "application/json",
			body,
		});
		expect(problems.join("\n")).toMatch(/#\/data\/0/);
	});

	it.each([
		["an undocumented status", { status: 418 }, /status not documented/],
		["an undocumented content type", { contentType: "text/html" }, /answered text\/html/],
		["an empty body where one is documented", { body: "" }, /answered no body/],
		["a body that is not JSON", { body: "<html>" }, /not JSON/],
	])("%s", async (_name, change, message) => {
		const real = await realVerification();
		expect((await servedContract()).check({ ...real, ...change }).join("\n")).toMatch(message);
	});

	it("a problem body whose status is not the response's, and an undocumented 2xx under /api", async () => {
		const contract = await servedContract();
		const problem = { type: "t", title: "Not found", status: 400, code: "not_found", detail: "d", request_id: "req_1" };
		const answer = {
			method: "GET",
			path: "/api/verifications/ver_x/",
			status: 404,
			contentType: "application/problem+json",
		};
		expect(contract.check({ ...answer, body: JSON.stringify(problem) }).join("\n")).toMatch(
			/problem body says status 400/,
		);
		expect(
			contract.check({ ...answer, body: JSON.stringify({ ...problem, status: 404, code: "nope" }) }).join("\n"),
		).toMatch(/does not match any of/);
		const hidden = { method: "GET", path: "/api/secrets/", status: 200, contentType: "application/json", body: "{}" };
		expect(contract.check(hidden).join("\n")).toMatch(/no such operation/);
	});

	it("a request body the server accepted but the document rejects (the document is stricter than the server)", async () => {
		const v = await realVerification();
		const sent = JSON.stringify({ passport_number: "A12345670", last_name: "R2D2", date_of_birth: "1990-04-15" });
		const created = { ...v, method: "POST", path: "/api/verifications/", status: 202, requestBody: sent };
		expect((await servedContract()).check(created).join("\n")).toMatch(/accepted a request body[\s\S]*#\/last_name/);
		expect((await servedContract()).check({ ...created, status: 422, body: "" }).join("\n")).not.toMatch(
			/request body/,
		);
	});

	it("a webhook payload the webhooks section does not describe", async () => {
		const contract = await servedContract();
		const ping = {
			id: "evt_1",
			type: "webhook.test",
			timestamp: "2026-11-25T12:00:00.000Z",
			livemode: false,
			data: {},
		};
		expect(contract.checkWebhook(ping).join("\n")).toMatch(/endpoint_id/);
		const event = { ...ping, type: "verification.deleted", data: { id: "ver_1" } };
		expect(contract.checkWebhook(event).join("\n")).toMatch(/does not match any of/);
	});

	it("call() throws on a response that breaks the contract, so every test is a contract test", async () => {
		const bad = new Response(JSON.stringify({ status: "ok", extra: 1 }), {
			headers: { "content-type": "application/json" },
		});
		await expect(expectContract("GET", "/health", bad)).rejects.toThrow(
			/getHealth GET \/health → 200[\s\S]*#\/extra: not in the document/,
		);
	});
});
