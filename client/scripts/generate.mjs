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
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { servedDocument } from "../../scripts/lib/served-document.mjs";

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
const serveDocument = async () => /** @type {import("openapi-typescript").OpenAPI3} */ (await servedDocument());

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
