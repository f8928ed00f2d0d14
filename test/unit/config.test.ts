import { describe, expect, it } from "vitest";
import { ConfigError, DEV_ADMIN_TOKEN, DEV_PII_KEY, loadConfig } from "../../src/config";

const REAL_PII_KEY = "cmVhbC1rZXktZm9yLXRlc3RzLW9ubHktMzItYnl0ZXM=";
const PRODUCTION = {
	ENVIRONMENT: "production",
	ADMIN_TOKEN: "a-real-operator-token-0123456789",
	PII_ENCRYPTION_KEY: REAL_PII_KEY,
	INTERSWITCH_CLIENT_ID: "id",
	INTERSWITCH_CLIENT_SECRET: "secret",
};

describe("configuration: production is the default and refuses development shortcuts", () => {
	it("nothing set means production with Interswitch for live mode, no admin token, no PII key, no dev key", () => {
		const c = loadConfig({});
		expect(c.environment).toBe("production");
		expect(c.isDevelopment).toBe(false);
		expect(c.provider).toBe("interswitch");
		expect(c.adminToken).toBeUndefined();
		expect(c.piiKeys).toEqual([]);
		expect(c.devApiKey).toBeUndefined();
		expect(c.liveModeProblems).toEqual([expect.stringContaining("INTERSWITCH_CLIENT_ID")]);
	});

	it("a complete production configuration has no problems", () => {
		const c = loadConfig({ ...PRODUCTION });
		expect(c.problems).toEqual([]);
		expect(c.liveModeProblems).toEqual([]);
		expect(c.adminToken).toBe(PRODUCTION.ADMIN_TOKEN);
		expect(c.piiKeys).toEqual([REAL_PII_KEY]);
	});

	it.each([
		[
			"the dev API key",
			{ DEV_API_KEY: "kyc_test_devkey_0000000000000000000000000000" },
			(c: ReturnType<typeof loadConfig>) => c.devApiKey,
		],
		["the dev admin token", { ADMIN_TOKEN: DEV_ADMIN_TOKEN }, (c: ReturnType<typeof loadConfig>) => c.adminToken],
		["the dev PII key", { PII_ENCRYPTION_KEY: DEV_PII_KEY }, (c: ReturnType<typeof loadConfig>) => c.piiKeys[0]],
		["fault injection", { FAULT_INJECTION: "on" }, (c: ReturnType<typeof loadConfig>) => c.faultInjection || undefined],
	])("in production %s never works and is reported", (_name, vars, read) => {
		const c = loadConfig({ ...PRODUCTION, ...vars });
		expect(read(c)).toBeUndefined();
		expect(c.problems).toHaveLength(1);
	});

	it("in production the sandbox is refused for live mode (test mode still has it)", () => {
		const c = loadConfig({ ...PRODUCTION, PROVIDER: "sandbox" });
		expect(c.liveModeProblems).toEqual([expect.stringContaining("PROVIDER=sandbox")]);
	});

	it("development keeps its shortcuts: sandbox, the dev admin token and PII key", () => {
		const c = loadConfig({ ENVIRONMENT: "development", DEV_API_KEY: "kyc_test_devkey_0000000000000000000000000000" });
		expect(c.provider).toBe("sandbox");
		expect(c.adminToken).toBe(DEV_ADMIN_TOKEN);
		expect(c.piiKeys).toEqual([DEV_PII_KEY]);
		expect(c.devApiKey).toBe("kyc_test_devkey_0000000000000000000000000000");
		expect(c.liveModeProblems).toEqual([]);
		// Fault injection is for the test suite only: off unless FAULT_INJECTION=on, even in development.
		expect(c.faultInjection).toBe(false);
		expect(loadConfig({ ENVIRONMENT: "development", FAULT_INJECTION: "on" }).faultInjection).toBe(true);
	});

	it("the cron sweeps' thresholds default to production's and can be shortened (the chaos bench does)", () => {
		expect(loadConfig({}).sweeps).toEqual({
			wakeGraceMs: 60_000,
			unprojectedClaimMs: 600_000,
			lostEventMs: 300_000,
			overdueDeliveryMs: 300_000,
		});
		const short = loadConfig({
			SWEEP_WAKE_GRACE_SECONDS: "10",
			SWEEP_UNPROJECTED_CLAIM_SECONDS: "20",
			SWEEP_LOST_EVENT_SECONDS: "30",
			SWEEP_OVERDUE_DELIVERY_SECONDS: "40",
		});
		expect(short.sweeps).toEqual({
			wakeGraceMs: 10_000,
			unprojectedClaimMs: 20_000,
			lostEventMs: 30_000,
			overdueDeliveryMs: 40_000,
		});
		expect(() => loadConfig({ SWEEP_LOST_EVENT_SECONDS: "0" })).toThrow(/SWEEP_LOST_EVENT_SECONDS/);
	});

	it("a malformed value is a ConfigError naming it, not a silent default", () => {
		expect(() => loadConfig({ ENVIRONMENT: "staging" })).toThrow(ConfigError);
		expect(() => loadConfig({ PROVIDER_MAX_ATTEMPTS: "many" })).toThrow(/PROVIDER_MAX_ATTEMPTS/);
	});
});
