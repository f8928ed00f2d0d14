import { describe, expect, it } from "vitest";
import { call, json, newClient } from "../helpers/api";
import { deliveries } from "../helpers/webhooks-harness";
import { useMsw } from "../helpers/webhooks-receiver";
import { emit, endpointsApi, freshWorld } from "../helpers/webhooks-world";

useMsw();

describe("POST /api/webhook-endpoints/{id}/deliveries/{delivery_id}/resend", () => {
	it("sends one delivered event again, with the same webhook-id, and only that one", async () => {
		const world = await freshWorld();
		const first = await emit(world, "verification.submitted");
		await emit(world, "verification.processing");
		expect(world.receiver.received).toHaveLength(2);
		const [target] = (await deliveries(world.client.key, world.endpoint.id)).filter((d) => d.event_id === first.id);
		expect(target?.status).toBe("succeeded");

		const res = await endpointsApi(world, `/${world.endpoint.id}/deliveries/${target?.id}/resend/`, { method: "POST" });
		expect(res.status, await res.clone().text()).toBe(202);
		expect(await json(res)).toMatchObject({ id: target?.id, status: "pending" });
		await world.sim.drain();

		expect(world.receiver.received.map((r) => r.id)).toEqual([first.id, expect.any(String), first.id]);
		const after = (await deliveries(world.client.key, world.endpoint.id)).find((d) => d.id === target?.id);
		expect(after).toMatchObject({ status: "succeeded", attempts: 2 });
	});

	it("another client's delivery, an unknown id and a disabled endpoint are refused", async () => {
		const world = await freshWorld();
		const msg = await emit(world);
		const [d] = (await deliveries(world.client.key, world.endpoint.id)).filter((x) => x.event_id === msg.id);
		const other = await newClient("Other");
		const path = `/api/webhook-endpoints/${world.endpoint.id}/deliveries/${d?.id}/resend/`;
		expect((await call(path, { method: "POST", key: other.key })).status).toBe(404);
		const unknown = `/${world.endpoint.id}/deliveries/del_01M89C2HAHJXT1F6CR9J1HN1BQ/resend/`;
		expect((await endpointsApi(world, unknown, { method: "POST" })).status).toBe(404);
		await endpointsApi(world, `/${world.endpoint.id}/disable/`, { method: "POST" });
		const refused = await call(path, { method: "POST", key: world.client.key });
		expect(refused.status).toBe(409);
		expect(await json(refused)).toMatchObject({ code: "invalid_state" });
		expect(world.receiver.received).toHaveLength(1);
	});
});
