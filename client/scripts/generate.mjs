// @ts-check
// Generates client/src/generated/openapi.ts from the OpenAPI document the worker serves at GET /openapi.json.
//
//   node scripts/generate.mjs           write the file
//   node scripts/generate.mjs --check   fail (exit 1) if the committed file differs from a fresh generation
//
// The document is the worker's own: esbuild bundles src/http/app.ts for Node (cloudflare:* modules stubbed; the
// app only needs them for class declarations), the bundle's createApp() answers /openapi.json in-process exactly
// as test/node/openapi.test.ts asks it, and openapi-typescript turns it into types. Biome formats the result so
// `npm run lint` passes on the committed file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import openapiTS, { astToString } from "openapi-typescript";

const CLIENT = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = join(CLIENT, "..");
const OUT = join(CLIENT, "src", "generated", "openapi.ts");
const BIOME = join(ROOT, "node_modules", ".bin", "biome");

const HEADER = `/**
 * Generated from the worker's OpenAPI document (GET /openapi.json) by client/scripts/generate.mjs with
 * openapi-typescript. Do not edit: run \`npm run client:generate\`; CI runs \`npm run client:check\`.
 */
`;

/**
 * The served document, from the worker's own app, in this process.
 * @returns {Promise<import("openapi-typescript").OpenAPI3>}
 */
async function serveDocument() {
	const dir = mkdtempSync(join(tmpdir(), "kyc-client-gen-"));
	try {
		const outfile = join(dir, "app.mjs");
		await build({
			entryPoints: [join(ROOT, "src", "http", "app.ts")],
			outfile,
			bundle: true,
			platform: "node",
			format: "esm",
			target: "node20",
			logLevel: "warning",
			plugins: [
				{
					// The app's modules may import cloudflare:workers for class declarations (Durable Objects); serving
					// the document never runs them.
					name: "cloudflare-stub",
					setup(b) {
						b.onResolve({ filter: /^cloudflare:/ }, (args) => ({ path: args.path, namespace: "cloudflare-stub" }));
						b.onLoad({ filter: /.*/, namespace: "cloudflare-stub" }, () => ({
							contents:
								"export class DurableObject { constructor(ctx, env) { this.ctx = ctx; this.env = env; } }\n" +
								"export class WorkerEntrypoint extends DurableObject {}\nexport const env = {};\nexport default {};\n",
							loader: "js",
						}));
					},
				},
			],
		});
		/** @type {{ createApp: () => { request: (path: string, init: object, env: object) => Promise<Response> } }} */
		const mod = await import(pathToFileURL(outfile).href);
		const res = await mod.createApp().request("/openapi.json", {}, { ENVIRONMENT: "development", DB: {} });
		if (res.status !== 200) throw new Error(`GET /openapi.json answered ${res.status}: ${await res.text()}`);
		return /** @type {import("openapi-typescript").OpenAPI3} */ (await res.json());
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** @param {string} source */
function format(source) {
	const r = spawnSync(BIOME, ["format", `--stdin-file-path=${relative(ROOT, OUT)}`], {
		cwd: ROOT,
		input: source,
		encoding: "utf8",
		maxBuffer: 64 * 1024 * 1024,
	});
	if (r.status !== 0) throw new Error(`biome format failed: ${r.stderr || r.stdout}`);
	return r.stdout;
}

async function generate() {
	const doc = await serveDocument();
	const ast = await openapiTS(doc, { silent: true, alphabetize: false, exportType: false });
	return format(HEADER + astToString(ast));
}

/** The first lines where two versions differ, for a readable CI failure. */
function firstDifferences(/** @type {string} */ a, /** @type {string} */ b, max = 12) {
	const x = a.split("\n");
	const y = b.split("\n");
	const out = [];
	for (let i = 0; i < Math.max(x.length, y.length) && out.length < max; i++) {
		if (x[i] === y[i]) continue;
		out.push(`  line ${i + 1}:\n    committed: ${x[i] ?? "<end of file>"}\n    generated: ${y[i] ?? "<end of file>"}`);
	}
	return out.join("\n");
}

const fresh = await generate();
if (process.argv.includes("--check")) {
	let committed = "";
	try {
		committed = readFileSync(OUT, "utf8");
	} catch {}
	if (committed !== fresh) {
		const tmp = join(mkdtempSync(join(tmpdir(), "kyc-client-check-")), "openapi.ts");
		writeFileSync(tmp, fresh);
		console.error(
			`${relative(ROOT, OUT)} is stale: the worker's OpenAPI document changed. Run \`npm run client:generate\` and commit it.\n` +
				`Fresh version: ${tmp}\n${firstDifferences(committed, fresh)}`,
		);
		process.exit(1);
	}
	console.log(`${relative(ROOT, OUT)} matches the worker's OpenAPI document.`);
} else {
	writeFileSync(OUT, fresh);
	console.log(`wrote ${relative(ROOT, OUT)} (${fresh.length} bytes)`);
}
