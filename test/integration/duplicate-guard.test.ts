import { listDurableObjectIds } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { sweepUnprojected } from "../../src/cron/sweep";
import { type VerificationView } from "../../src/verification/view";
import { runFirstAlarm, runUntil } from "../helpers/alarms";
import { call, json, passport, submit } from "../helpers/api";
import { readsOf } from "../helpers/d1-cost";
import { d1Claims, d1Verification, verificationStorage } from "../helpers/inspect";
import { ageClaim, whileProjectionFails } from "../helpers/scenarios";

describe("the duplicate guard is an atomic claim", () => {
	it("identical submissions racing each other get one verification", async () => {
		const before = (await listDurableObjectIds(env.VERIFICATION)).length;
		const body = passport(5);
		const responses = await Promise.all(Array.from({ length: 6 }, () => call("/api/verifications/", { body })));
		const views = await Promise.all(responses.map((r) => json<VerificationView>(r)));
		expect(responses.map((r) => r.status)).toEqual([202, 202, 202, 202, 202, 202]);
		expect(new Set(views.map((v) => v.id)).size).toBe(1);
		expect(responses.filter((r) => r.headers.get("duplicate-of-active") === "true")).toHaveLength(5);
		expect((await listDurableObjectIds(env.VERIFICATION)).length - before).toBe(1);
	});

	it("the claim is released when the verification is final: the same person may then be verified again", async () => {
		const body = passport(1);
		const first = await submit(body);
		expect(await d1Claims(first.id)).toHaveLength(1);
		await runUntil(first.id, ["failed"]);
		expect(await d1Claims(first.id)).toHaveLength(0);
		const second = await submit(body);
		expect(second.id).not.toBe(first.id);
	});

	it("the cron finds a verification whose projection never landed, through its claim", async () => {
		let id = "";
		await whileProjectionFails(async () => {
			id = (await submit(passport(0))).id;
		});
		// As if the object's alarm were lost too: nothing in D1 says it exists but the claim.
		expect(await d1Verification(id)).toBeNull();
		await ageClaim(id, loadConfig(env).sweeps.unprojectedClaimMs + 60_000);
		expect(await sweepUnprojected(env, Date.now())).toBe(1);
		expect(await d1Verification(id)).not.toBeNull();
		expect((await verificationStorage(id)).outbox).toBeNull();
	});

	it("the sweep looks at each claim once, not at every claim held on every run", async () => {
		const { unprojectedClaimMs } = loadConfig(env).sweeps;
		// Active verifications, projected, their claims past the sweep's age: what a busy deployment holds all day.
		for (let i = 0; i < 30; i++) {
			const v = await submit(passport(5));
			await runFirstAlarm(v.id);
			await ageClaim(v.id, unprojectedClaimMs + 60_000);
		}
		await sweepUnprojected(env, Date.now());
		const second = await readsOf("person_claims", () => sweepUnprojected(env, Date.now()));
		expect(second.result).toBe(0);
		expect(second.statements).toBeGreaterThan(0);
		expect(second.rowsRead).toBeLessThan(5);
	});
});
