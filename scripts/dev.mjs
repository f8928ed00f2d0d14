#!/usr/bin/env node
// @ts-check
// `npm run dev [-- <wrangler dev flags>]`: apply D1 migrations to the local database, print the dev API key with
// a ready curl line, then run `wrangler dev` (embedded D1, Durable Objects, Queues; sandbox provider).
//
// wrangler.toml's [vars] are production values; development values come from development.env, then an
// operator's .dev.vars (if any), then `--var NAME:value` flags — later wins. Every flag after `--` goes to
// `wrangler dev`; `--port` / `--ip` default to 8787 / 127.0.0.1 only when not given, and `--persist-to` is
// used for the migrations too, so they land in the database wrangler dev opens.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { d1Bindings } from "./lib/d1-bindings.mjs";
import { devCommands } from "./lib/dev-args.mjs";
import { DEVELOPMENT_ENV, developmentVars, LOCAL_OVERRIDES } from "./lib/dotenv.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const wrangler = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const envFiles = [DEVELOPMENT_ENV, ...(existsSync(join(root, LOCAL_OVERRIDES)) ? [LOCAL_OVERRIDES] : [])];
const databases = d1Bindings(root).map((d) => d.binding);
const { dev, migrations, url, vars } = devCommands(process.argv.slice(2), {
	envFiles,
	defaultPort: process.env.PORT,
	databases,
});

// The directory and every shard (docs/operators.md, "Shards").
for (const migrate of migrations) {
	const migrated = spawnSync(process.execPath, [wrangler, ...migrate], {
		cwd: root,
		stdio: ["ignore", "inherit", "inherit"],
		env: { ...process.env, CI: "true" },
	});
	if (migrated.status !== 0) process.exit(migrated.status ?? 1);
}

const effective = { ...developmentVars(root, { local: true }), ...vars };
const devKey = effective.DEV_API_KEY ?? `(none: set DEV_API_KEY in ${DEVELOPMENT_ENV})`;
console.log(`
──────────────────────────────────────────────────────────────────────────────
 KYC passport verification — local development (${effective.ENVIRONMENT ?? "production!"})
 Values:   wrangler.toml [vars] < ${envFiles.join(" < ")}${Object.keys(vars).length ? " < --var" : ""}
 Console:  ${url}/console/  (paste the dev key)
 API:      ${url}/api/verifications         Swagger UI: ${url}/swagger/
 Dev key:  ${devKey}  (test mode: sandbox; live keys use ${effective.PROVIDER ?? "interswitch"})

 Try it (last digit of the passport number picks the sandbox outcome, 0 = verified):
   curl -s ${url}/api/verifications \\
     -H "Authorization: Bearer ${devKey}" -H "Content-Type: application/json" \\
     -d '{"passport_number":"A12345670","last_name":"Okafor","date_of_birth":"1990-04-15"}'
   curl -s ${url}/api/verifications/<id> -H "Authorization: Bearer ${devKey}"
──────────────────────────────────────────────────────────────────────────────
`);

const child = spawn(process.execPath, [wrangler, ...dev], { cwd: root, stdio: "inherit" });
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
