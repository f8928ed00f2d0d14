import { describe, expect, it } from "vitest";
import { call, json, passDeadline, passport, runUntil, submit } from "./helpers";

describe("sandbox outcomes end to end", () => {
	it("0 → verified", async () => {
		const v = await submit(passport(0));
		expect(v.status).toBe("submitted");
		expect(v.version).toBe(1);
		const done = await runUntil(v.id, ["verified"]);
		expect(done.version).toBe(3);
		expect(done.result).toEqual({ passport_number: "match", last_name: "match", date_of_birth: "match" });
		const events = await json<{ data: { type: string; version: number }[] }>(await call(`/api/verifications/${v.id}/events/`));
		expect(events.data.map((e) => e.type)).toEqual([
			"verification.submitted",
			"verification.processing",
			"verification.verified",
		]);
	});

	it("5 → expired at the deadline", async () => {
		const v = await submit(passport(5));
		await runUntil(v.id, ["processing"]);
		await passDeadline(v.id);
		const done = await runUntil(v.id, ["expired"]);
		expect(done.last_error?.code).toBe("verification_deadline_exceeded");
	});
});
