/**
 * `Idempotency-Key` on state-changing requests other than a submission (src/http/middleware/idempotency.ts,
 * src/records/idempotent-requests.ts): run once, replay the answer for a day, refuse another request with the key.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../src/db/client";
import { idempotentRequests } from "../../src/db/schema";
import {
	ABANDONED_AFTER_MS,
	claimRequestKey,
	IDEMPOTENT_REQUEST_TTL_MS,
	pruneRequestKeys,
} from "../../src/records/idempotent-requests";
import { runUntil } from "../helpers/alarms";
import { call, json, newClient, passport, submit } from "../helpers/api";

const db = () => database(env.DB);

describe("Idempotency-Key on state-changing requests", () => {
	it("a retry replays its first answer, even once the verification moved on", async () => {
		const v = await submit(passport(4));
		await runUntil(v.id, ["failed"]);
		const retry = () =>
			call(`/api/verifications/${v.id}/retry/`, { method: "POST", headers: { "idempotency-key": "retry-4" } });
		const first = await retry();
		expect(first.status).toBe(202);
		const body = await json(first);
		// A later retry of digit 4 is verified: the replay still says what the first answer said.
		await runUntil(v.id, ["verified"]);
		const second = await retry();
		expect(second.status).toBe(202);
		expect(second.headers.get("idempotent-replayed")).toBe("true");
		expect(await json(second)).toEqual(body);
	});

	it("the key is scoped to the client and mode; the same key on another route is another request (422)", async () => {
		const a = await newClient("A");
		const b = await newClient("B");
		const va = await submit(passport(5), a.key);
		const vb = await submit(passport(5), b.key);
		const headers = { "idempotency-key": "shared-key" };
		expect((await call(`/api/verifications/${va.id}/cancel`, { method: "POST", key: a.key, headers })).status).toBe(
			200,
		);
		// Client B's first use of the same key runs its own request.
		expect((await call(`/api/verifications/${vb.id}/cancel`, { method: "POST", key: b.key, headers })).status).toBe(
			200,
		);
		const other = await call(`/api/verifications/${va.id}/retry`, { method: "POST", key: a.key, headers });
		expect(other.status).toBe(422);
		expect(await json(other)).toMatchObject({ code: "idempotency_key_reused" });
	});

	it("a key longer than 255 characters or with spaces is a 422 naming the header", async () => {
		const v = await submit(passport(5));
		for (const key of ["x".repeat(256), "has space"]) {
			const res = await call(`/api/verifications/${v.id}/cancel`, {
				method: "POST",
				headers: { "idempotency-key": key },
			});
			expect(res.status).toBe(422);
			expect(await json(res)).toMatchObject({
				code: "validation_failed",
				errors: [{ field: "header.idempotency-key" }],
			});
		}
	});

	it("while the first request runs a second is a 409; a claim abandoned for a minute is taken over", async () => {
		const client = await newClient("Racer");
		const account = { clientId: client.id, livemode: false };
		const now = Date.now();
		expect(await claimRequestKey(db(), account, "k1", "fp", now)).toEqual({ kind: "run" });
		expect(await claimRequestKey(db(), account, "k1", "fp", now + 1)).toEqual({ kind: "in_progress" });
		expect(await claimRequestKey(db(), account, "k1", "other", now + 1)).toEqual({ kind: "other_request" });
		expect(await claimRequestKey(db(), account, "k1", "fp", now + ABANDONED_AFTER_MS + 1)).toEqual({ kind: "run" });
	});

	it("keys go after a day, in bounded statements", async () => {
		const client = await newClient("Old keys");
		const now = Date.now();
		const old = now - IDEMPOTENT_REQUEST_TTL_MS - 1_000;
		for (let i = 0; i < 7; i++)
			await db()
				.insert(idempotentRequests)
				.values({ clientId: client.id, livemode: false, key: `old-${i}`, fingerprint: "f", createdAt: old + i });
		await db()
			.insert(idempotentRequests)
			.values({ clientId: client.id, livemode: false, key: "fresh", fingerprint: "f", createdAt: now });
		expect(await pruneRequestKeys(db(), now, 5)).toBe(5);
		expect(await pruneRequestKeys(db(), now, 5)).toBe(2);
		expect(await pruneRequestKeys(db(), now, 5)).toBe(0);
		const left = await db().select().from(idempotentRequests).all();
		expect(left.filter((r) => r.clientId === client.id).map((r) => r.key)).toEqual(["fresh"]);
	});
});
