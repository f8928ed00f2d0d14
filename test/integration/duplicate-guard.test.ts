import { listDurableObjectIds } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { sweepUnprojected } from "../../src/cron/sweep";
import { project } from "../../src/pipeline/projection";
import { type VerificationView } from "../../src/verification/view";
import { runFirstAlarm, runUntil, stubOf } from "../helpers/alarms";
import { call, getView, json, passport, submit } from "../helpers/api";
import { readsOf } from "../helpers/d1-cost";
import { d1Claims, d1Verification, verificationStorage } from "../helpers/inspect";
import { ageClaim, whileProjectionFails } from "../helpers/scenarios";
import { shardFor } from "../helpers/shards";

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

type Problem = { code: string; verification_id?: string };

describe("a retry claims the person like a submission", () => {
	it("a retried failure whose person another verification holds now is a 409 naming it; once that one is final, it retries", async () => {
		const body = passport(4);
		const first = await submit(body);
		await runUntil(first.id, ["failed"]);
		// The failure released the claim: the same person submitted again is a new, active verification.
		const second = await submit(body);
		expect(second.id).not.toBe(first.id);

		const res = await call(`/api/verifications/${first.id}/retry/`, { method: "POST" });
		expect(res.status).toBe(409);
		expect(await json<Problem>(res)).toMatchObject({ code: "duplicate_verification", verification_id: second.id });
		expect((await getView(first.id)).status).toBe("failed");
		expect(await d1Claims(first.id)).toHaveLength(0);
		expect(await d1Claims(second.id)).toHaveLength(1);

		await runUntil(second.id, ["failed"]);
		const retried = await call(`/api/verifications/${first.id}/retry/`, { method: "POST" });
		expect(retried.status).toBe(202);
		expect(await d1Claims(first.id)).toMatchObject([{ round: 2 }]);
		// And the guard holds the other way round: the person is V1's again.
		const third = await call("/api/verifications/", { body });
		expect(third.headers.get("duplicate-of-active")).toBe("true");
		expect((await json<VerificationView>(third)).id).toBe(first.id);
	});

	it("corrected fields are a new person: claimed under their blind index, the old one released", async () => {
		const body = passport(2);
		const first = await submit(body);
		await runUntil(first.id, ["requires_action"]);
		const [before] = await d1Claims(first.id);
		const corrected = { ...body, date_of_birth: "1991-05-16" };

		const res = await call(`/api/verifications/${first.id}/retry/`, { body: { date_of_birth: "1991-05-16" } });
		expect(res.status).toBe(202);
		const claims = await d1Claims(first.id);
		expect(claims).toHaveLength(1);
		expect(claims[0]?.blindIndex).not.toBe(before?.blindIndex);
		expect((await verificationStorage(first.id)).meta.blindIndex).toBe(claims[0]?.blindIndex);
		// The corrected person is this verification's while it is active; the old fields are nobody's.
		const again = await call("/api/verifications/", { body: corrected });
		expect((await json<VerificationView>(again)).id).toBe(first.id);
		expect((await submit(body)).id).not.toBe(first.id);
	});

	it("correcting into a person another active verification holds is a 409 naming it; nothing changes", async () => {
		const body = passport(2);
		const first = await submit(body);
		await runUntil(first.id, ["requires_action"]);
		const other = await submit({ ...body, date_of_birth: "1991-05-16" });
		const claimsBefore = await d1Claims(first.id);

		const res = await call(`/api/verifications/${first.id}/retry/`, { body: { date_of_birth: "1991-05-16" } });
		expect(res.status).toBe(409);
		expect(await json<Problem>(res)).toMatchObject({ code: "duplicate_verification", verification_id: other.id });
		expect((await getView(first.id)).status).toBe("requires_action");
		expect(await d1Claims(first.id)).toEqual(claimsBefore);
	});

	it("a final snapshot's release landing after a retry claimed the person again leaves that claim", async () => {
		const first = await submit(passport(4));
		await runUntil(first.id, ["failed"]);
		const failed = (await verificationStorage(first.id)).state;
		expect((await call(`/api/verifications/${first.id}/retry/`, { method: "POST" })).status).toBe(202);
		// The failure's drain, delayed: its batch lands now, after the retry's claim (its snapshot no longer applies).
		await project(await shardFor(failed.clientId), failed, [], { keyId: null, blindIndex: null });
		expect(await d1Claims(first.id)).toMatchObject([{ round: 2 }]);
	});

	it("a retry whose projection fails keeps both claims until its drain lands, then only the corrected one", async () => {
		const body = passport(2);
		const first = await submit(body);
		await runUntil(first.id, ["requires_action"]);
		await whileProjectionFails(async () => {
			const res = await call(`/api/verifications/${first.id}/retry/`, { body: { date_of_birth: "1991-05-16" } });
			expect(res.status).toBe(202);
		});
		expect(await d1Claims(first.id)).toHaveLength(2);
		// The drain's retry (as the cron's sweep runs it: drain and re-arm, nothing else falls due).
		expect(await stubOf(first.id).ensureAlarm()).toBe("submitted");
		const claims = await d1Claims(first.id);
		expect(claims).toHaveLength(1);
		expect(claims[0]?.blindIndex).toBe((await verificationStorage(first.id)).meta.blindIndex);
	});
});
