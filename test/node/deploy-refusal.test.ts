import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `npm run deploy` (scripts/deploy.mjs) against a stub wrangler (KYC_WRANGLER_BIN) that records every call, so a
// refusal provably uploads nothing; and once against the real wrangler on a machine with no Cloudflare login.
const ROOT = join(import.meta.dirname, "../..");
const SECRETS = ["ADMIN_TOKEN", "PII_ENCRYPTION_KEY", "INTERSWITCH_CLIENT_ID", "INTERSWITCH_CLIENT_SECRET"];
const REAL = {
	ADMIN_TOKEN: "adm_6f1c3b2a9d8e7f60a1b2c3d4",
	PII_ENCRYPTION_KEY: "k3J9x2Qm8vR1tY6uW0zA4bC7dE5fG8hI9jK2lM3nO4p=",
	INTERSWITCH_CLIENT_ID: "IKIA-test-client",
	INTERSWITCH_CLIENT_SECRET: "isw-secret-value",
};
/** Wrangler's own lines when it uploads or deploys. */
const UPLOAD_LINES =
	/Total Upload|Uploaded |Deployed |Current Version ID|Success! Uploaded|Finished processing secrets/;

const STUB = `
import { appendFileSync, readFileSync } from "node:fs";
const args = process.argv.slice(2);
const stdin = args[0] === "secret" && args[1] === "bulk" ? readFileSync(0, "utf8") : "";
appendFileSync(process.env.STUB_LOG, JSON.stringify({ args, stdin }) + "\\n");
if (args[0] === "secret" && args[1] === "list") {
	if (process.env.STUB_SECRET_NAMES === undefined) { console.error("not logged in"); process.exit(1); }
	console.log(JSON.stringify(process.env.STUB_SECRET_NAMES.split(",").filter(Boolean).map((name) => ({ name, type: "secret_text" }))));
}
`;

let dir: string;
let run = 0;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), "kyc-deploy-"));
	writeFileSync(join(dir, "wrangler-stub.mjs"), STUB);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Result {
	code: number;
	output: string;
	calls: { args: string[]; stdin: string }[];
}

/** Runs scripts/deploy.mjs with only `env` on top of a clean environment (no secrets, no Cloudflare credentials). */
function deploy(env: Record<string, string>, { stub = true } = {}): Promise<Result> {
	const log = join(dir, `calls-${run++}.jsonl`);
	writeFileSync(log, "");
	const base: NodeJS.ProcessEnv = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" };
	for (const name of Object.keys(base)) if (name.startsWith("CLOUDFLARE_") || SECRETS.includes(name)) delete base[name];
	const stubEnv = stub ? { KYC_WRANGLER_BIN: join(dir, "wrangler-stub.mjs"), STUB_LOG: log } : {};
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			[join(ROOT, "scripts", "deploy.mjs")],
			{ cwd: ROOT, env: { ...base, ...stubEnv, ...env }, timeout: 90_000 },
			(error, stdout, stderr) => {
				const calls = readFileSync(log, "utf8")
					.split("\n")
					.filter(Boolean)
					.map((line) => JSON.parse(line));
				resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}\n${stderr}`, calls });
			},
		);
	});
}

const commands = (r: Result) => r.calls.map((c) => c.args.slice(0, 2).join(" "));

describe("npm run deploy", () => {
	it("is scripts/deploy.mjs, with no pre-hook that could upload first", () => {
		const { scripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
		expect(scripts.deploy).toBe("node scripts/deploy.mjs");
		expect(scripts).not.toHaveProperty("predeploy");
	});

	it("refuses without secrets, names each one and how to set it, and calls nothing but `secret list`", async () => {
		const r = await deploy({});
		expect(r.code).toBe(1);
		expect(r.output).toContain("Refusing to deploy");
		for (const name of SECRETS) expect(r.output).toContain(`npx wrangler secret put ${name}`);
		expect(commands(r)).toEqual(["secret list"]);
		expect(r.output).not.toMatch(UPLOAD_LINES);
	}, 30_000);

	it("refuses when the Worker lacks some secrets and the environment does not have them", async () => {
		const r = await deploy({ STUB_SECRET_NAMES: "ADMIN_TOKEN,PII_ENCRYPTION_KEY" });
		expect(r.code).toBe(1);
		expect(r.output).toContain("INTERSWITCH_CLIENT_ID is not set");
		expect(r.output).toContain("INTERSWITCH_CLIENT_SECRET is not set");
		expect(r.output).not.toContain("ADMIN_TOKEN is not set");
		expect(commands(r)).toEqual(["secret list"]);
	}, 30_000);

	it.each([
		["ADMIN_TOKEN", "dev_admin_token_do_not_use_in_production"],
		["PII_ENCRYPTION_KEY", "ZGV2LW9ubHktcGlpLWtleS1kby1ub3QtdXNlLTMyYg=="],
	])(
		"refuses the published development %s from the environment",
		async (name, value) => {
			const r = await deploy({ ...REAL, [name]: value });
			expect(r.code).toBe(1);
			expect(r.output).toContain(`${name} is the published development default`);
			expect(commands(r)).toEqual(["secret list"]);
		},
		30_000,
	);

	it("with every secret on the Worker: migrations, then deploy, and no secret upload", async () => {
		const r = await deploy({ STUB_SECRET_NAMES: SECRETS.join(",") });
		expect(r.code, r.output).toBe(0);
		expect(r.calls.map((c) => c.args)).toEqual([
			["secret", "list", "--format", "json"],
			["d1", "migrations", "apply", "DB", "--remote"],
			["d1", "migrations", "apply", "SHARD_0", "--remote"],
			["d1", "migrations", "apply", "SHARD_1", "--remote"],
			["deploy"],
		]);
	}, 30_000);

	it("with the secrets exported (not logged in to list): uploads them with `secret bulk` before migrating and deploying", async () => {
		const r = await deploy(REAL);
		expect(r.code, r.output).toBe(0);
		expect(commands(r)).toEqual([
			"secret list",
			"secret bulk",
			"d1 migrations",
			"d1 migrations",
			"d1 migrations",
			"deploy",
		]);
		expect(JSON.parse(r.calls[1]?.stdin ?? "")).toEqual(REAL);
	}, 30_000);

	it("uploads only what the Worker lacks: an exported variable never replaces a live secret", async () => {
		const r = await deploy({ ...REAL, STUB_SECRET_NAMES: "ADMIN_TOKEN,PII_ENCRYPTION_KEY" });
		expect(r.code, r.output).toBe(0);
		expect(JSON.parse(r.calls[1]?.stdin ?? "")).toEqual({
			INTERSWITCH_CLIENT_ID: REAL.INTERSWITCH_CLIENT_ID,
			INTERSWITCH_CLIENT_SECRET: REAL.INTERSWITCH_CLIENT_SECRET,
		});
	}, 30_000);

	it("leaves a secret the Worker has alone, even when the environment holds a development default for it", async () => {
		const r = await deploy({
			ADMIN_TOKEN: "dev_admin_token_do_not_use_in_production",
			STUB_SECRET_NAMES: SECRETS.join(","),
		});
		expect(r.code, r.output).toBe(0);
		expect(r.output).toContain("exported value is not uploaded: ADMIN_TOKEN");
		expect(commands(r)).toEqual(["secret list", "d1 migrations", "d1 migrations", "d1 migrations", "deploy"]);
	}, 30_000);

	it("with the real wrangler and no Cloudflare login: refuses before anything is uploaded", async () => {
		const r = await deploy({}, { stub: false });
		expect(r.code).toBe(1);
		expect(r.output).toContain("Could not list the Worker's secrets");
		for (const name of SECRETS) expect(r.output).toContain(`${name} is not set`);
		expect(r.output).not.toMatch(UPLOAD_LINES);
	}, 60_000);
});
