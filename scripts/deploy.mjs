#!/usr/bin/env node
// @ts-check
// `npm run deploy [-- <wrangler deploy flags>]`: refuse to deploy without the production secrets, then vendor the
// Swagger UI assets, upload any secrets given in the environment, apply D1 migrations remotely and deploy.
//
// Secrets are checked before anything is uploaded. Names come from `wrangler secret list` when it works
// (logged in, Worker exists); values (and, when the list is unavailable, names) from the process environment,
// so an operator may `export ADMIN_TOKEN=…` etc. and have them uploaded with `wrangler secret bulk` first.
// KYC_WRANGLER_BIN points at another wrangler entry script (run with this Node), e.g. a stub in tests.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { unstable_readConfig } from "wrangler";
import { d1Bindings, shardProblems } from "./lib/d1-bindings.mjs";
import { deployProblems, requiredSecrets } from "./lib/deploy-check.mjs";

/** @import { SpawnSyncOptions } from "node:child_process" */

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const wrangler = process.env.KYC_WRANGLER_BIN ?? join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const args = process.argv.slice(2);

if (args.some((a) => a === "--dry-run" || a.startsWith("--dry-run="))) {
	console.error("npm run deploy deploys. To see what would be uploaded: npx wrangler deploy --dry-run --outdir dist");
	process.exit(2);
}

/**
 * Runs wrangler with this Node; exits on failure.
 * @param {string[]} argv
 * @param {SpawnSyncOptions} [options]
 */
function run(argv, options = {}) {
	const result = spawnSync(process.execPath, [wrangler, ...argv], { cwd: root, stdio: "inherit", ...options });
	if (result.status !== 0) {
		console.error(`\n✘ wrangler ${argv.slice(0, 3).join(" ")} failed; stopping.`);
		process.exit(result.status ?? 1);
	}
	return result;
}

/** Secret names the deployed Worker already has, or null when wrangler cannot tell (not logged in, no Worker yet). */
function remoteSecretNames() {
	const result = spawnSync(process.execPath, [wrangler, "secret", "list", "--format", "json"], {
		cwd: root,
		stdio: ["ignore", "pipe", "pipe"], // no TTY: never an interactive login
		encoding: "utf8",
		timeout: 60_000,
	});
	if (result.status !== 0) return null;
	try {
		/** @type {unknown} */
		const list = JSON.parse(result.stdout);
		if (!Array.isArray(list)) return null;
		return new Set(list.flatMap((s) => (s && typeof s === "object" && typeof s.name === "string" ? [s.name] : [])));
	} catch {
		return null;
	}
}

const vars = unstable_readConfig({ config: join(root, "wrangler.toml") }).vars;
const required = requiredSecrets(vars);
const remote = remoteSecretNames();
if (remote === null) {
	console.log(
		"• Could not list the Worker's secrets (not logged in, or no Worker yet): checking the environment instead.",
	);
}
// From the environment, only what the Worker lacks: a variable left exported in the shell never replaces a live secret.
/** @type {Record<string, string>} */
const upload = Object.fromEntries(
	required.flatMap((name) => {
		const value = process.env[name];
		return value && !remote?.has(name) ? [[name, value]] : [];
	}),
);
const ignored = required.filter((name) => process.env[name] && remote?.has(name));
if (ignored.length > 0) {
	console.log(
		`• Already set on the Worker, so the exported value is not uploaded: ${ignored.join(", ")} (change with wrangler secret put).`,
	);
}
const problems = [
	...deployProblems({ vars, present: [...(remote ?? []), ...Object.keys(upload)], values: upload }),
	...shardProblems(d1Bindings(root), vars),
];

if (problems.length > 0) {
	console.error("\n✘ Refusing to deploy: nothing was uploaded.\n");
	for (const p of problems) console.error(`  - ${p.message}`);
	console.error(`
  Secrets live in Cloudflare, never in wrangler.toml: npx wrangler secret put <NAME> (prompts for the value),
  or export them in this shell and re-run npm run deploy, which uploads them first.
  Generate a PII key with: openssl rand -base64 32. Guide: docs/deploying.md
`);
	process.exit(1);
}

console.log(`• Secrets: ${required.map((n) => `${n} (${remote?.has(n) ? "set" : "from environment"})`).join(", ")}`);

const vendored = spawnSync(process.execPath, [join(root, "scripts", "vendor-assets.mjs")], { stdio: "inherit" });
if (vendored.status !== 0) process.exit(vendored.status ?? 1);
if (Object.keys(upload).length > 0) {
	console.log(`• Uploading ${Object.keys(upload).join(", ")} with wrangler secret bulk`);
	run(["secret", "bulk"], { input: JSON.stringify(upload), stdio: ["pipe", "inherit", "inherit"] });
}
// The directory, then every shard (each takes its own migrations folder from wrangler.toml).
for (const { binding } of d1Bindings(root)) run(["d1", "migrations", "apply", binding, "--remote"]);
run(["deploy", ...args]);
