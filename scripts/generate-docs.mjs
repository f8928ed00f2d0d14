#!/usr/bin/env node
// @ts-check
// Writes the documents generated from src/: docs/errors.md from the error catalogue (`npm run docs:errors`) and
// docs/configuration.md from the configuration schema (`npm run docs:config`). esbuild bundles the generating module
// for Node; test/node/generated-docs.test.ts fails when a committed document differs from what this would write.
//
//   node scripts/generate-docs.mjs errors|config
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { DEVELOPMENT_ENV, parseDotenv } from "./lib/dotenv.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** @type {Record<string, { entry: string; out: string; render: (mod: any) => string }>} */
const DOCS = {
	errors: {
		entry: "src/http/error-catalogue/markdown.ts",
		out: "docs/errors.md",
		render: (mod) => mod.errorsMarkdown(),
	},
	config: {
		entry: "src/config-docs.ts",
		out: "docs/configuration.md",
		render: (mod) => mod.configurationMarkdown(parseDotenv(readFileSync(join(ROOT, DEVELOPMENT_ENV), "utf8"))),
	},
};

const which = process.argv[2] ?? "";
const doc = DOCS[which];
if (!doc) {
	console.error(`usage: node scripts/generate-docs.mjs ${Object.keys(DOCS).join("|")}`);
	process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), "kyc-docs-"));
try {
	const outfile = join(dir, "module.mjs");
	await build({
		entryPoints: [join(ROOT, doc.entry)],
		outfile,
		bundle: true,
		platform: "node",
		format: "esm",
		logLevel: "warning",
	});
	writeFileSync(join(ROOT, doc.out), doc.render(await import(pathToFileURL(outfile).href)));
	console.log(`wrote ${doc.out}`);
} finally {
	rmSync(dir, { recursive: true, force: true });
}
