import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { readDotenv } from "../../scripts/lib/dotenv.mjs";
import { loadConfig } from "../../src/config";

// What `wrangler deploy` would upload, seen two ways: wrangler's own config reader, and the bindings table a real
// `wrangler deploy --dry-run` prints (no account needed). Development values must reach neither.
const ROOT = join(import.meta.dirname, "../..");
const WRANGLER = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
const DEV = readDotenv(join(ROOT, "development.env"));
const CONFIG = unstable_readConfig({ config: join(ROOT, "wrangler.toml") });
const VARS = CONFIG.vars;

/** Wrangler shortens long values in its table ("abc..."). */
const shows = (printed: string, value: string) =>
	printed === value || (printed.endsWith("...") && value.startsWith(printed.slice(0, -3)));

let outdir: string;
let output: string;
let printed: Record<string, string>;

beforeAll(async () => {
	outdir = mkdtempSync(join(tmpdir(), "kyc-dry-run-"));
	const env: NodeJS.ProcessEnv = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" };
	for (const name of Object.keys(env)) if (name.startsWith("CLOUDFLARE_")) delete env[name];
	const { stdout, stderr } = await promisify(execFile)(
		process.execPath,
		[WRANGLER, "deploy", "--dry-run", "--outdir", outdir],
		{
			cwd: ROOT,
			env,
			timeout: 90_000,
		},
	);
	output = `${stdout}\n${stderr}`;
	printed = Object.fromEntries(
		[...stdout.matchAll(/^env\.([A-Z0-9_]+) \("(.*)"\)\s+Environment Variable/gm)].map((m) => [
			m[1] as string,
			m[2] as string,
		]),
	);
}, 120_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("what wrangler deploy uploads", () => {
	it("is production configuration", () => {
		expect(VARS).toMatchObject({
			ENVIRONMENT: "production",
			PROVIDER: "interswitch",
			VERIFICATION_DEADLINE_SECONDS: "86400",
			ACTION_DEADLINE_SECONDS: "604800",
			PROVIDER_BACKOFF_BASE_MS: "30000",
			PROVIDER_BACKOFF_MAX_MS: "1800000",
			PROVIDER_MAX_ATTEMPTS: "8",
			SANDBOX_DECISION_DELAY_MS: "5000",
			PROVIDER_BREAKER_COOLDOWN_MS: "30000",
			PREMBLY_BASE_URL: "https://api.prembly.com",
		});
		expect(VARS).not.toHaveProperty("DEV_API_KEY");
		// Failover is opted into per deployment (with Prembly's secrets): a PROVIDERS here would also override
		// development.env's PROVIDER=sandbox, since PROVIDERS wins over PROVIDER.
		expect(VARS).not.toHaveProperty("PROVIDERS");
	});

	it("says what src/config.ts would assume with no vars at all", () => {
		expect(loadConfig(VARS as unknown as Env)).toEqual(loadConfig({} as Env));
	});

	it("is what the dry run prints, var for var", () => {
		expect(output).toContain("--dry-run: exiting now.");
		expect(Object.keys(printed).sort()).toEqual(Object.keys(VARS).sort());
		for (const [name, value] of Object.entries(VARS))
			expect(shows(printed[name] ?? "", String(value)), name).toBe(true);
	});

	it("carries none of development.env's values, nor the dev key anywhere in the bundle", () => {
		for (const [name, value] of Object.entries(DEV)) {
			if (name in printed) expect(shows(printed[name] ?? "", value), `${name} is development.env's value`).toBe(false);
		}
		expect(printed).not.toHaveProperty("DEV_API_KEY");
		const devKey = DEV.DEV_API_KEY ?? "";
		expect(output).not.toContain(devKey.slice(0, 20));
		for (const file of readdirSync(outdir)) expect(readFileSync(join(outdir, file), "utf8")).not.toContain(devKey);
	});

	it("routes fetch() strictly over the public internet (the runtime's SSRF check beside the URL guard)", () => {
		expect(CONFIG.compatibility_flags).toContain("global_fetch_strictly_public");
	});

	it("serves no workers.dev address, traces requests and keeps query strings out of logs and traces", () => {
		expect(CONFIG.workers_dev).toBe(false);
		expect(CONFIG.observability).toMatchObject({ enabled: true, redact_query_string: true, traces: { enabled: true } });
		// A misspelt key is only a warning to wrangler, and the setting it meant would silently stay off.
		expect(output).not.toMatch(/Unexpected fields/);
	});

	it("declares each binding once: no [env.*] sections", () => {
		expect(readFileSync(join(ROOT, "wrangler.toml"), "utf8")).not.toMatch(/^\s*\[+env\./m);
	});
});

describe("development.env (npm run dev, the tests, the bench)", () => {
	it("holds the development values", () => {
		expect(DEV).toMatchObject({
			ENVIRONMENT: "development",
			PROVIDER: "sandbox",
			DEV_API_KEY: "kyc_test_devkey_0000000000000000000000000000",
			PROVIDER_BACKOFF_BASE_MS: "500",
			PROVIDER_BACKOFF_MAX_MS: "4000",
			PROVIDER_MAX_ATTEMPTS: "4",
			SANDBOX_DECISION_DELAY_MS: "1500",
			PROVIDER_BREAKER_COOLDOWN_MS: "10000",
		});
	});

	it("only overrides vars that wrangler.toml declares, plus DEV_API_KEY", () => {
		expect(Object.keys(DEV).filter((name) => !(name in VARS))).toEqual(["DEV_API_KEY"]);
	});
});
