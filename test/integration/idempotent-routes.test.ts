/**
 * `Idempotency-Key` on every state-changing route under /api (src/http/middleware/idempotency.ts), one row each:
 * the same key and request replays the first answer with `Idempotent-Replayed: true`; the same key with another
 * request (another body, or another resource where the route takes no body) is a 422 `idempotency_key_reused`.
 * test/node/openapi-operations.test.ts holds every such route to declaring the header; this file to honouring it.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { idempotentRequests } from "../../src/db/schema";
import { runUntil } from "../helpers/alarms";
import { call, json, newClient, passport, submit } from "../helpers/api";
import { servedDocument } from "../helpers/contract";
import { clientDb } from "../helpers/shards";
import { deliveries } from "../helpers/webhooks-harness";
import { useMsw } from "../helpers/webhooks-receiver";
import { emit, freshWorld } from "../helpers/webhooks-world";

useMsw();

interface Request {
	method: "POST" | "PATCH" | "DELETE";
	path: string;
	body?: unknown;
}
/** The API key to act with, the request, and another request the same key must not stand for. */
interface Case {
	key?: string;
	first: Request;
	other: Request;
}

const NOBODY_VERIFICATION = "ver_01JD2X4R8B7Q0V3C5N6M9K1H2G";
const NOBODY_ENDPOINT = "we_01JD2X4R8B7Q0V3C5N6M9K1H2G";

/** A fresh client's endpoint, and a POST to one of its routes (`rest`), or the same to an unknown endpoint. */
async function onEndpoint(rest: string, bodies?: [unknown, unknown]): Promise<Case> {
	const w = await freshWorld();
	const path = (id: string) => `/api/webhook-endpoints/${id}/${rest}`;
	if (bodies)
		return {
			key: w.client.key,
			first: { method: "POST", path: path(w.endpoint.id), body: bodies[0] },
			other: { method: "POST", path: path(w.endpoint.id), body: bodies[1] },
		};
	return {
		key: w.client.key,
		first: { method: "POST", path: path(w.endpoint.id) },
		other: { method: "POST", path: path(NOBODY_ENDPOINT) },
	};
}

const ROUTES: [string, number, () => Promise<Case>][] = [
	[
		"retryVerification",
		202,
		async () => {
			const v = await runUntil((await submit(passport(2))).id, ["requires_action"]);
			const retry = (date_of_birth: string) => ({
				method: "POST" as const,
				path: `/api/verifications/${v.id}/retry`,
				body: { date_of_birth },
			});
			return { first: retry("1991-02-03"), other: retry("1991-02-04") };
		},
	],
	[
		"cancelVerification",
		200,
		async () => {
			const v = await submit(passport(5));
			return {
				first: { method: "POST", path: `/api/verifications/${v.id}/cancel` },
				other: { method: "POST", path: `/api/verifications/${NOBODY_VERIFICATION}/cancel` },
			};
		},
	],
	[
		"redactVerification",
		200,
		async () => {
			const v = await runUntil((await submit(passport(0))).id, ["verified"]);
			return {
				first: { method: "DELETE", path: `/api/verifications/${v.id}` },
				other: { method: "DELETE", path: `/api/verifications/${NOBODY_VERIFICATION}` },
			};
		},
	],
	[
		"createWebhookEndpoint",
		201,
		async () => {
			const { key } = await newClient();
			const create = (url: string) => ({ method: "POST" as const, path: "/api/webhook-endpoints", body: { url } });
			return {
				key,
				first: create("https://hooks.partner.example.com/a"),
				other: create("https://hooks.partner.example.com/b"),
			};
		},
	],
	[
		"updateWebhookEndpoint",
		200,
		async () => {
			const w = await freshWorld();
			const path = `/api/webhook-endpoints/${w.endpoint.id}`;
			return {
				key: w.client.key,
				first: { method: "PATCH", path, body: { description: "first" } },
				other: { method: "PATCH", path, body: { description: "second" } },
			};
		},
	],
	[
		"deleteWebhookEndpoint",
		200,
		async () => {
			const w = await freshWorld();
			return {
				key: w.client.key,
				first: { method: "DELETE", path: `/api/webhook-endpoints/${w.endpoint.id}` },
				other: { method: "DELETE", path: `/api/webhook-endpoints/${NOBODY_ENDPOINT}` },
			};
		},
	],
	["disableWebhookEndpoint", 200, () => onEndpoint("disable")],
	["enableWebhookEndpoint", 200, () => onEndpoint("enable")],
	["rotateWebhookEndpointSecret", 200, () => onEndpoint("rotate-secret", [{ force: true }, { force: false }])],
	["testWebhookEndpoint", 200, () => onEndpoint("test")],
	[
		"recoverDeliveries",
		202,
		() => onEndpoint("recover", [{ since: new Date(0).toISOString() }, { since: new Date(1).toISOString() }]),
	],
	[
		"resendDelivery",
		202,
		async () => {
			const w = await freshWorld();
			await emit(w);
			const [d] = await deliveries(w.client.key, w.endpoint.id);
			const path = (id: string) => `/api/webhook-endpoints/${w.endpoint.id}/deliveries/${id}/resend`;
			return {
				key: w.client.key,
				first: { method: "POST", path: path(d?.id ?? "") },
				other: { method: "POST", path: path(`${d?.id ?? ""}X`) },
			};
		},
	],
	[
		"advanceTestClock",
		200,
		async () => {
			const v = await submit(passport(5));
			const advance = (seconds: number) => ({
				method: "POST" as const,
				path: `/api/test/verifications/${v.id}/advance`,
				body: { seconds },
			});
			return { first: advance(60), other: advance(120) };
		},
	],
	[
		"triggerTestEvent",
		200,
		async () => {
			const w = await freshWorld();
			const trigger = (type: string) => ({
				method: "POST" as const,
				path: `/api/test/webhook-endpoints/${w.endpoint.id}/trigger`,
				body: { type },
			});
			return { key: w.client.key, first: trigger("verification.verified"), other: trigger("verification.failed") };
		},
	],
];

describe("Idempotency-Key on every state-changing route", () => {
	it("the table covers every POST, PATCH and DELETE of partners' document but a submission", async () => {
		const doc = await servedDocument();
		const writes = Object.values(doc.paths).flatMap((item) =>
			Object.entries(item)
				.filter(([method]) => ["post", "patch", "delete"].includes(method))
				.map(([, op]) => op.operationId),
		);
		// A submission keeps its key with its verification (test/integration/idempotency.test.ts).
		expect(ROUTES.map(([id]) => id).sort()).toEqual(writes.filter((id) => id !== "createVerification").sort());
	});

	it.each(ROUTES)("%s: the same request replays its answer (%i); another request is a 422", async (_, status, make) => {
		const { key, first, other } = await make();
		const headers = { "idempotency-key": `k-${crypto.randomUUID()}` };
		const send = (r: Request) => call(r.path, { method: r.method, body: r.body, key, headers });

		const original = await send(first);
		expect(original.status).toBe(status);
		expect(original.headers.get("idempotent-replayed")).toBeNull();
		const body = await json(original);

		const replayed = await send(first);
		expect(replayed.status).toBe(status);
		expect(replayed.headers.get("idempotent-replayed")).toBe("true");
		// The first answer, not a second run's (which would differ: a new id or secret, a 404 once deleted, ...).
		expect(await json(replayed)).toEqual(body);

		const reused = await send(other);
		expect(reused.status).toBe(422);
		expect(reused.headers.get("content-type")).toContain("application/problem+json");
		expect(await json(reused)).toMatchObject({ code: "idempotency_key_reused" });
	});

	it("a kept answer is sealed at rest: an endpoint's secret is replayed but not stored in the clear", async () => {
		const client = await newClient();
		const headers = { "idempotency-key": "sealed-create" };
		const create = () =>
			call("/api/webhook-endpoints", {
				key: client.key,
				headers,
				body: { url: "https://hooks.partner.example.com/sealed" },
			});
		const first = await json<{ secret: string; description: string | null }>(await create());
		expect(first.secret).toMatch(/^whsec_/);
		const kept = await (await clientDb(client.id))
			.select({ response: idempotentRequests.response })
			.from(idempotentRequests)
			.where(and(eq(idempotentRequests.clientId, client.id), eq(idempotentRequests.key, headers["idempotency-key"])))
			.get();
		expect(kept?.response).toMatch(/^v1\.[0-9a-f]{8}\./);
		expect(kept?.response).not.toContain(first.secret);
		expect(kept?.response).not.toContain("whsec_");
		expect((await json(await create())).secret).toBe(first.secret);
		// An answer kept before answers were sealed (plain JSON) is replayed as it is.
		const before = { ...first, description: "kept before sealing" };
		await (await clientDb(client.id))
			.update(idempotentRequests)
			.set({ response: JSON.stringify(before) })
			.where(and(eq(idempotentRequests.clientId, client.id), eq(idempotentRequests.key, headers["idempotency-key"])));
		expect(await json(await create())).toEqual(before);
	});

	it("without a key each request runs: two creates are two endpoints", async () => {
		const { key } = await newClient();
		const create = () =>
			call("/api/webhook-endpoints", { key, body: { url: "https://hooks.partner.example.com/twice" } });
		const [a, b] = [await json(await create()), await json(await create())];
		expect(a.id).not.toBe(b.id);
	});
});
