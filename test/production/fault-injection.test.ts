import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { armFault, FAULT_POINTS, resetFaults } from "../../src/crash-points";
import worker from "../../src/index";
import { runUntil } from "../helpers/alarms";
import { passport, submit } from "../helpers/api";
import { useMsw } from "../helpers/webhooks-receiver";
import { freshWorld } from "../helpers/webhooks-world";

// This project runs the worker as production does, and vitest.config.ts hands it FAULT_INJECTION=on as well, as a
// mistaken deployment would: the switch must stay off.
useMsw();

describe("fault injection is inert in production", () => {
	it("the configuration refuses FAULT_INJECTION and reports it", () => {
		expect(env.FAULT_INJECTION).toBe("on");
		const config = loadConfig(env);
		expect(config.faultInjection).toBe(false);
		expect(config.problems).toContainEqual(expect.stringContaining("FAULT_INJECTION"));
	});

	it("arming any point does nothing: a verification runs its whole course and every event arrives", async () => {
		for (const point of FAULT_POINTS) expect(armFault(env, point, { mode: "abort" })).toBe(false);
		const { sim, client, receiver } = await freshWorld();
		const v = await submit(passport(0), client.key);
		await runUntil(v.id, ["verified"], client.key);
		await sim.drain();
		const ctx = createExecutionContext();
		await worker.scheduled(createScheduledController({ scheduledTime: Date.now() + 11 * 60_000 }), env, ctx);
		await waitOnExecutionContext(ctx);
		await sim.drain();
		expect(receiver.forVerification(v.id).map((r) => r.body.data.version)).toEqual([1, 2, 3]);
		expect(resetFaults(), "no point fired").toEqual([]);
	});
});
