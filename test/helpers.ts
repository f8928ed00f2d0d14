import { env, listDurableObjectIds, runDurableObjectAlarm, runInDurableObject, SELF } from "cloudflare:test";
import { expect } from "vitest";
import type { VerificationView } from "../src/verification/view";

export const ADMIN_TOKEN = "test_admin_token_0123456789";
export const DEV_KEY = env.DEV_API_KEY;
const BASE = "https://kyc.test";

const touched = new Set<string>();

export interface CallOptions {
	method?: string;
	body?: unknown;
	key?: string | null;
	headers?: Record<string, string>;
	rawBody?: string;
}

/** One HTTP call to the worker under test. `key: null` sends no Authorization header. */
export async function call(path: string, opts: CallOptions = {}): Promise<Response> {
	const headers: Record<string, string> = { ...opts.headers };
	const key = opts.key === undefined ? DEV_KEY : opts.key;
	if (key !== null) headers.authorization = `Bearer ${key}`;
	let body: string | undefined = opts.rawBody;
	if (opts.body !== undefined) {
		body = JSON.stringify(opts.body);
		headers["content-type"] ??= "application/json";
	}
	return SELF.fetch(`${BASE}${path}`, { method: opts.method ?? (body === undefined ? "GET" : "POST"), headers, body });
}

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
	return (await res.json()) as T;
}

/** A new client and its first API key, created through the admin API. */
export async function newClient(name = "Test client"): Promise<{ id: string; key: string }> {
	const res = await call("/admin/clients/", { body: { name }, key: ADMIN_TOKEN });
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
	const view = await json<VerificationView>(res);
	touched.add(view.id);
	return view;
}

export const stubOf = (id: string) => {
	touched.add(id);
	return env.VERIFICATION.getByName(id);
};

export async function getView(id: string, key?: string): Promise<VerificationView> {
	const res = await call(`/api/verifications/${id}/`, { key });
	expect(res.status).toBe(200);
	return json<VerificationView>(res);
}

/**
 * Fires the verification's alarm until its status is one of `statuses` (alarms run at once, whatever their
 * scheduled time). Fails if the alarm chain stops first or takes more than `max` steps.
 */
export async function runUntil(id: string, statuses: string[], key?: string, max = 30): Promise<VerificationView> {
	const stub = stubOf(id);
	for (let i = 0; i < max; i++) {
		const view = await getView(id, key);
		if (statuses.includes(view.status)) return view;
		const ran = await runDurableObjectAlarm(stub);
		if (!ran) throw new Error(`no alarm pending while ${view.status}`);
	}
	throw new Error(`still not in ${statuses.join("|")} after ${max} alarms`);
}

/** Moves the stored deadlines of a verification into the past, as if time had passed. */
export async function passDeadline(id: string): Promise<void> {
	await runInDurableObject(stubOf(id), async (_instance, state) => {
		const row = state.storage.sql.exec<{ body: string }>("SELECT body FROM state WHERE id = 1").one();
		const s = JSON.parse(row.body) as { expiresAt: number };
		s.expiresAt = Date.now() - 1;
		state.storage.sql.exec("UPDATE state SET body = ? WHERE id = 1", JSON.stringify(s));
		await state.storage.setAlarm(Date.now());
	});
}

/** Deletes every verification's pending alarm, so none fires into the next test. */
export async function clearAlarms(): Promise<void> {
	for (const id of await listDurableObjectIds(env.VERIFICATION)) {
		await runInDurableObject(env.VERIFICATION.get(id), (_i, state) => state.storage.deleteAlarm());
	}
	touched.clear();
}
