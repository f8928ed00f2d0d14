// Live failover end to end through the Durable Object, which asks its mode's providers as one chain (docs/providers.md).
import { runDurableObjectAlarm } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { useFakeProviders } from "../failover/fakes";
import { runUntil, stubOf } from "../helpers/alarms";
import { call, getView, json, newClient, passport, submit, useDefaultKey } from "../helpers/api";

const fakes = useFakeProviders();

beforeAll(async () => {
	useDefaultKey((await newClient("failover live", "live")).key);
});

const quiet = () => {
	vi.spyOn(console, "warn").mockImplementation(() => {});
	vi.spyOn(console, "error").mockImplementation(() => {});
};

describe("live failover end to end", () => {
	it("Interswitch down → Prembly decides the first attempt; provider and timeline say so", async () => {
		quiet();
		fakes.interswitch.configure({ mode: "500" });
		const v = await submit(passport(0));
		const done = await runUntil(v.id, ["verified", "failed", "requires_action"]);
		expect(done).toMatchObject({ status: "verified", provider: "prembly", attempts: 1, waiting_on: "nothing" });
		const events = await json<{ data: { type: string; data: Record<string, unknown> }[] }>(
			await call(`/api/verifications/${v.id}/events/`),
		);
		expect(events.data.map((e) => [e.type, e.data.provider ?? null])).toEqual([
			["verification.submitted", null],
			["verification.processing", null],
			["verification.attempt_failed", "interswitch"],
			["verification.verified", "prembly"],
		]);
	});

	it("Interswitch says not found → failed; Prembly never asked", async () => {
		fakes.interswitch.configure({ mode: "not_found" });
		const v = await submit(passport(0));
		expect(await runUntil(v.id, ["failed", "verified"])).toMatchObject({ status: "failed", provider: "interswitch" });
		expect(fakes.prembly.snapshot().counts.lookup).toBe(0);
	});

	it("both down → processing with last_error and next_attempt_at, then failed retryable at the attempt limit", async () => {
		quiet();
		fakes.interswitch.configure({ mode: "500" });
		fakes.prembly.configure({ mode: "503" });
		const v = await submit(passport(0));
		expect(await runDurableObjectAlarm(stubOf(v.id))).toBe(true);
		const waiting = await getView(v.id);
		expect(waiting).toMatchObject({
			status: "processing",
			waiting_on: "provider",
			attempts: 1,
			last_error: { code: "provider_unavailable", retryable: true },
		});
		expect(waiting.next_attempt_at).not.toBeNull();
		const failed = await runUntil(v.id, ["failed", "verified"]);
		expect(failed).toMatchObject({ status: "failed", last_error: { code: "provider_unavailable", retryable: true } });
	});

	it("Prembly's wallet empty is visible on GET /api/provider-status while Interswitch decides", async () => {
		quiet();
		fakes.interswitch.configure({ mode: "500", times: 1 });
		fakes.prembly.configure({ mode: "insufficient_funds" });
		const v = await submit(passport(0));
		const done = await runUntil(v.id, ["verified", "failed"]);
		// Attempt 1: both refuse → unavailable; attempt 2: Interswitch is back.
		expect(done).toMatchObject({ status: "verified", provider: "interswitch", attempts: 2 });
		const status = await json<{ data: { name: string; status: string; reason: string | null }[] }>(
			await call("/api/provider-status"),
		);
		expect(status.data.find((p) => p.name === "prembly")).toMatchObject({
			status: "down",
			reason: "provider_wallet_empty",
		});
	});
});
