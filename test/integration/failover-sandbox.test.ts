// Test-mode failover end to end through the Durable Object, which asks its mode's providers as one chain (docs/providers.md).
import { describe, expect, it } from "vitest";
import { runUntil } from "../helpers/alarms";
import { call, json, passport, submit } from "../helpers/api";

describe("test mode failover, end to end", () => {
	it("FAILOVER…0: sandbox_backup decides within one attempt; the timeline shows the failed call to sandbox", async () => {
		const v = await submit({ ...passport(0), passport_number: `FAILOVER${Date.now() % 100000}0` });
		const done = await runUntil(v.id, ["verified", "failed"]);
		expect(done).toMatchObject({ status: "verified", provider: "sandbox_backup", attempts: 1, waiting_on: "nothing" });
		const events = await json<{ data: { type: string; data: Record<string, unknown> }[] }>(
			await call(`/api/verifications/${v.id}/events/`),
		);
		expect(events.data.map((e) => [e.type, e.data.provider ?? null])).toEqual([
			["verification.submitted", null],
			["verification.processing", null],
			["verification.attempt_failed", "sandbox"],
			["verification.verified", "sandbox_backup"],
		]);
	});

	it("FAILOVER…6: pending at sandbox_backup, polled there, verified", async () => {
		const v = await submit({ ...passport(6), passport_number: `FAILOVER${Date.now() % 100000}6` });
		const done = await runUntil(v.id, ["verified", "failed"]);
		expect(done).toMatchObject({ status: "verified", provider: "sandbox_backup", attempts: 2 });
		const events = await json<{ data: { type: string }[] }>(await call(`/api/verifications/${v.id}/events/`));
		expect(events.data.filter((e) => e.type === "verification.attempt_failed")).toHaveLength(1);
	});
});
