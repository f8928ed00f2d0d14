import { describe, expect, it } from "vitest";
import { ConfigError, DEV_ADMIN_TOKEN, DEV_PII_KEY, loadConfig, providersFor } from "../../src/config";

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
		expect(c.providers).toEqual(["interswitch"]);
		expect(c.prembly).toEqual({ baseUrl: "https://api.prembly.com", apiKey: undefined, appId: undefined });
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

	it.each([
		["a passphrase", "correct horse battery staple, really"],
		["31 bytes", btoa("x".repeat(31))],
		["33 bytes", btoa("x".repeat(33))],
		["32 characters, not base64 of 32 bytes", "0123456789abcdef0123456789abcdef"],
		["base64url", REAL_PII_KEY.replace("+", "-").replace("/", "_").replace("=", "").padEnd(43, "-")],
		["whitespace around it", ` ${REAL_PII_KEY}`],
	])("a PII key that is not 32 bytes in base64 (%s) is refused and reported, in every environment", (_name, key) => {
		for (const environment of ["production", "development"]) {
			const c = loadConfig({ ...PRODUCTION, ENVIRONMENT: environment, PII_ENCRYPTION_KEY: key });
			expect(c.piiKeys).toEqual([]);
			expect(c.problems).toEqual([expect.stringContaining("PII_ENCRYPTION_KEY is not 32 bytes in base64")]);
		}
	});

	it("a generated PII key is kept; previous keys are not checked (they only open what they sealed)", () => {
		const generated = btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256)));
		const c = loadConfig({
			...PRODUCTION,
			PII_ENCRYPTION_KEY: generated,
			PII_ENCRYPTION_KEYS_PREVIOUS: "old passphrase",
		});
		expect(c.problems).toEqual([]);
		expect(c.piiKeys).toEqual([generated, "old passphrase"]);
		// The published development key predates the check and is accepted in development (refused in production).
		expect(loadConfig({ ENVIRONMENT: "development", PII_ENCRYPTION_KEY: DEV_PII_KEY }).piiKeys).toEqual([DEV_PII_KEY]);
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

const PREMBLY = { PREMBLY_API_KEY: "live_sk_x", PREMBLY_APP_ID: "app-1" };

describe("configuration: live mode's providers, in order of preference", () => {
	it.each<[string, Record<string, string>, string[]]>([
		["PROVIDER alone is a list of one", { PROVIDER: "prembly" }, ["prembly"]],
		["PROVIDERS in order", { PROVIDERS: "interswitch,prembly" }, ["interswitch", "prembly"]],
		[
			"PROVIDERS wins over PROVIDER",
			{ PROVIDER: "interswitch", PROVIDERS: "prembly,interswitch" },
			["prembly", "interswitch"],
		],
		["spaces and empty items are ignored", { PROVIDERS: " prembly , ,interswitch " }, ["prembly", "interswitch"]],
		["neither: production's interswitch", {}, ["interswitch"]],
	])("%s", (_name, vars, providers) => {
		const c = loadConfig({ ...PRODUCTION, ...PREMBLY, ...vars });
		expect(c.providers).toEqual(providers);
		expect(c.provider).toBe(providers[0]);
	});

	it.each<[string, Record<string, string>, RegExp]>([
		["an unknown name", { PROVIDERS: "interswitch,acme" }, /PROVIDERS/],
		["a provider twice", { PROVIDERS: "interswitch,interswitch" }, /PROVIDERS.*twice/],
		["an empty list", { PROVIDERS: " , " }, /PROVIDERS/],
	])("a malformed list (%s) is a ConfigError naming PROVIDERS", (_name, vars, message) => {
		expect(() => loadConfig({ ...PRODUCTION, ...vars })).toThrow(message);
	});

	it.each<[string, Record<string, string | undefined>, string[]]>([
		["both providers with their secrets", { PROVIDERS: "interswitch,prembly", ...PREMBLY }, []],
		[
			"prembly listed without its secrets",
			{ PROVIDERS: "interswitch,prembly" },
			["PREMBLY_API_KEY and PREMBLY_APP_ID must be set for live mode (PROVIDERS lists prembly)."],
		],
		[
			"prembly without its app id",
			{ PROVIDERS: "prembly", PREMBLY_API_KEY: "k" },
			["PREMBLY_API_KEY and PREMBLY_APP_ID must be set for live mode (PROVIDERS lists prembly)."],
		],
		[
			"interswitch listed second without its secrets",
			{ PROVIDERS: "prembly,interswitch", ...PREMBLY, INTERSWITCH_CLIENT_ID: undefined },
			["INTERSWITCH_CLIENT_ID and INTERSWITCH_CLIENT_SECRET must be set for live mode (PROVIDERS lists interswitch)."],
		],
		[
			"a sandbox in the live list",
			{ PROVIDERS: "interswitch,sandbox_backup" },
			["PROVIDERS lists sandbox_backup: the sandbox is refused for live mode in production."],
		],
		["prembly's secrets are not needed when it is not listed", { PROVIDERS: "interswitch" }, []],
	])("production live mode: %s", (_name, vars, problems) => {
		expect(loadConfig({ ...PRODUCTION, ...vars }).liveModeProblems).toEqual(problems);
	});

	it("development allows any list, sandboxes and missing secrets included", () => {
		const c = loadConfig({ ENVIRONMENT: "development", PROVIDERS: "sandbox,prembly" });
		expect(c.providers).toEqual(["sandbox", "prembly"]);
		expect(c.liveModeProblems).toEqual([]);
	});

	it("test mode asks the sandbox pair, live mode the configured list", () => {
		const c = loadConfig({ ...PRODUCTION, ...PREMBLY, PROVIDERS: "prembly,interswitch" });
		expect(providersFor(c, false)).toEqual(["sandbox", "sandbox_backup"]);
		expect(providersFor(c, true)).toEqual(["prembly", "interswitch"]);
	});

	it("PREMBLY_BASE_URL is a var with Prembly's host by default, and must be a URL", () => {
		expect(loadConfig({ PREMBLY_BASE_URL: "https://prembly.test" }).prembly.baseUrl).toBe("https://prembly.test");
		expect(() => loadConfig({ PREMBLY_BASE_URL: "not a url" })).toThrow(/PREMBLY_BASE_URL/);
	});
});
