import { describe, expect, it } from "vitest";
import { type VerificationView } from "../../src/verification/view";
import { call, json, newClient, passport, submit } from "../helpers/api";
import { verificationStorage } from "../helpers/inspect";

const DAY = 86_400;

async function advance(id: string, seconds: number, key?: string): Promise<Response> {
	return call(`/api/test/verifications/${id}/advance`, { body: { seconds }, key });
}

async function advanced(id: string, seconds: number, key?: string): Promise<VerificationView> {
	const res = await advance(id, seconds, key);
	expect(res.status, await res.clone().text()).toBe(200);
	return json<VerificationView>(res);
}

async function timeline(id: string, key?: string): Promise<string[]> {
	const res = await call(`/api/verifications/${id}/events/?limit=100`, { key });
	expect(res.status).toBe(200);
	return (await json<{ data: { type: string }[] }>(res)).data.map((e) => e.type);
}

describe("the test clock: POST /api/test/verifications/{id}/advance", () => {
	it("digit 5 expires once its clock passes the verification deadline, with the normal timeline", async () => {
		const v = await submit(passport(5));
		const before = await advanced(v.id, 60);
		expect(before.status).toBe("processing");
		const after = await advanced(v.id, DAY);
		expect(after.status).toBe("expired");
		expect(after.last_error?.code).toBe("verification_deadline_exceeded");
		const types = await timeline(v.id);
		expect(types[0]).toBe("verification.submitted");
		expect(types).toContain("verification.processing");
		expect(types.filter((t) => t === "verification.test_clock_advanced")).toHaveLength(2);
		expect(types.at(-1)).toBe("verification.expired");
		// Status changes stay one per version.
		expect(after.version).toBe(3);
	});

	it("requires_action expires at the action deadline", async () => {
		const v = await submit(passport(2));
		expect((await advanced(v.id, 5)).status).toBe("requires_action");
		expect((await advanced(v.id, 6 * DAY)).status).toBe("requires_action");
		const expired = await advanced(v.id, DAY + 60);
		expect(expired.status).toBe("expired");
		expect(expired.last_error?.code).toBe("action_deadline_exceeded");
	});

	it("runs backoff polls that fall due: digit 3 is unavailable twice, then verified", async () => {
		const v = await submit(passport(3));
		const done = await advanced(v.id, 120);
		expect(done.status).toBe("verified");
		expect(done.attempts).toBe(3);
		// Two failed attempts, each asking both sandboxes of the pair: four failed calls on the timeline.
		expect((await timeline(v.id)).filter((t) => t === "verification.attempt_failed")).toHaveLength(4);
	});

	it("runs the purge: personal data goes once retention has passed after a final state", async () => {
		const v = await submit(passport(0));
		expect((await advanced(v.id, 10)).status).toBe("verified");
		expect((await verificationStorage(v.id)).meta.pii).not.toBeNull();
		const purged = await advanced(v.id, 31 * DAY);
		expect(purged.redacted_at).not.toBeNull();
		expect(await timeline(v.id)).toContain("verification.redacted");
		expect((await verificationStorage(v.id)).meta.pii).toBeNull();
	});

	it("every poll due in the window ran: the next one is after it; the deadline itself does not move", async () => {
		const v = await submit(passport(5));
		const after = await advanced(v.id, 3_600);
		expect(after.status).toBe("processing");
		expect(Date.parse(after.next_attempt_at ?? "")).toBeGreaterThan(Date.parse(v.created_at) + 3_600_000);
		expect(after.attempts).toBeGreaterThan(1);
		expect(after.expires_at).toBe(v.expires_at);
	});

	it.each([
		[{ seconds: 0 }, "seconds"],
		[{ seconds: 1.5 }, "seconds"],
		[{ seconds: 500 * DAY }, "seconds"],
		[{}, "seconds"],
		[{ seconds: 10, extra: 1 }, "extra"],
	])("rejects %j with a 422 naming %s", async (body, field) => {
		const v = await submit(passport(5));
		const res = await call(`/api/test/verifications/${v.id}/advance`, { body });
		expect(res.status).toBe(422);
		const problem = await json<{ code: string; errors: { field: string }[] }>(res);
		expect(problem.code).toBe("validation_failed");
		expect(problem.errors.map((e) => e.field)).toContain(field);
	});

	it("another client's verification is a 404 and its clock does not move", async () => {
		const v = await submit(passport(5));
		const other = await newClient("Other");
		expect((await advance(v.id, DAY, other.key)).status).toBe(404);
		expect((await verificationStorage(v.id)).state.clockOffsetMs).toBe(0);
	});

	it("a live key gets a 404 problem: the helpers do not exist in live mode", async () => {
		const live = await newClient("Live", "live");
		const v = await submit(passport(5));
		const res = await advance(v.id, DAY, live.key);
		expect(res.status).toBe(404);
		expect(res.headers.get("content-type")).toContain("application/problem+json");
		expect((await verificationStorage(v.id)).state.clockOffsetMs).toBe(0);
	});
});
