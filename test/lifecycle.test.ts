import {
	createExecutionContext,
	createScheduledController,
	env,
	runDurableObjectAlarm,
	runInDurableObject,
	waitOnExecutionContext,
} from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../src/index";
import { call, getView, json, passport, runUntil, stubOf, submit } from "./helpers";

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
		await env.DB.exec("ALTER TABLE verification_events RENAME TO verification_events_offline");
		let id = "";
		try {
			const res = await call("/api/verifications/", { body: passport(0) });
			// The state is committed in the Durable Object even though the projection failed.
			expect(res.status).toBe(202);
			id = (await json<{ id: string }>(res)).id;
			const pending = await runInDurableObject(stubOf(id), (_i, state) =>
				state.storage.sql
					.exec<{ n: number; failures: number }>("SELECT COUNT(*) AS n, MAX(failures) AS failures FROM outbox")
					.one(),
			);
			expect(pending).toEqual({ n: 1, failures: 1 });
			// The batch is atomic: the verification row did not land either.
			expect(await env.DB.prepare("SELECT id FROM verifications WHERE id = ?").bind(id).first()).toBeNull();
		} finally {
			await env.DB.exec("ALTER TABLE verification_events_offline RENAME TO verification_events");
		}
		expect(await runDurableObjectAlarm(stubOf(id))).toBe(true);
		const row = await env.DB.prepare("SELECT status, version FROM verifications WHERE id = ?").bind(id).first();
		expect(row).not.toBeNull();
		const done = await runUntil(id, ["verified"]);
		const projected = await env.DB.prepare("SELECT status, version FROM verifications WHERE id = ?").bind(id).first();
		expect(projected).toEqual({ status: "verified", version: done.version });
		const events = await json<{ data: { version: number; status_change: boolean }[] }>(
			await call(`/api/verifications/${id}/events/`),
		);
		expect(events.data.filter((e) => e.status_change).map((e) => e.version)).toEqual([1, 2, 3]);
	});

	it("an alarm that only retries the outbox does not run later steps early (no premature purge)", async () => {
		const v2 = await submit(passport(0));
		await runUntil(v2.id, ["verified"]);
		await runInDurableObject(stubOf(v2.id), async (_i, state) => {
			// A verified verification whose last projection failed: one outbox row awaiting its retry in a second,
			// while the next real wake-up is the purge, a month away.
			state.storage.sql.exec("INSERT INTO outbox (revision, failures, retry_at) VALUES (999, 1, ?)", Date.now() + 1_000);
			await state.storage.setAlarm(Date.now() + 1_000);
		});
		expect(await runDurableObjectAlarm(stubOf(v2.id))).toBe(true);
		const after = await getView(v2.id);
		expect(after.redacted_at).toBeNull();
		const pii = await runInDurableObject(
			stubOf(v2.id),
			(_i, state) => state.storage.sql.exec<{ pii: string | null }>("SELECT pii FROM state").one().pii,
		);
		expect(pii).not.toBeNull();
	});

	it("the projection never moves backwards", async () => {
		const v = await submit(passport(0));
		await runUntil(v.id, ["verified"]);
		const { project } = await import("../src/db/projection");
		const { database } = await import("../src/db/client");
		const stale = await runInDurableObject(stubOf(v.id), (_i, state) => {
			const body = state.storage.sql.exec<{ body: string }>("SELECT body FROM state").one().body;
			return { ...JSON.parse(body), status: "processing", version: 2, revision: 2 };
		});
		await project(database(env.DB), stale, [], null);
		const row = await env.DB.prepare("SELECT status, version FROM verifications WHERE id = ?").bind(v.id).first();
		expect(row).toEqual({ status: "verified", version: 3 });
	});
});

describe("cron sweep", () => {
	it("re-arms a verification whose alarm was lost", async () => {
		const v = await submit(passport(0));
		await runInDurableObject(stubOf(v.id), (_i, state) => state.storage.deleteAlarm());
		await env.DB.prepare("UPDATE verifications SET next_wake_at = ? WHERE id = ?")
			.bind(Date.now() - 3_600_000, v.id)
			.run();
		expect(await runDurableObjectAlarm(stubOf(v.id))).toBe(false);
		const ctx = createExecutionContext();
		await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "* * * * *" }), env, ctx);
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
		const pii = await runInDurableObject(
			stubOf(v.id),
			(_i, state) => state.storage.sql.exec<{ pii: string | null }>("SELECT pii FROM state").one().pii,
		);
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
		const pii = await runInDurableObject(
			stubOf(v.id),
			(_i, state) => state.storage.sql.exec<{ pii: string | null }>("SELECT pii FROM state").one().pii,
		);
		expect(pii).toBeNull();
		expect(await runDurableObjectAlarm(stubOf(v.id))).toBe(false);
	});
});
