import { describe, expect, it } from "vitest";
import { type VerificationView } from "../../src/verification/view";
import { runFirstAlarm, runUntil } from "../helpers/alarms";
import { call, json, newClient, passport, submit } from "../helpers/api";
import { d1Events } from "../helpers/inspect";

const cancel = (id: string, opts: { key?: string; idempotencyKey?: string } = {}) =>
	call(`/api/verifications/${id}/cancel/`, {
		method: "POST",
		key: opts.key,
		headers: opts.idempotencyKey ? { "idempotency-key": opts.idempotencyKey } : {},
	});

/** A verification brought to `status` (digit 5 never decides; digit 2 asks for action; 0 verifies; 1 fails). */
async function inStatus(status: string, key?: string): Promise<VerificationView> {
	const digit = { submitted: 5, processing: 5, requires_action: 2, verified: 0, failed: 1, expired: 5 }[status];
	const v = await submit(passport(digit ?? 0), key);
	if (status === "submitted") return v;
	if (status === "expired") {
		await runFirstAlarm(v.id);
		const res = await call(`/api/test/verifications/${v.id}/advance`, { key, body: { seconds: 86_400 } });
		return json<VerificationView>(res);
	}
	return runUntil(v.id, [status], key);
}

describe("POST /api/verifications/{id}/cancel/", () => {
	it.each(["submitted", "processing", "requires_action"])("from %s → failed, canceled, not retryable", async (from) => {
		const v = await inStatus(from);
		expect(v.status).toBe(from);
		const res = await cancel(v.id);
		expect(res.status).toBe(200);
		const canceled = await json<VerificationView>(res);
		expect(canceled).toMatchObject({
			status: "failed",
			version: v.version + 1,
			last_error: { code: "canceled", retryable: false },
			required_action: null,
			waiting_on: "nothing",
		});
		// One status change: verification.failed, with its webhook's data, in the timeline and the feed.
		await runUntil(v.id, ["failed"]);
		const changes = (await d1Events(v.id)).filter((e) => e.statusChange && e.version === canceled.version);
		expect(changes.map((e) => [e.type, e.previousStatus])).toEqual([["verification.failed", from]]);
		// Final: no retry, no second cancel.
		expect((await call(`/api/verifications/${v.id}/retry/`, { method: "POST" })).status).toBe(409);
		const again = await cancel(v.id);
		expect(again.status).toBe(409);
		expect(await json(again)).toMatchObject({ code: "invalid_state", current_status: "failed" });
	});

	it.each(["verified", "failed", "expired"])("from %s is a 409 naming the status", async (from) => {
		const v = await inStatus(from);
		const res = await cancel(v.id);
		expect(res.status).toBe(409);
		expect(res.headers.get("content-type")).toContain("application/problem+json");
		expect(await json(res)).toMatchObject({ code: "invalid_state", current_status: from });
	});

	it("another account's verification, an unknown id and a malformed id are 404", async () => {
		const v = await inStatus("processing");
		const other = await newClient("Other");
		expect((await cancel(v.id, { key: other.key })).status).toBe(404);
		const live = await newClient("Live", "live");
		expect((await cancel(v.id, { key: live.key })).status).toBe(404);
		expect((await cancel("ver_01M89C2HAHJXT1F6CR9J1HN1BQ")).status).toBe(404);
		expect((await cancel("nope")).status).toBe(404);
	});

	it("honours Idempotency-Key: the same key replays the first answer; another request with it is a 422", async () => {
		const v = await inStatus("processing");
		const first = await cancel(v.id, { idempotencyKey: "cancel-once" });
		expect(first.status).toBe(200);
		expect(first.headers.get("idempotent-replayed")).toBeNull();
		const body = await json(first);
		const replay = await cancel(v.id, { idempotencyKey: "cancel-once" });
		expect(replay.status).toBe(200);
		expect(replay.headers.get("idempotent-replayed")).toBe("true");
		expect(await json(replay)).toEqual(body);
		// Without the key the same call is a 409: the verification is canceled already.
		expect((await cancel(v.id)).status).toBe(409);
		const w = await inStatus("processing");
		const reused = await cancel(w.id, { idempotencyKey: "cancel-once" });
		expect(reused.status).toBe(422);
		expect(await json(reused)).toMatchObject({ code: "idempotency_key_reused" });
	});
});
