import {
	createExecutionContext,
	createScheduledController,
	runDurableObjectAlarm,
	waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import worker from "../../src/index";
import { runUntil, stubOf } from "../helpers/alarms";
import { call, getView, json, passport, submit } from "../helpers/api";
import { d1Verification, verificationStorage } from "../helpers/inspect";
import { simulateFailedProjection, simulateLostAlarm, whileProjectionFails } from "../helpers/scenarios";
import { shardFor } from "../helpers/shards";

describe("concurrency", () => {
	it("concurrent retries on one verification make exactly one transition", async () => {
		const v = await submit(passport(4));
		const failed = await runUntil(v.id, ["failed"]);
		const responses = await Promise.all(
			Array.from({ length: 6 }, () => call(`/api/verifications/${v.id}/retry/`, { method: "POST" })),
		);
		const statuses = responses.map((r) => r.status).sort();
		expect(statuses).toEqual([202, 409, 409, 409, 409, 409]);
		const after = await getView(v.id);
		expect(after).toMatchObject({ status: "submitted", version: failed.version + 1 });
		const events = await json<{ data: { type: string }[] }>(await call(`/api/verifications/${v.id}/events/`));
		expect(events.data.filter((e) => e.type === "verification.submitted")).toHaveLength(2);
	});
});

describe("outbox", () => {
	it("a failed D1 write is recorded and recovered by the alarm; nothing is lost", async () => {
		let id = "";
		await whileProjectionFails(async () => {
			const res = await call("/api/verifications/", { body: passport(0) });
			expect(res.status).toBe(202);
			id = (await json<{ id: string }>(res)).id;
			// The first alarm decides it; every change is committed in the Durable Object though the projection failed.
			expect(await runDurableObjectAlarm(stubOf(id))).toBe(true);
			const { state, outbox } = await verificationStorage(id);
			expect(state.status).toBe("verified");
			// Its three revisions wait in the outbox, their drain failed once at the D1 write (its backoff is waited
			// out, not retried at once).
			expect(outbox).toMatchObject({ from: 1, through: 3, failures: 1, lastError: "d1_write_failed" });
			expect(outbox?.retryAt).toBeGreaterThan(Date.now());
			// The batch is atomic: the verification row did not land either.
			expect(await d1Verification(id)).toBeNull();
		});
		expect(await runDurableObjectAlarm(stubOf(id))).toBe(true);
		const done = await runUntil(id, ["verified"]);
		const projected = await d1Verification(id);
		expect(projected).toMatchObject({ status: "verified", version: done.version });
		const events = await json<{ data: { version: number; status_change: boolean }[] }>(
			await call(`/api/verifications/${id}/events/`),
		);
		expect(events.data.filter((e) => e.status_change).map((e) => e.version)).toEqual([1, 2, 3]);
	});

	it("an alarm that only retries the outbox does not run later steps early (no premature purge)", async () => {
		const v2 = await submit(passport(0));
		await runUntil(v2.id, ["verified"]);
		// A verified verification whose last projection failed: one outbox row awaiting its retry in a second,
		// while the next real wake-up is the purge, a month away.
		await simulateFailedProjection(v2.id, Date.now() + 1_000);
		expect(await runDurableObjectAlarm(stubOf(v2.id))).toBe(true);
		const after = await getView(v2.id);
		expect(after.redacted_at).toBeNull();
		const { pii } = (await verificationStorage(v2.id)).meta;
		expect(pii).not.toBeNull();
	});

	it("the projection never moves backwards", async () => {
		const v = await submit(passport(0));
		await runUntil(v.id, ["verified"]);
		const { project } = await import("../../src/pipeline/projection");
		const { state } = await verificationStorage(v.id);
		const stale = { ...state, status: "processing" as const, version: 2, revision: 2 };
		await project(await shardFor(stale.clientId), stale, [], { keyId: null, blindIndex: null });
		const row = await d1Verification(v.id);
		expect(row).toMatchObject({ status: "verified", version: 3 });
	});
});

describe("cron sweep", () => {
	it("re-arms a verification whose alarm was lost before its first drain (its duplicate-guard claim finds it)", async () => {
		const v = await submit(passport(0));
		await simulateLostAlarm(v.id);
		expect(await runDurableObjectAlarm(stubOf(v.id))).toBe(false);
		const { unprojectedClaimMs } = loadConfig(env).sweeps;
		const ctx = createExecutionContext();
		const scheduledTime = Date.now() + unprojectedClaimMs + 1_000;
		await worker.scheduled(createScheduledController({ scheduledTime, cron: "* * * * *" }), env, ctx);
		await waitOnExecutionContext(ctx);
		expect(await runDurableObjectAlarm(stubOf(v.id))).toBe(true);
		expect((await runUntil(v.id, ["verified"])).status).toBe("verified");
	});
});

describe("redaction", () => {
	it("erases personal data, keeps status and timeline, records it, and blocks retries", async () => {
		const v = await submit(passport(4));
		await runUntil(v.id, ["failed"]);
		const res = await call(`/api/verifications/${v.id}/`, { method: "DELETE" });
		expect(res.status).toBe(200);
		const body = await json<{ status: string; redacted_at: string | null }>(res);
		expect(body.status).toBe("failed");
		expect(body.redacted_at).not.toBeNull();
		const { pii } = (await verificationStorage(v.id)).meta;
		expect(pii).toBeNull();
		const events = await json<{ data: { type: string }[] }>(await call(`/api/verifications/${v.id}/events/`));
		expect(events.data.at(-1)?.type).toBe("verification.redacted");
		const retry = await call(`/api/verifications/${v.id}/retry/`, { method: "POST" });
		expect(retry.status).toBe(409);
		expect((await call(`/api/verifications/${v.id}/`, { method: "DELETE" })).status).toBe(409);
	});

	it("is refused while a lookup is in flight", async () => {
		const v = await submit(passport(5));
		const res = await call(`/api/verifications/${v.id}/`, { method: "DELETE" });
		expect(res.status).toBe(409);
		expect(await json(res)).toMatchObject({ code: "invalid_state", current_status: "submitted" });
	});

	it("personal data is purged automatically after the retention period", async () => {
		const v = await submit(passport(0));
		await runUntil(v.id, ["verified"]);
		// The only alarm left is the purge; firing it means its time has come.
		expect(await runDurableObjectAlarm(stubOf(v.id))).toBe(true);
		const after = await getView(v.id);
		expect(after.status).toBe("verified");
		expect(after.redacted_at).not.toBeNull();
		const { pii } = (await verificationStorage(v.id)).meta;
		expect(pii).toBeNull();
		expect(await runDurableObjectAlarm(stubOf(v.id))).toBe(false);
	});
});
