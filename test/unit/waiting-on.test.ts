import { describe, expect, it } from "vitest";
import { STATUSES, type Status, type WaitingOn, waitingOn } from "../../src/verification/types";
import { toView } from "../../src/verification/view";
import { state } from "../helpers/states";

describe("waiting_on: who a verification waits on, one row per status", () => {
	const table: [Status, WaitingOn][] = [
		["submitted", "provider"],
		["processing", "provider"],
		["requires_action", "partner"],
		["verified", "nothing"],
		["failed", "nothing"],
		["expired", "nothing"],
	];

	it("covers every status", () => {
		expect(table.map(([s]) => s).sort()).toEqual([...STATUSES].sort());
	});

	it.each(table)("%s → %s, in the view too", (status, expected) => {
		expect(waitingOn(status)).toBe(expected);
		expect(toView(state(status)).waiting_on).toBe(expected);
	});
});
