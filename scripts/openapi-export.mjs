#!/usr/bin/env node
// @ts-check
// Writes the OpenAPI document the worker serves at GET /openapi.json to dist/openapi.json (or the path given), so
// tools that read files (`redocly lint` in `npm run lint:openapi`, Prism, SDK generators) see exactly what is
// served. esbuild bundles src/http/app.ts for Node with cloudflare:* stubbed (the app only needs those modules for
// class declarations), and the bundle's createApp() answers the request in-process, as test/node/openapi.test.ts asks.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { servedDocument } from "./lib/served-document.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

const out = resolve(ROOT, process.argv[2] ?? join("dist", "openapi.json"));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(await servedDocument(), null, 2)}\n`);
console.log(`wrote ${relative(ROOT, out)}`);
