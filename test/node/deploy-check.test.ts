import { describe, expect, it } from "vitest";
import {
	DEV_DEFAULTS,
	deployProblems,
	liveProviders,
	PROVIDER_SECRETS,
	requiredSecrets,
} from "../../scripts/lib/deploy-check.mjs";
import { PROVIDER_SECRETS as CONFIG_PROVIDER_SECRETS, DEV_ADMIN_TOKEN, DEV_PII_KEY } from "../../src/config";

const PRODUCTION_VARS = { ENVIRONMENT: "production", PROVIDER: "interswitch" };
const ALL = ["ADMIN_TOKEN", "PII_ENCRYPTION_KEY", "INTERSWITCH_CLIENT_ID", "INTERSWITCH_CLIENT_SECRET"];
const GOOD_VALUES = {
	ADMIN_TOKEN: "a-real-admin-token-of-some-length",
	PII_ENCRYPTION_KEY: "q5mC0pGq3yq2cW6m5Hn0yYfJ8Qm5y2a9b8c7d6e5f4g=",
	INTERSWITCH_CLIENT_ID: "IKIA0000",
	INTERSWITCH_CLIENT_SECRET: "secret",
};
const names = (facts: Parameters<typeof deployProblems>[0]) => deployProblems(facts).map((p) => p.name);

describe("the deploy secret check", () => {
	it("passes when every secret is set on the Worker (names only, no values visible)", () => {
		expect(deployProblems({ vars: PRODUCTION_VARS, present: ALL })).toEqual([]);
	});

	it("passes when every secret is in the environment with real values", () => {
		expect(deployProblems({ vars: PRODUCTION_VARS, present: [], values: GOOD_VALUES })).toEqual([]);
	});

	it.each(ALL)("names %s when it is missing, with the command that sets it", (missing) => {
		const problems = deployProblems({ vars: PRODUCTION_VARS, present: ALL.filter((n) => n !== missing) });
		expect(problems).toEqual([
			{ name: missing, message: expect.stringContaining(`npx wrangler secret put ${missing}`) },
		]);
	});

	it("names every missing secret at once", () => {
		expect(names({ vars: PRODUCTION_VARS, present: [] })).toEqual(ALL);
	});

	it("treats an empty environment value as missing", () => {
		expect(names({ vars: PRODUCTION_VARS, present: [], values: { ...GOOD_VALUES, ADMIN_TOKEN: "" } })).toEqual([
			"ADMIN_TOKEN",
		]);
	});

	it.each(Object.entries(DEV_DEFAULTS))("refuses the published development %s", (name, value) => {
		const problems = deployProblems({ vars: PRODUCTION_VARS, present: ALL, values: { ...GOOD_VALUES, [name]: value } });
		expect(problems).toEqual([{ name, message: expect.stringContaining("published development default") }]);
	});

	it("knows the same development defaults as src/config.ts", () => {
		expect(DEV_DEFAULTS).toEqual({ ADMIN_TOKEN: DEV_ADMIN_TOKEN, PII_ENCRYPTION_KEY: DEV_PII_KEY });
	});

	it("refuses values the service would reject or that are not generated keys", () => {
		expect(names({ vars: PRODUCTION_VARS, present: [], values: { ...GOOD_VALUES, ADMIN_TOKEN: "short" } })).toEqual([
			"ADMIN_TOKEN",
		]);
		for (const PII_ENCRYPTION_KEY of ["hunter2", "a-forty-character-passphrase-is-not-a-key", btoa("x".repeat(31))]) {
			expect(names({ vars: PRODUCTION_VARS, present: [], values: { ...GOOD_VALUES, PII_ENCRYPTION_KEY } })).toEqual([
				"PII_ENCRYPTION_KEY",
			]);
		}
	});

	it("requires the Interswitch credentials for PROVIDER=interswitch, and when PROVIDER is unset (production's default)", () => {
		expect(requiredSecrets({ PROVIDER: "interswitch" })).toEqual(ALL);
		expect(requiredSecrets({})).toEqual(ALL);
	});

	it("does not require Interswitch credentials for PROVIDER=sandbox, but refuses sandbox for live mode in production", () => {
		expect(requiredSecrets({ PROVIDER: "sandbox" })).toEqual(["ADMIN_TOKEN", "PII_ENCRYPTION_KEY"]);
		expect(
			names({ vars: { ...PRODUCTION_VARS, PROVIDER: "sandbox" }, present: ["ADMIN_TOKEN", "PII_ENCRYPTION_KEY"] }),
		).toEqual(["PROVIDER"]);
	});

	it("reads live mode's providers as the service does: PROVIDERS in order wins, PROVIDER is a list of one", () => {
		expect(liveProviders({ PROVIDER: "prembly" })).toEqual(["prembly"]);
		expect(liveProviders({ PROVIDER: "interswitch", PROVIDERS: " prembly, interswitch" })).toEqual([
			"prembly",
			"interswitch",
		]);
		expect(liveProviders({})).toEqual(["interswitch"]);
	});

	it("knows each provider's secrets as src/config.ts does", () => {
		expect(PROVIDER_SECRETS).toEqual({
			interswitch: CONFIG_PROVIDER_SECRETS.interswitch,
			prembly: CONFIG_PROVIDER_SECRETS.prembly,
		});
	});

	const PREMBLY_SECRETS = ["PREMBLY_API_KEY", "PREMBLY_APP_ID"];
	it.each<[string, Record<string, string>, string[], string[]]>([
		[
			"PROVIDERS=interswitch,prembly with every secret",
			{ PROVIDERS: "interswitch,prembly" },
			[...ALL, ...PREMBLY_SECRETS],
			[],
		],
		["prembly listed, its secrets missing", { PROVIDERS: "interswitch,prembly" }, ALL, PREMBLY_SECRETS],
		[
			"prembly alone needs no Interswitch secrets",
			{ PROVIDERS: "prembly" },
			["ADMIN_TOKEN", "PII_ENCRYPTION_KEY"],
			PREMBLY_SECRETS,
		],
		[
			"PROVIDERS wins: PROVIDER=interswitch adds nothing",
			{ PROVIDER: "interswitch", PROVIDERS: "prembly" },
			["ADMIN_TOKEN", "PII_ENCRYPTION_KEY", ...PREMBLY_SECRETS],
			[],
		],
		["a sandbox in PROVIDERS is refused", { PROVIDERS: "interswitch,sandbox" }, ALL, ["PROVIDERS"]],
		["an unknown name in PROVIDERS is refused", { PROVIDERS: "interswitch,acme" }, ALL, ["PROVIDERS"]],
	])("%s", (_name, vars, present, problems) => {
		expect(names({ vars: { ENVIRONMENT: "production", ...vars }, present })).toEqual(problems);
	});

	it("refuses development [vars], the test-only fault switch and secrets written into [vars]", () => {
		const vars = {
			...PRODUCTION_VARS,
			ENVIRONMENT: "development",
			DEV_API_KEY: "kyc_test_x",
			ADMIN_TOKEN: "in-plain-text-123",
		};
		expect(names({ vars, present: ALL })).toEqual(["ENVIRONMENT", "DEV_API_KEY", "ADMIN_TOKEN"]);
		expect(names({ vars: { ...PRODUCTION_VARS, FAULT_INJECTION: "on" }, present: ALL })).toEqual(["FAULT_INJECTION"]);
		expect(names({ vars: { PROVIDER: "interswitch" }, present: ALL })).toEqual(["ENVIRONMENT"]);
	});
});
