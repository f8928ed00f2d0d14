#!/usr/bin/env node
// @ts-check
// Copies Swagger UI's files from node_modules into public/ (served as Workers static assets), so /swagger/
// renders without reaching a CDN: offline, behind strict CSPs, and in locked-down partner networks. Then builds the
// partner console into public/console/ (scripts/build-console.mjs), so every path that serves public/ has it.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildConsole } from "./build-console.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const from = join(root, "node_modules", "swagger-ui-dist");
const to = join(root, "public", "assets", "swagger-ui-dist");
mkdirSync(to, { recursive: true });
for (const file of ["swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-bundle.js.LICENSE.txt", "LICENSE"]) {
	copyFileSync(join(from, file), join(to, file));
}
await buildConsole();
