import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEV_CLIENT_ID } from "../../src/auth/api-keys";
import { loadConfig } from "../../src/config";
import { armFault, resetFaults } from "../../src/crash-points";
import { newId } from "../../src/ids";
import { type CreateInput } from "../../src/pipeline/durable-object";
import { alarmAt, runUntil, stubOf } from "../helpers/alarms";
import { call, json, passport, submit } from "../helpers/api";
import { verificationStorage } from "../helpers/inspect";
import { simulateInterruptedCall } from "../helpers/scenarios";

afterEach(() => {
	vi.restoreAllMocks();
	resetFaults();
});

/** Holds every D1 batch (the projection write) until released: the window in which a dying object would stop. */
function holdProjection() {
	let release: () => void = () => {};
	const gate = new Promise<void>((resolve) => {
		release = resolve;
	});
	const original = env.DB.batch.bind(env.DB);
	vi.spyOn(env.DB, "batch").mockImplementation(async (statements) => {
		await gate;
		return original(statements);
	});
	return () => release();
}

const input = (id: string): CreateInput => ({
	id,
	clientId: "cli_01M8RHWXTC05CCPRZ20E5YGYTS",
	livemode: false,
	provider: "sandbox",
	reference: null,
	metadata: {},
	data: { passport_number: "A123456780", last_name: "Okafor", date_of_birth: "1990-04-15" },
	requestHash: "hash",
	blindIndex: null,
	indexKeyId: "00000000",
});

describe("crash windows: nothing committed is left without an alarm", () => {
	it("create arms the alarm with its commit, before the first await (the D1 write)", async () => {
		const id = newId("ver");
		const release = holdProjection();
		await runInDurableObject(stubOf(id), async (instance, ctx) => {
			const pending = instance.create(input(id));
			// The object is now parked on the projection write; had it died here, this alarm would bring it back.
			await new Promise((r) => setTimeout(r, 20));
			expect(await ctx.storage.getAlarm()).not.toBeNull();
			release();
			expect((await pending).ok).toBe(true);
		});
	});

	it("retry arms the alarm with its commit too", async () => {
		const v = await submit(passport(4));
		await runUntil(v.id, ["failed"]);
		await runInDurableObject(stubOf(v.id), async (instance, ctx) => {
			await ctx.storage.deleteAlarm();
			const release = holdProjection();
			const pending = instance.retry({ clientId: DEV_CLIENT_ID, livemode: false }, {});
			await new Promise((r) => setTimeout(r, 20));
			expect(await ctx.storage.getAlarm()).not.toBeNull();
			release();
			expect((await pending).ok).toBe(true);
		});
	});

	it("an Idempotency-Key replay re-arms an object whose alarm was lost", async () => {
		const headers = { "idempotency-key": `replay-${Date.now()}` };
		const body = passport(5);
		const v = await submit(body, undefined, headers);
		await runInDurableObject(stubOf(v.id), (_i, ctx) => ctx.storage.deleteAlarm());
		const again = await call("/api/verifications/", { body, headers });
		expect(again.headers.get("idempotent-replayed")).toBe("true");
		expect((await json<{ id: string }>(again)).id).toBe(v.id);
		await runInDurableObject(stubOf(v.id), async (_i, ctx) => {
			expect(await ctx.storage.getAlarm()).not.toBeNull();
		});
	});

	it("a provider call whose isolate died counts as a failed attempt instead of repeating silently", async () => {
		const v = await submit(passport(8));
		// First alarm: submitted → processing, first call answered "pending"; the next call is a poll.
		await runDurableObjectAlarm(stubOf(v.id));
		const first = await json<{ status: string; attempts: number }>(await call(`/api/verifications/${v.id}/`));
		expect(first).toMatchObject({ status: "processing", attempts: 1 });
		// The poll starts and its isolate dies before the answer.
		await simulateInterruptedCall(v.id);
		await runDurableObjectAlarm(stubOf(v.id));
		const after = await json<{ status: string; attempts: number; last_error: { code: string } | null }>(
			await call(`/api/verifications/${v.id}/`),
		);
		expect(after.status).toBe("processing");
		expect(after.attempts).toBe(first.attempts + 1);
		expect(after.last_error?.code).toBe("provider_call_interrupted");
		// The next alarm calls the provider for real.
		expect((await runUntil(v.id, ["verified"])).status).toBe("verified");
	});

	it("the first attempt starts the verification in the write that marks its call, under the call's alarm", async () => {
		const v = await submit(passport(0));
		// The alarm stops right after that write, its first commit (`processing`, the call in flight), and stays dead.
		armFault(env, "state.committed");
		await expect(runDurableObjectAlarm(stubOf(v.id))).rejects.toThrow("injected fault at state.committed");
		expect(resetFaults()).toEqual(["state.committed"]);
		const { state, call: marked } = await verificationStorage(v.id);
		expect(state.status).toBe("processing");
		expect(marked).toMatchObject({ round: 1, attempts: 0 });
		// What comes back is the call's timeout alarm, past the call's own timeout, not a bare commit's.
		const { providerTimeoutMs } = loadConfig(env);
		expect(await alarmAt(v.id)).toBeGreaterThan((marked?.startedAt ?? 0) + providerTimeoutMs);
		// It counts the call that never answered, and the next attempt goes to the provider.
		await runDurableObjectAlarm(stubOf(v.id));
		const after = await json<{ status: string; attempts: number; last_error: { code: string } | null }>(
			await call(`/api/verifications/${v.id}/`),
		);
		expect(after).toMatchObject({
			status: "processing",
			attempts: 1,
			last_error: { code: "provider_call_interrupted" },
		});
		expect((await runUntil(v.id, ["verified"])).status).toBe("verified");
	});

	it("first attempts have their own provider quota: a client's polls cannot starve them", async () => {
		const limit = vi
			.spyOn(env.PROVIDER_RATE_LIMITER, "limit")
			.mockImplementation(async ({ key }) => ({ success: key.includes(":first:") }));
		const v = await submit(passport(0));
		expect((await runUntil(v.id, ["verified"])).status).toBe("verified");
		expect(limit.mock.calls.map(([o]) => o.key)).toEqual([`test:first:${DEV_CLIENT_ID}`]);
	});

	it("an object reset under a request is a 503 with Retry-After, and the same request again completes", async () => {
		const body = passport(0);
		const headers = { "idempotency-key": `reset-${Date.now()}` };
		armFault(env, "state.committed", { mode: "abort" });
		const interrupted = await call("/api/verifications/", { body, headers });
		expect(interrupted.status).toBe(503);
		expect(interrupted.headers.get("retry-after")).toBe("1");
		expect(await json<{ code: string }>(interrupted)).toMatchObject({ code: "service_unavailable" });
		expect(resetFaults()).toEqual(["state.committed"]);
		const again = await call("/api/verifications/", { body, headers });
		expect(again.status).toBe(202);
		const v = await json<{ id: string }>(again);
		expect((await runUntil(v.id, ["verified"])).status).toBe("verified");
	});
});
