import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { armFault, fault, InjectedFault, resetFaults } from "../../src/crash-points";

afterEach(() => resetFaults());

describe("the fault switch", () => {
	it("an unarmed point does nothing", () => {
		expect(() => fault("queue.sent")).not.toThrow();
		expect(resetFaults()).toEqual([]);
	});

	it("fires once after the passes it lets through, then is spent", () => {
		expect(armFault(env, "queue.sent", { skip: 2 })).toBe(true);
		fault("queue.sent");
		fault("projection.written");
		fault("queue.sent");
		expect(() => fault("queue.sent")).toThrow(InjectedFault);
		expect(() => fault("queue.sent")).not.toThrow();
		expect(resetFaults()).toEqual(["queue.sent"]);
	});

	it("fires `times` times; abort resets the object it is given, then throws", () => {
		const aborted: (string | undefined)[] = [];
		const object = { abort: (reason?: string) => void aborted.push(reason) };
		armFault(env, "state.committed", { mode: "abort", times: 2 });
		expect(() => fault("state.committed", object)).toThrow("injected fault at state.committed");
		expect(() => fault("state.committed", object)).toThrow(InjectedFault);
		expect(() => fault("state.committed", object)).not.toThrow();
		expect(aborted).toEqual(["injected fault at state.committed", "injected fault at state.committed"]);
	});

	it("refuses to arm where the configuration does not allow it", () => {
		expect(armFault({ ...env, FAULT_INJECTION: "off" }, "cron.sweep")).toBe(false);
		expect(armFault({ ENVIRONMENT: "production", FAULT_INJECTION: "on" }, "cron.sweep")).toBe(false);
		expect(() => fault("cron.sweep")).not.toThrow();
	});
});
