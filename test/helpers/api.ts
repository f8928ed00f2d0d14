import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import worker from "../../src/index";
import { type VerificationView } from "../../src/verification/view";
import { expectContract } from "./contract";

export const ADMIN_TOKEN = "test_admin_token_0123456789";
export const DEV_KEY = env.DEV_API_KEY;
const BASE = "https://kyc.test";

let defaultKey: string = DEV_KEY;

/** The key `call` sends when none is given: the dev key (test mode) unless a setup file picks another. */
export function useDefaultKey(key: string): void {
	defaultKey = key;
}

interface CallOptions {
	method?: string;
	body?: unknown;
	key?: string | null;
	headers?: Record<string, string>;
	rawBody?: BodyInit;
	/**
	 * The bindings the worker answers this call with, e.g. another key ring (as before or after a key rotation).
	 * Durable Objects and queue consumers keep the project's own.
	 */
	env?: Env;
}

/**
 * One HTTP call to the worker under test, its response checked against the OpenAPI document. `key: null` sends no
 * Authorization header.
 */
export async function call(path: string, opts: CallOptions = {}): Promise<Response> {
	const headers: Record<string, string> = { ...opts.headers };
	const key = opts.key === undefined ? defaultKey : opts.key;
	if (key !== null) headers.authorization = `Bearer ${key}`;
	let body: BodyInit | undefined = opts.rawBody;
	if (opts.body !== undefined) {
		body = JSON.stringify(opts.body);
		headers["content-type"] ??= "application/json";
	}
	const method = opts.method ?? (body === undefined ? "GET" : "POST");
	const res = opts.env
		? await worker.fetch(new Request(`${BASE}${path}`, { method, headers, body }), opts.env, createExecutionContext())
		: await exports.default.fetch(`${BASE}${path}`, { method, headers, body });
	// Every response the suite sees must be what the OpenAPI document promises (test/helpers/contract.ts).
	await expectContract(method, path, res, typeof body === "string" ? body : undefined);
	return res;
}

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
	return (await res.json()) as T;
}

/** A new client and its first API key (test mode unless asked), created through the admin API. */
export async function newClient(
	name = "Test client",
	mode: "test" | "live" = "test",
): Promise<{ id: string; key: string }> {
	const res = await call("/admin/clients/", { body: { name, mode }, key: ADMIN_TOKEN });
	expect(res.status).toBe(201);
	const body = await json<{ id: string; api_key: { key: string } }>(res);
	return { id: body.id, key: body.api_key.key };
}

let people = 0;

/**
 * A valid submission whose passport number ends in `lastDigit` (the sandbox outcome). Each call is a new
 * person, so duplicate protection never merges unrelated tests' submissions.
 */
export const passport = (lastDigit: number | string, extra: Record<string, unknown> = {}) => ({
	passport_number: `A${String(Date.now() % 1_000_000).padStart(6, "0")}${String(people++ % 100).padStart(2, "0")}${lastDigit}`,
	last_name: "Okafor",
	date_of_birth: "1990-04-15",
	...extra,
});

export async function submit(body: unknown, key?: string, headers?: Record<string, string>): Promise<VerificationView> {
	const res = await call("/api/verifications/", { body, key, headers });
	expect(res.status, await res.clone().text()).toBe(202);
	return json<VerificationView>(res);
}

export async function getView(id: string, key?: string): Promise<VerificationView> {
	const res = await call(`/api/verifications/${id}/`, { key });
	expect(res.status).toBe(200);
	return json<VerificationView>(res);
}
