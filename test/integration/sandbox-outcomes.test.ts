import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { type VerificationView } from "../../src/verification/view";
import { runUntil, stubOf } from "../helpers/alarms";
import { call, getView, json, passport, submit } from "../helpers/api";
import { passDeadline } from "../helpers/scenarios";

async function timeline(id: string): Promise<{ type: string; version: number; status_change: boolean }[]> {
	const res = await call(`/api/verifications/${id}/events/`);
	expect(res.status).toBe(200);
	return (await json<{ data: { type: string; version: number; status_change: boolean }[] }>(res)).data;
}

const statusTypes = async (id: string) =>
	(await timeline(id)).filter((e) => e.status_change).map((e) => e.type.slice(13));

async function retry(id: string, body?: unknown): Promise<VerificationView> {
	const res = await call(`/api/verifications/${id}/retry/`, body === undefined ? { method: "POST" } : { body });
	expect(res.status, await res.clone().text()).toBe(202);
	return json<VerificationView>(res);
}

describe("sandbox outcomes, end to end through HTTP and alarms", () => {
	it("0 → verified", async () => {
		const body = passport(0);
		const v = await submit(body);
		expect(v).toMatchObject({ status: "submitted", version: 1, object: "verification" });
		expect(v.passport).toEqual({ country: null, last3: body.passport_number.slice(-3) });
		const done = await runUntil(v.id, ["verified"]);
		expect(done.version).toBe(3);
		expect(done.result).toEqual({ passport_number: "match", last_name: "match", date_of_birth: "match" });
		expect(done.next_attempt_at).toBeNull();
		expect(await statusTypes(v.id)).toEqual(["submitted", "processing", "verified"]);
	});

	it("1 → failed, passport_not_found, not retryable; a retry is a 409", async () => {
		const v = await submit(passport(1));
		const done = await runUntil(v.id, ["failed", "verified"]);
		expect(done.status).toBe("failed");
		expect(done.last_error).toEqual({ code: "passport_not_found", message: expect.any(String), retryable: false });
		const res = await call(`/api/verifications/${v.id}/retry/`, { method: "POST" });
		expect(res.status).toBe(409);
		expect(res.headers.get("content-type")).toBe("application/problem+json");
		expect(await json(res)).toMatchObject({ code: "invalid_state", current_status: "failed" });
	});

	it("2 → requires_action; a retry with a different date_of_birth is verified", async () => {
		const v = await submit(passport(2));
		const action = await runUntil(v.id, ["requires_action", "verified"]);
		expect(action.status).toBe("requires_action");
		expect(action.required_action).toEqual({
			code: "date_of_birth_mismatch",
			message: expect.any(String),
			fields: ["date_of_birth"],
		});
		expect(action.result?.date_of_birth).toBe("mismatch");
		// The same date again is no correction.
		const same = await call(`/api/verifications/${v.id}/retry/`, { body: { date_of_birth: "1990-04-15" } });
		expect(same.status).toBe(422);
		expect(await json(same)).toMatchObject({
			code: "validation_failed",
			errors: [expect.objectContaining({ field: "date_of_birth" })],
		});
		const again = await retry(v.id, { date_of_birth: "1990-05-14" });
		expect(again).toMatchObject({ status: "submitted", version: 4, required_action: null });
		const done = await runUntil(v.id, ["verified", "requires_action"]);
		expect(done.status).toBe("verified");
		expect(await statusTypes(v.id)).toEqual([
			"submitted",
			"processing",
			"requires_action",
			"submitted",
			"processing",
			"verified",
		]);
	});

	it("3 → unavailable twice (visible while processing), then verified", async () => {
		const v = await submit(passport(3));
		// The first alarm starts processing and makes the first provider call.
		const waiting = await runUntil(v.id, ["processing"]);
		expect(waiting).toMatchObject({
			status: "processing",
			attempts: 1,
			last_error: { code: "provider_unavailable", retryable: true },
		});
		expect(waiting.next_attempt_at).not.toBeNull();
		expect(waiting.estimated_completion_at).not.toBeNull();
		const done = await runUntil(v.id, ["verified", "failed"]);
		expect(done).toMatchObject({ status: "verified", attempts: 3, last_error: null });
		const steps = (await timeline(v.id)).map((e) => e.type);
		// Two failed attempts, each asking both providers of test mode's pair (docs/providers.md): four failed calls.
		expect(steps.filter((t) => t === "verification.attempt_failed")).toHaveLength(4);
	});

	it("4 → unavailable on every attempt → failed retryable; a later retry is verified", async () => {
		const v = await submit(passport(4));
		const failed = await runUntil(v.id, ["failed", "verified"]);
		expect(failed.status).toBe("failed");
		expect(failed.attempts).toBe(4);
		expect(failed.last_error).toMatchObject({ code: "provider_unavailable", retryable: true });
		await retry(v.id);
		const done = await runUntil(v.id, ["verified", "failed"]);
		expect(done.status).toBe("verified");
	});

	it("5 → never decides → expired at the deadline; retry after expiry resubmits", async () => {
		const v = await submit(passport(5));
		await runUntil(v.id, ["processing"]);
		for (let i = 0; i < 3; i++) await runDurableObjectAlarm(stubOf(v.id));
		expect((await getView(v.id)).attempts).toBe(4);
		await passDeadline(v.id);
		const done = await runUntil(v.id, ["expired"]);
		expect(done.last_error).toMatchObject({ code: "verification_deadline_exceeded", retryable: true });
		const again = await retry(v.id);
		expect(again.status).toBe("submitted");
		expect(new Date(again.expires_at ?? 0).getTime()).toBeGreaterThan(Date.now());
	});

	it.each([6, 7, 8, 9])("%i → verified after a short delay (answered on a later poll)", async (digit) => {
		const v = await submit(passport(digit));
		const polling = await runUntil(v.id, ["processing"]);
		expect(polling).toMatchObject({ status: "processing", attempts: 1, last_error: null });
		const done = await runUntil(v.id, ["verified"]);
		expect(done.attempts).toBe(2);
	});

	it("requires_action expires at the action deadline", async () => {
		const v = await submit(passport(2));
		await runUntil(v.id, ["requires_action"]);
		await passDeadline(v.id);
		const done = await runUntil(v.id, ["expired"]);
		expect(done.last_error?.code).toBe("action_deadline_exceeded");
		expect(done.required_action).toBeNull();
	});
});
