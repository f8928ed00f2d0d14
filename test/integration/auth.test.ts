import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { KEY_CACHE_TTL_MS } from "../../src/auth/api-keys";
import { runUntil } from "../helpers/alarms";
import { ADMIN_TOKEN, call, json, newClient, passport, submit } from "../helpers/api";
import { revokeKeyElsewhere } from "../helpers/scenarios";

const VER = "ver_01JD2X4R8B7Q0V3C5N6M9K1H2G";

/** Every client route, with a body where it needs one. `{id}` is replaced by a verification id. */
const clientRoutes: [string, string, unknown?][] = [
	["POST", "/api/verifications/", passport(0)],
	["GET", "/api/verifications/"],
	["GET", "/api/verifications/{id}/"],
	["POST", "/api/verifications/{id}/retry/", {}],
	["GET", "/api/verifications/{id}/events/"],
	["DELETE", "/api/verifications/{id}/"],
	["GET", "/api/events/"],
	["GET", "/api/provider-status"],
];

const adminRoutes: [string, string, unknown?][] = [
	["POST", "/admin/clients/", { name: "x" }],
	["POST", "/admin/clients/cli_01JD2X4R8B7Q0V3C5N6M9K1H2G/keys/"],
	["GET", "/admin/clients/cli_01JD2X4R8B7Q0V3C5N6M9K1H2G/keys/"],
	["DELETE", "/admin/clients/cli_01JD2X4R8B7Q0V3C5N6M9K1H2G/keys/key_01JD2X4R8B7Q0V3C5N6M9K1H2G/"],
];

const send = (method: string, path: string, body: unknown, key: string | null) =>
	call(path.replace("{id}", VER), { method, key, ...(body === undefined ? {} : { body }) });

let revokedKey = "";

afterEach(() => {
	vi.useRealTimers();
});

beforeAll(async () => {
	const client = await newClient("to revoke");
	const listed = await json<{ data: { id: string }[] }>(
		await call(`/admin/clients/${client.id}/keys/`, { key: ADMIN_TOKEN }),
	);
	const keyId = listed.data[0]?.id ?? "";
	const revoke = await call(`/admin/clients/${client.id}/keys/${keyId}/`, { method: "DELETE", key: ADMIN_TOKEN });
	expect(revoke.status).toBe(200);
	revokedKey = client.key;
});

describe.each(clientRoutes)("%s %s", (method, path, body) => {
	it.each([
		["no key", null],
		["a malformed header", "not-a-key"],
		["an unknown key", "kyc_test_unknownunknownunknownunknown00"],
		["a revoked key", "revoked"],
		["the admin token", ADMIN_TOKEN],
	])("401 with %s", async (_label, key) => {
		const res = await send(method, path, body, key === "revoked" ? revokedKey : key);
		expect(res.status).toBe(401);
		expect(res.headers.get("content-type")).toBe("application/problem+json");
		expect(res.headers.get("www-authenticate")).toContain("Bearer");
		expect(await json(res)).toMatchObject({ code: "unauthorized", status: 401 });
	});
});

describe.each(adminRoutes)("%s %s", (method, path, body) => {
	it.each([
		["no token", null],
		["a client API key", undefined],
		["a wrong token", "wrong_admin_token_0000000000"],
	])("401 with %s", async (_label, key) => {
		const res = await call(path, { method, key, ...(body === undefined ? {} : { body }) });
		expect(res.status).toBe(401);
	});
});

describe("tenant isolation", () => {
	it("another client's verification is a 404 on every route, and never appears in its lists", async () => {
		const owner = await newClient("owner");
		const intruder = await newClient("intruder");
		const v = await submit(passport(2, { reference: "owner-ref" }), owner.key);
		await runUntil(v.id, ["requires_action"], owner.key);
		for (const [method, path] of clientRoutes.filter(([, p]) => p.includes("{id}"))) {
			const res = await call(path.replace("{id}", v.id), {
				method,
				key: intruder.key,
				...(method === "POST" ? { body: { date_of_birth: "1991-01-01" } } : {}),
			});
			expect(res.status, `${method} ${path}`).toBe(404);
			expect(await json(res)).toMatchObject({ code: "not_found" });
		}
		const list = await json<{ data: unknown[] }>(
			await call("/api/verifications/?reference=owner-ref", { key: intruder.key }),
		);
		expect(list.data).toEqual([]);
		const feed = await json<{ data: { verification_id: string }[] }>(await call("/api/events/", { key: intruder.key }));
		expect(feed.data.filter((e) => e.verification_id === v.id)).toEqual([]);
		// The owner still sees it, untouched by the intruder's attempts.
		const mine = await json<{ status: string; version: number }>(
			await call(`/api/verifications/${v.id}/`, { key: owner.key }),
		);
		expect(mine).toMatchObject({ status: "requires_action", version: 3 });
	});

	it("a revoked key stops working at once in the isolate that revoked it, though it was cached there", async () => {
		const client = await newClient("revoke-now");
		expect((await call("/api/verifications/", { key: client.key })).status).toBe(200);
		const keys = await json<{ data: { id: string }[] }>(
			await call(`/admin/clients/${client.id}/keys/`, { key: ADMIN_TOKEN }),
		);
		await call(`/admin/clients/${client.id}/keys/${keys.data[0]?.id}/`, { method: "DELETE", key: ADMIN_TOKEN });
		expect((await call("/api/verifications/", { key: client.key })).status).toBe(401);
	});

	it("a key revoked by another isolate stops working here within the key cache's TTL", async () => {
		vi.useFakeTimers({ toFake: ["Date"] });
		const client = await newClient("revoke-elsewhere");
		const start = Date.now();
		expect((await call("/api/verifications/", { key: client.key })).status).toBe(200);
		await revokeKeyElsewhere(client.key);
		// The stated delay: this isolate still trusts what it looked up, until the TTL has passed.
		vi.setSystemTime(start + KEY_CACHE_TTL_MS - 1);
		expect((await call("/api/verifications/", { key: client.key })).status).toBe(200);
		vi.setSystemTime(start + KEY_CACHE_TTL_MS);
		expect((await call("/api/verifications/", { key: client.key })).status).toBe(401);
	});

	it("admin key listing shows prefixes only", async () => {
		const client = await newClient("prefixes");
		const issued = await json<{ key: string }>(
			await call(`/admin/clients/${client.id}/keys/`, { method: "POST", key: ADMIN_TOKEN }),
		);
		expect(issued.key).toMatch(/^kyc_test_[a-z0-9]{37}$/);
		const text = await (await call(`/admin/clients/${client.id}/keys/`, { key: ADMIN_TOKEN })).text();
		expect(text).not.toContain(issued.key);
		expect(text).not.toContain(client.key);
		expect(JSON.parse(text).data).toHaveLength(2);
	});
});
