import { beforeAll, describe, expect, it, vi } from "vitest";
import { call, json, newClient } from "../helpers/api";
import { breaker as interswitchBreaker } from "../interswitch/fake";
import { config, person, Verification } from "./attempts";
import { useFakeProviders } from "./fakes";

const fakes = useFakeProviders();

interface StatusList {
	object: string;
	livemode: boolean;
	data: {
		name: string;
		status: string;
		success_rate: number | null;
		window_seconds: number;
		last_changed_at: string | null;
		reason: string | null;
	}[];
}

let keys: { test: string; live: string };
beforeAll(async () => {
	keys = { test: (await newClient("status test")).key, live: (await newClient("status live", "live")).key };
});

const statusFor = async (key: string) => {
	const res = await call("/api/provider-status", { key });
	expect(res.status).toBe(200);
	return json<StatusList>(res);
};
const byName = (list: StatusList) => Object.fromEntries(list.data.map((p) => [p.name, p]));

describe("GET /api/provider-status", () => {
	it("a test key sees the sandbox pair, always operational (not measured)", async () => {
		expect(await statusFor(keys.test)).toEqual({
			object: "provider_status",
			livemode: false,
			data: ["sandbox", "sandbox_backup"].map((name) => ({
				name,
				status: "operational",
				success_rate: null,
				window_seconds: 600,
				last_changed_at: null,
				reason: null,
			})),
		});
	});

	it("a live key sees live mode's providers in order of preference; with no lookups yet, operational", async () => {
		const list = await statusFor(keys.live);
		expect(list).toMatchObject({ object: "provider_status", livemode: true });
		expect(list.data.map((p) => [p.name, p.status, p.success_rate, p.reason])).toEqual([
			["interswitch", "operational", null, null],
			["prembly", "operational", null, null],
		]);
	});

	it("after Prembly refuses for its wallet: down with that reason and when it changed; the rate counts every lookup", async () => {
		vi.spyOn(console, "error").mockImplementation(() => {});
		vi.spyOn(console, "warn").mockImplementation(() => {});
		fakes.prembly.configure({ mode: "insufficient_funds" });
		const v = new Verification(person(), ["prembly", "interswitch"]);
		await v.attempt();
		expect(v.state).toMatchObject({ status: "verified", provider: "interswitch" });
		const { interswitch, prembly } = byName(await statusFor(keys.live));
		expect(prembly).toMatchObject({ status: "down", reason: "provider_wallet_empty", success_rate: 0 });
		expect(Date.parse(prembly?.last_changed_at ?? "")).toBeGreaterThan(Date.now() - 60_000);
		expect(interswitch).toMatchObject({ status: "operational", success_rate: 1, reason: null });
	});

	it("while Interswitch's breaker is open: down, circuit_open, and its low rate shown", async () => {
		vi.spyOn(console, "error").mockImplementation(() => {});
		vi.spyOn(console, "warn").mockImplementation(() => {});
		fakes.interswitch.configure({ mode: "500" });
		for (let i = 0; i < config.breaker.failureThreshold; i++) await new Verification(person()).attempt();
		expect((await interswitchBreaker().status()).state.phase).toBe("open");
		const { interswitch, prembly } = byName(await statusFor(keys.live));
		expect(interswitch).toMatchObject({ status: "down", reason: "circuit_open", success_rate: 0 });
		// Every verification failed over and was decided by Prembly.
		expect(prembly).toMatchObject({ status: "operational", success_rate: 1 });
	});
});
