import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEV_ADMIN_TOKEN, DEV_PII_KEY } from "../../src/config";
import { createApp } from "../../src/http/app";
import { ADMIN_TOKEN, call, DEV_KEY, json, newClient, passport } from "../helpers/api";

const REAL_PII_KEY = "cmVhbC1rZXktZm9yLXRlc3RzLW9ubHktMzItYnl0ZXM=";
const REAL_ADMIN = "a-real-operator-token-0123456789";

/** The same worker and bindings, under production settings (plus `vars`). */
function production(vars: Record<string, string | undefined>) {
	const app = createApp();
	const prodEnv = {
		...env,
		ENVIRONMENT: "production",
		ADMIN_TOKEN: REAL_ADMIN,
		PII_ENCRYPTION_KEY: REAL_PII_KEY,
		PROVIDER: "interswitch",
		INTERSWITCH_CLIENT_ID: "id",
		INTERSWITCH_CLIENT_SECRET: "secret",
		...vars,
	};
	return (path: string, init: { key?: string; body?: unknown; method?: string } = {}) =>
		app.request(
			`https://kyc.test${path}`,
			{
				method: init.method ?? (init.body === undefined ? "GET" : "POST"),
				headers: {
					...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
					...(init.body === undefined ? {} : { "content-type": "application/json" }),
				},
				body: init.body === undefined ? undefined : JSON.stringify(init.body),
			},
			prodEnv,
		);
}

/** The `config.invalid` lines logged while `fn` runs. */
async function configInvalidLogs(fn: () => Promise<void>): Promise<unknown[]> {
	const lines: unknown[] = [];
	vi.spyOn(console, "error").mockImplementation((line: unknown) => {
		if (typeof line === "string" && line.includes('"config.invalid"')) lines.push(JSON.parse(line));
	});
	await fn();
	return lines;
}

afterEach(() => vi.restoreAllMocks());

async function liveKey(): Promise<string> {
	const client = await newClient("Live");
	const res = await call(`/admin/clients/${client.id}/keys/`, { key: ADMIN_TOKEN, body: { mode: "live" } });
	return (await json<{ key: string }>(res)).key;
}

describe("production refuses to run unsafe", () => {
	it("the published dev key never works in production, even with its row in D1", async () => {
		expect((await call("/api/verifications/")).status).toBe(200); // seeds the dev client in development
		const res = await production({ DEV_API_KEY: DEV_KEY })("/api/verifications/", { key: DEV_KEY });
		expect(res.status).toBe(401);
	});

	it.each([
		["unset", undefined],
		["the dev default", DEV_ADMIN_TOKEN],
	])("ADMIN_TOKEN %s: operator routes answer 503 config.invalid, and the dev token is refused", async (_n, token) => {
		const logs = await configInvalidLogs(async () => {
			const res = await production({ ADMIN_TOKEN: token })("/admin/clients/", {
				key: DEV_ADMIN_TOKEN,
				body: { name: "x" },
			});
			expect(res.status).toBe(503);
			expect(res.headers.get("content-type")).toContain("application/problem+json");
		});
		expect(logs.length).toBeGreaterThan(0);
	});

	it("a real ADMIN_TOKEN works and the dev token does not", async () => {
		const app = production({});
		expect((await app("/admin/clients/", { key: REAL_ADMIN, body: { name: "Prod" } })).status).toBe(201);
		expect((await app("/admin/clients/", { key: DEV_ADMIN_TOKEN, body: { name: "Prod" } })).status).toBe(401);
	});

	it("the dev PII key: submissions are refused with 503", async () => {
		const client = await newClient("Prod test");
		const res = await production({ PII_ENCRYPTION_KEY: DEV_PII_KEY })("/api/verifications/", {
			key: client.key,
			body: passport(0),
		});
		expect(res.status).toBe(503);
	});

	it("a PII key that is not 32 bytes in base64: submissions are refused with 503, and it is logged", async () => {
		const client = await newClient("Prod short key");
		const logs = await configInvalidLogs(async () => {
			const res = await production({ PII_ENCRYPTION_KEY: "hunter2-hunter2-hunter2-hunter2-hunter2" })(
				"/api/verifications/",
				{ key: client.key, body: passport(0) },
			);
			expect(res.status).toBe(503);
			expect(await res.json()).toMatchObject({ code: "service_unavailable" });
		});
		expect(JSON.stringify(logs)).toContain("PII_ENCRYPTION_KEY is not 32 bytes in base64");
	});

	it("PROVIDER=sandbox: live keys answer 503 config.invalid; test keys keep working", async () => {
		const live = await liveKey();
		const test = await newClient("Test side");
		const app = production({ PROVIDER: "sandbox" });
		const logs = await configInvalidLogs(async () => {
			const res = await app("/api/verifications/", { key: live });
			expect(res.status).toBe(503);
			expect(await res.json()).toMatchObject({ code: "service_unavailable" });
		});
		expect(logs).toContainEqual(expect.objectContaining({ event: "config.invalid", mode: "live" }));
		expect((await app("/api/verifications/", { key: test.key })).status).toBe(200);
	});

	it("missing Interswitch credentials: live keys answer 503", async () => {
		const live = await liveKey();
		const res = await production({ INTERSWITCH_CLIENT_ID: undefined, INTERSWITCH_CLIENT_SECRET: undefined })(
			"/api/events/",
			{
				key: live,
			},
		);
		expect(res.status).toBe(503);
	});

	it("a malformed value: every route answers 503 problem+json and logs config.invalid", async () => {
		const logs = await configInvalidLogs(async () => {
			const res = await production({ ENVIRONMENT: "staging" })("/health");
			expect(res.status).toBe(503);
			expect(res.headers.get("content-type")).toContain("application/problem+json");
		});
		expect(logs).toEqual([expect.objectContaining({ event: "config.invalid" })]);
	});
});
