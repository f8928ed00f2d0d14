#!/usr/bin/env node
// @ts-check
// `npm run dev`: apply D1 migrations to the local database, print the dev API key with a ready curl line,
// then run `wrangler dev` (embedded D1, Durable Objects, Queues; sandbox provider).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const wrangler = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const port = process.env.PORT ?? "8787";
const extra = process.argv.slice(2);

const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
const devVars = existsSync(join(root, ".dev.vars")) ? readFileSync(join(root, ".dev.vars"), "utf8") : "";
const provider = /^PROVIDER\s*=\s*"?([a-z]+)/m.exec(devVars)?.[1] ?? /^PROVIDER\s*=\s*"([^"]+)"/m.exec(toml)?.[1] ?? "sandbox";
const devKey = /^DEV_API_KEY\s*=\s*"([^"]+)"/m.exec(toml)?.[1] ?? "(see wrangler.toml)";

const migrate = spawnSync(process.execPath, [wrangler, "d1", "migrations", "apply", "DB", "--local"], {
	cwd: root,
	stdio: ["ignore", "inherit", "inherit"],
	env: { ...process.env, CI: "true" },
});
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const base = `http://127.0.0.1:${port}`;
console.log(`
──────────────────────────────────────────────────────────────────────────────
 KYC passport verification — local development (provider: ${provider})
 API:      ${base}/api/verifications/        Swagger UI: ${base}/swagger/
 Dev key:  ${devKey}

 Try it (last digit of the passport number picks the sandbox outcome, 0 = verified):
   curl -s ${base}/api/verifications/ \\
     -H "Authorization: Bearer ${devKey}" -H "Content-Type: application/json" \\
     -d '{"passport_number":"A12345670","last_name":"Okafor","date_of_birth":"1990-04-15"}'
   curl -s ${base}/api/verifications/<id>/ -H "Authorization: Bearer ${devKey}"
──────────────────────────────────────────────────────────────────────────────
`);

const child = spawn(process.execPath, [wrangler, "dev", "--port", port, "--ip", "127.0.0.1", ...extra], {
	cwd: root,
	stdio: "inherit",
});
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
