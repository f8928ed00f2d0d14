import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { tokenCacheStats } from "../../src/providers/interswitch/token-cache";
import { clearAlarms, stubOf } from "../helpers/alarms";
import { call, getView, json, passport, submit } from "../helpers/api";
import { until } from "../helpers/wait";
import { useFakeInterswitch } from "./fake";

const isw = useFakeInterswitch();

describe("cancel while the provider call is in flight", () => {
	it("the answer that arrives afterwards is recorded on the timeline and changes nothing", async () => {
		const v = await submit(passport(0));
		const release = isw.holdTokens();
		// The first alarm starts the call (processing) and waits for Interswitch's token.
		const alarm = runDurableObjectAlarm(stubOf(v.id));
		await until(() => tokenCacheStats().waiting === 1, "the lookup waits for a token");
		const res = await call(`/api/verifications/${v.id}/cancel/`, { method: "POST" });
		expect(res.status).toBe(200);
		const canceled = await json<{ status: string; version: number; last_error: unknown }>(res);
		expect(canceled).toMatchObject({
			status: "failed",
			version: 3,
			last_error: { code: "canceled", retryable: false },
		});
		release();
		await alarm;
		// Interswitch answered "verified" meanwhile: on the timeline, nothing else.
		expect(isw.fake.snapshot().counts.lookup).toBe(1);
		const after = await getView(v.id);
		expect(after).toMatchObject({ status: "failed", version: 3, last_error: { code: "canceled" } });
		const timeline = await json<{ data: { type: string; data: Record<string, unknown> }[] }>(
			await call(`/api/verifications/${v.id}/events/`),
		);
		const types = timeline.data.map((e) => e.type);
		expect(types).toEqual([
			"verification.submitted",
			"verification.processing",
			"verification.failed",
			"verification.provider_answer_ignored",
		]);
		expect(timeline.data.at(-1)?.data).toMatchObject({ answer: "verified", provider: "interswitch" });
		await clearAlarms();
	});
});
