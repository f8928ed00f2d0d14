#!/usr/bin/env node
// @ts-check
// Writes the OpenAPI documents the worker serves to files, so tools that read files (`redocly lint` in
// `npm run lint:openapi`, Postman's importer in test/node/postman-import.test.ts, Prism, SDK generators) see exactly
// what is served: GET /openapi.json (partners) to dist/openapi.json and GET /admin/openapi.json (operators) to
// dist/operator-openapi.json, or into the directory given. esbuild bundles src/http/app.ts for Node with cloudflare:*
// stubbed (scripts/lib/served-document.mjs), and the bundle's createApp() answers the requests in-process.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { servedDocument } from "./lib/served-document.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

const dir = resolve(ROOT, process.argv[2] ?? "dist");
mkdirSync(dir, { recursive: true });
for (const [path, file] of /** @type {const} */ ([
	["/openapi.json", "openapi.json"],
	["/admin/openapi.json", "operator-openapi.json"],
])) {
	const out = join(dir, file);
	writeFileSync(out, `${JSON.stringify(await servedDocument(path), null, 2)}\n`);
	console.log(`wrote ${relative(ROOT, out)}`);
}
