import { describe, expect, it } from "vitest";
import { type VerificationView } from "../../src/verification/view";
import { runUntil } from "../helpers/alarms";
import { call, getView, json, newClient, passport, submit } from "../helpers/api";
import { projectWithoutWaitingOn } from "../helpers/scenarios";

const listed = async (key: string) =>
	(await json<{ data: VerificationView[] }>(await call("/api/verifications/", { key }))).data;

describe("waiting_on", () => {
	it("follows the verification: provider while it is looked up, partner while it needs corrections, nothing once decided", async () => {
		const v = await submit(passport(2));
		expect(v).toMatchObject({ status: "submitted", waiting_on: "provider" });
		const asked = await runUntil(v.id, ["requires_action"]);
		expect(asked.waiting_on).toBe("partner");
		const res = await call(`/api/verifications/${v.id}/retry/`, { body: { date_of_birth: "1991-02-03" } });
		expect(res.status).toBe(202);
		expect(await json<VerificationView>(res)).toMatchObject({ status: "submitted", waiting_on: "provider" });
		expect((await getView(v.id)).waiting_on).toBe("provider");
		expect(await runUntil(v.id, ["verified"])).toMatchObject({ waiting_on: "nothing" });
	});

	it("lists show it too, also for a verification projected before it existed", async () => {
		const { key } = await newClient("waiting_on lists");
		const v = await submit(passport(1), key);
		await runUntil(v.id, ["failed"], key);
		expect((await listed(key)).map((x) => x.waiting_on)).toEqual(["nothing"]);
		await projectWithoutWaitingOn(v.id);
		expect((await listed(key)).map((x) => [x.status, x.waiting_on])).toEqual([["failed", "nothing"]]);
	});
});
