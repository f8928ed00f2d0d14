import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { PRUNE_BATCH, pruneExpired } from "../../src/cron/prune";
import { runFirstAlarm, runUntil } from "../helpers/alarms";
import { call, json, passport, submit } from "../helpers/api";
import { d1Events, d1IdempotencyKeys, d1Verification, verificationStorage } from "../helpers/inspect";
import { ageProjection } from "../helpers/scenarios";

const DAY = 86_400_000;

describe("D1 retention: old records go, in bounded batches, never active ones", () => {
	it("a final verification older than RECORD_RETENTION_SECONDS loses its projection, timeline and key; a recent one stays", async () => {
		const { retention } = loadConfig(env);
		const oldOne = await submit(passport(0), undefined, { "idempotency-key": `old-${Date.now()}` });
		await runUntil(oldOne.id, ["verified"]);
		const recent = await submit(passport(0));
		await runUntil(recent.id, ["verified"]);
		const agedId = await ageProjection(oldOne.id, retention.recordsMs + DAY);
		expect(await d1Events(agedId)).not.toHaveLength(0);

		const pruned = await pruneExpired(env, Date.now());
		expect(pruned.verifications).toBeGreaterThanOrEqual(1);
		expect(pruned.verifications).toBeLessThanOrEqual(PRUNE_BATCH);
		expect(await d1Verification(agedId)).toBeNull();
		expect(await d1Events(agedId)).toHaveLength(0);
		expect(await d1IdempotencyKeys(agedId)).toHaveLength(0);
		expect(await d1Verification(recent.id)).not.toBeNull();
	});

	it("an active verification is kept however old", async () => {
		const { retention } = loadConfig(env);
		const active = await submit(passport(5));
		await runFirstAlarm(active.id);
		const agedId = await ageProjection(active.id, retention.recordsMs + DAY);
		await pruneExpired(env, Date.now());
		expect(await d1Verification(agedId)).not.toBeNull();
	});
});

describe("fingerprints do not outlive redaction", () => {
	it("redaction clears the blind index and request hash in the object and in D1", async () => {
		const headers = { "idempotency-key": `redact-${Date.now()}` };
		const body = passport(1);
		const v = await submit(body, undefined, headers);
		await runUntil(v.id, ["failed"]);
		expect((await call(`/api/verifications/${v.id}/`, { method: "DELETE" })).status).toBe(200);
		const { meta } = await verificationStorage(v.id);
		expect(meta.blindIndex).toBeNull();
		expect(meta.requestHash).toBe("redacted");
		expect((await d1Verification(v.id))?.blindIndex).toBeNull();
		expect((await d1IdempotencyKeys(v.id)).map((k) => k.requestHash)).toEqual(["redacted"]);
		// The key still answers: replaying it is refused, it does not create a new verification.
		const replay = await call("/api/verifications/", { body, headers });
		expect(replay.status).toBe(422);
		expect(await json(replay)).toMatchObject({ code: "idempotency_key_reused" });
	});
});
