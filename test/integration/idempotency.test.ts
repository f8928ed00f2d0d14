import { describe, expect, it } from "vitest";
import { DEV_CLIENT_ID } from "../../src/auth/api-keys";
import { runFirstAlarm, runUntil } from "../helpers/alarms";
import { call, json, newClient, passport, submit } from "../helpers/api";
import { d1VerificationCount } from "../helpers/inspect";
import { storedWithLegacyRequestHash } from "../helpers/scenarios";

const post = (body: unknown, key: string) => call("/api/verifications/", { body, headers: { "idempotency-key": key } });

describe("Idempotency-Key", () => {
	it("the same key with the same body returns the same verification, marked replayed", async () => {
		const body = passport(0, { last_name: "Same" });
		const first = await post(body, "idem-same");
		expect(first.status).toBe(202);
		expect(first.headers.get("idempotent-replayed")).toBeNull();
		const a = await json<{ id: string }>(first);
		await runFirstAlarm(a.id);
		const before = await d1VerificationCount();
		const second = await post(body, "idem-same");
		expect(second.status).toBe(202);
		expect(second.headers.get("idempotent-replayed")).toBe("true");
		expect((await json<{ id: string }>(second)).id).toBe(a.id);
		expect(await d1VerificationCount()).toBe(before);
	});

	it("the same key with the same body, its keys sent in another order (metadata included), is a replay", async () => {
		const body = { ...passport(0, { last_name: "Order" }), metadata: { plan: "gold", user: "u-17" } };
		const a = await json<{ id: string }>(await post(body, "idem-order"));
		const { metadata: _sent, ...rest } = body;
		const reordered = {
			metadata: { user: "u-17", plan: "gold" },
			...Object.fromEntries(Object.entries(rest).reverse()),
		};
		const again = await post(reordered, "idem-order");
		expect(again.status).toBe(202);
		expect(again.headers.get("idempotent-replayed")).toBe("true");
		expect((await json<{ id: string }>(again)).id).toBe(a.id);
	});

	it("a key stored before fingerprints were canonical still replays the request it was made with", async () => {
		const body = { ...passport(0, { last_name: "Legacy" }), metadata: { user: "u-18", plan: "gold" } };
		const a = await json<{ id: string }>(await post(body, "idem-legacy"));
		// What the release before stored: the validated body as serialized (schema order, metadata as sent).
		const { passport_number, last_name, date_of_birth, metadata } = body;
		await storedWithLegacyRequestHash(a.id, DEV_CLIENT_ID, { passport_number, last_name, date_of_birth, metadata });
		const again = await post(body, "idem-legacy");
		expect(again.headers.get("idempotent-replayed")).toBe("true");
		expect((await json<{ id: string }>(again)).id).toBe(a.id);
		expect((await post({ ...body, last_name: "Other" }, "idem-legacy")).status).toBe(422);
	});

	it("the same key with a different body is a 422", async () => {
		const body = passport(0, { last_name: "Diff" });
		expect((await post(body, "idem-diff")).status).toBe(202);
		const res = await post({ ...body, last_name: "Adeyemi" }, "idem-diff");
		expect(res.status).toBe(422);
		expect(await json(res)).toMatchObject({ code: "idempotency_key_reused" });
	});

	it("two concurrent requests with one key create exactly one verification", async () => {
		const before = await d1VerificationCount();
		const body = passport(0, { last_name: "Race" });
		const responses = await Promise.all(Array.from({ length: 5 }, () => post(body, "idem-race")));
		const bodies = await Promise.all(responses.map((r) => json<{ id: string }>(r)));
		expect(responses.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
		expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
		expect(await d1VerificationCount()).toBe(before + 1);
	});

	it("keys are scoped per client", async () => {
		const other = await newClient();
		const mine = await json<{ id: string }>(await post(passport(0), "idem-scope"));
		const theirs = await call("/api/verifications/", {
			body: passport(0),
			key: other.key,
			headers: { "idempotency-key": "idem-scope" },
		});
		expect(theirs.status).toBe(202);
		expect((await json<{ id: string }>(theirs)).id).not.toBe(mine.id);
	});

	it("an active verification of the same person is returned instead of a second lookup", async () => {
		const body = passport(5, { last_name: "Dup", reference: "first" });
		const a = await submit(body);
		const res = await call("/api/verifications/", { body: { ...body, last_name: "dup", reference: "second" } });
		expect(res.status).toBe(202);
		expect(res.headers.get("duplicate-of-active")).toBe("true");
		expect((await json<{ id: string }>(res)).id).toBe(a.id);
		// A different date of birth is a different person.
		const other = await submit({ ...body, date_of_birth: "1991-01-01" });
		expect(other.id).not.toBe(a.id);
	});

	it("after a final state a fresh attempt is allowed", async () => {
		const body = passport(1, { last_name: "Final" });
		const a = await submit(body);
		await runUntil(a.id, ["failed"]);
		const b = await submit(body);
		expect(b.id).not.toBe(a.id);
	});
});
