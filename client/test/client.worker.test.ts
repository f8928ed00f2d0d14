// The client against the real worker inside workerd: every call goes through `exports.default.fetch`, so what is
// tested is the client and the worker together, with nothing mocked between them.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runFirstAlarm } from "../../test/helpers/alarms";
import { ADMIN_TOKEN } from "../../test/helpers/api";
import {
	createClient,
	type FetchLike,
	KycApiError,
	type KycClient,
	type ResponseEvent,
	responseOf,
	type Verification,
	type VerificationRequest,
} from "../src/index.js";

const BASE_URL = "https://kyc.test";
const DEV_KEY = "kyc_test_devkey_0000000000000000000000000000";
const workerFetch: FetchLike = (input, init) => exports.default.fetch(input, init);

/** A client of the worker under test; `responses` records every attempt. */
function client(apiKey: string, responses: ResponseEvent[] = []): KycClient {
	return createClient({ apiKey, baseUrl: BASE_URL, fetch: workerFetch, onResponse: (e) => responses.push(e) });
}

/** A new account (admin API) with its own test key, so lists hold only what the test made. */
async function freshAccount(): Promise<string> {
	const res = await exports.default.fetch(`${BASE_URL}/admin/clients`, {
		method: "POST",
		headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
		body: JSON.stringify({ name: "Client package test", mode: "test" }),
	});
	expect(res.status).toBe(201);
	return ((await res.json()) as { api_key: { key: string } }).api_key.key;
}

let people = 0;
/** A valid submission whose last digit picks the sandbox outcome; a new person each call. */
const passport = (digit: number, extra: Partial<VerificationRequest> = {}): VerificationRequest => ({
	passport_number: `C${String(Date.now() % 1_000_000).padStart(6, "0")}${String(people++ % 100).padStart(2, "0")}${digit}`,
	last_name: "Okafor",
	date_of_birth: "1990-04-15",
	...extra,
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const item of items) out.push(item);
	return out;
}

describe("verifications through the client", () => {
	it("create → get → list and iterate across pages → retry → events", async () => {
		const responses: ResponseEvent[] = [];
		const kyc = client(await freshAccount(), responses);

		const created: Verification[] = [];
		// Digit 0 verifies when its clock moves; digit 5 never decides, so the alarms that workerd fires on its own
		// cannot make those two "verified" behind the test's back.
		for (let i = 0; i < 5; i++)
			created.push(await kyc.verifications.create(passport(i < 3 ? 0 : 5, { reference: `order-${i}` })));
		expect(created.map((v) => v.status)).toEqual(Array(5).fill("submitted"));
		expect(responseOf(created[0] as Verification)).toMatchObject({ status: 202, attempts: 1 });
		// The lists read D1, where a verification lands with its first alarm's drain.
		for (const v of created) await runFirstAlarm(v.id);

		const first = created[0] as Verification;
		const got = await kyc.verifications.get(first.id);
		expect(got).toMatchObject({ id: first.id, object: "verification", livemode: false, reference: "order-0" });

		const page = await kyc.verifications.list({ limit: 2 });
		expect(page).toMatchObject({ object: "list", has_more: true });
		expect(page.data).toHaveLength(2);

		responses.length = 0;
		const all = await collect(kyc.verifications.iterate({ limit: 2 }));
		expect(all.map((v) => v.id)).toEqual(created.map((v) => v.id).reverse()); // newest first, all five
		expect(responses.filter((r) => r.url.includes("/api/verifications?"))).toHaveLength(3); // 2 + 2 + 1

		// Three reach "verified" on their test clocks; the filter follows the cursor over two pages.
		for (const v of created.slice(0, 3)) expect((await kyc.test.advance(v.id, 10)).status).toBe("verified");
		const verified = await collect(kyc.verifications.iterate({ status: "verified", limit: 2 }));
		expect(verified.map((v) => v.id)).toEqual(
			created
				.slice(0, 3)
				.map((v) => v.id)
				.reverse(),
		);
		expect(await collect(kyc.verifications.iterate({ reference: "order-4" }))).toMatchObject([{ id: created[4]?.id }]);

		// requires_action → retry with a corrected date of birth → verified.
		const dob = await kyc.verifications.create(passport(2));
		const needs = await kyc.test.advance(dob.id, 5);
		expect(needs).toMatchObject({ status: "requires_action", required_action: { fields: ["date_of_birth"] } });
		const retried = await kyc.verifications.retry(dob.id, { date_of_birth: "1991-04-15" });
		expect(retried.status).toBe("submitted");
		expect(responseOf(retried)?.status).toBe(202);
		expect((await kyc.test.advance(dob.id, 10)).status).toBe("verified");

		const timeline = await kyc.verifications.events(dob.id, { limit: 2 });
		expect(timeline).toMatchObject({ object: "list", has_more: true });
		const types = (await collect(kyc.verifications.iterateEvents(dob.id, { limit: 2 }))).map((e) => e.type);
		expect(types[0]).toBe("verification.submitted");
		expect(types).toContain("verification.requires_action");
		expect(types.at(-1)).toBe("verification.verified");

		const feed = await collect(kyc.events.iterate({ limit: 5 }));
		const mine = feed.filter((e) => e.verification_id === dob.id);
		expect(mine.map((e) => e.version ?? 0).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(new Set(feed.map((e) => e.verification_id))).toEqual(new Set([...created.map((v) => v.id), dob.id]));

		const redacted = await kyc.verifications.redact(first.id);
		expect(redacted.redacted_at).not.toBeNull();
	});

	it("test.advance moves a digit-5 verification to expired at its deadline", async () => {
		const kyc = client(DEV_KEY);
		const v = await kyc.verifications.create(passport(5));
		expect((await kyc.test.advance(v.id, 60)).status).toBe("processing");
		const expired = await kyc.test.advance(v.id, 86_400);
		expect(expired).toMatchObject({
			id: v.id,
			status: "expired",
			last_error: { code: "verification_deadline_exceeded" },
		});
		expect((await kyc.verifications.get(v.id)).status).toBe("expired");
	});
});

describe("idempotency", () => {
	it("replays the same key and body, refuses the key with another body, and sends a fresh key by default", async () => {
		const kyc = client(DEV_KEY);
		const body = passport(0);
		const key = `client-test-${crypto.randomUUID()}`;
		const a = await kyc.verifications.create(body, { idempotencyKey: key });
		const b = await kyc.verifications.create(body, { idempotencyKey: key });
		expect(b.id).toBe(a.id);
		expect(responseOf(a)?.headers["idempotent-replayed"]).toBeUndefined();
		expect(responseOf(b)?.headers["idempotent-replayed"]).toBe("true");

		const reused = await kyc.verifications.create(passport(0), { idempotencyKey: key }).catch((e: unknown) => e);
		expect(reused).toBeInstanceOf(KycApiError);
		expect(reused).toMatchObject({ status: 422, code: "idempotency_key_reused" });

		// Without a key the client makes one per call: the same body again is the duplicate guard's answer, not a replay.
		const sent: string[] = [];
		const recording = createClient({
			apiKey: DEV_KEY,
			baseUrl: BASE_URL,
			fetch: (input, init) => {
				sent.push(init.headers["idempotency-key"] ?? "");
				return workerFetch(input, init);
			},
		});
		const c = await recording.verifications.create(passport(0));
		const d = await recording.verifications.create(passport(0));
		expect(c.id).not.toBe(d.id);
		expect(sent).toHaveLength(2);
		expect(sent[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(sent[1]).not.toBe(sent[0]);
	});
});

describe("errors as KycApiError", () => {
	it("404 is not_found with the request id, and is not retried", async () => {
		const responses: ResponseEvent[] = [];
		const kyc = client(DEV_KEY, responses);
		const error = await kyc.verifications.get("ver_01M89C2HAHJXT1F6CR9J1HN1BQ").catch((e: unknown) => e);
		expect(error).toBeInstanceOf(KycApiError);
		const e = error as KycApiError;
		expect(e).toMatchObject({ status: 404, code: "not_found", errors: [] });
		expect(e.requestId).toMatch(/^req_/);
		expect(e.requestId).toBe(responses[0]?.requestId);
		expect(e.problem).toMatchObject({ status: 404, code: "not_found", request_id: e.requestId });
		expect(responses).toHaveLength(1);
	});

	it("422 carries the field errors", async () => {
		const responses: ResponseEvent[] = [];
		const kyc = client(DEV_KEY, responses);
		const error = await kyc.verifications
			.create({ passport_number: "A1", last_name: "Okafor", date_of_birth: "2999-01-01" })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(KycApiError);
		const e = error as KycApiError;
		expect(e.status).toBe(422);
		expect(e.code).toBe("validation_failed");
		expect(e.errors.map((x) => x.field).sort()).toEqual(["date_of_birth", "passport_number"]);
		expect(e.fieldErrors("date_of_birth")).toHaveLength(1);
		expect(e.detail).toBeTruthy();
		expect(responses).toHaveLength(1);
	});

	it("401 for an unknown key; 409 invalid_state for an illegal retry", async () => {
		const bad = await client("kyc_test_not_a_real_key_000000000000000000000")
			.verifications.list()
			.catch((e: unknown) => e);
		expect(bad).toMatchObject({ status: 401, code: "unauthorized" });
		const kyc = client(DEV_KEY);
		const v = await kyc.verifications.create(passport(0));
		await kyc.test.advance(v.id, 10);
		const conflict = await kyc.verifications.retry(v.id).catch((e: unknown) => e);
		expect(conflict).toBeInstanceOf(KycApiError);
		expect(conflict).toMatchObject({ status: 409, code: "invalid_state" });
	});
});

describe("provider status through the client", () => {
	it("a test key sees the sandbox pair, in order, operational", async () => {
		const kyc = client(await freshAccount(), []);
		const status = await kyc.providerStatus.get();
		expect(status).toMatchObject({ object: "provider_status", livemode: false });
		expect(status.data.map((p) => [p.name, p.status])).toEqual([
			["sandbox", "operational"],
			["sandbox_backup", "operational"],
		]);
	});
});
