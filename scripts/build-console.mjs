#!/usr/bin/env node
// @ts-check
// Builds the partner console (console/) into public/console/, which the worker serves as static assets at /console/.
// esbuild bundles console/src/main.ts (Preact + htm + the typed client, @kyc/client → client/src) into one ES module
// and console/styles.css into one stylesheet; index.html and the icon are copied as they are. No inline script or
// style anywhere, so the strict Content-Security-Policy in public/_headers holds.
//
// Run by scripts/vendor-assets.mjs (so before `npm run dev`, `npm test`, the bench and `npm run deploy`), or alone:
// `npm run build:console [-- --watch]`. public/console/ is build output (git-ignored).
import { copyFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build, context } from "esbuild";

/** @import { BuildOptions } from "esbuild" */

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "console");
export const CONSOLE_OUT = join(root, "public", "console");

/** @type {BuildOptions} */
const options = {
	entryPoints: [
		{ in: join(source, "src", "main.ts"), out: "console" },
		{ in: join(source, "styles.css"), out: "console" },
	],
	outdir: CONSOLE_OUT,
	bundle: true,
	format: "esm",
	platform: "browser",
	target: ["es2022", "chrome110", "firefox115", "safari16"],
	tsconfig: join(source, "tsconfig.json"),
	minify: true,
	legalComments: "eof",
	metafile: true,
	logLevel: "warning",
};

function copyStatic() {
	for (const file of ["index.html", "favicon.svg"]) copyFileSync(join(source, file), join(CONSOLE_OUT, file));
}

/**
 * One clean build; returns each output file with its raw and gzip size in bytes.
 * @returns {Promise<{ file: string, bytes: number, gzip: number }[]>}
 */
export async function buildConsole() {
	rmSync(CONSOLE_OUT, { recursive: true, force: true });
	mkdirSync(CONSOLE_OUT, { recursive: true });
	const result = await build(options);
	copyStatic();
	return Object.keys(result.metafile?.outputs ?? {}).map((file) => {
		const bytes = readFileSync(join(root, file));
		return { file: relative(root, join(root, file)), bytes: bytes.length, gzip: gzipSync(bytes).length };
	});
}

/** @param {{ file: string, bytes: number, gzip: number }[]} sizes */
function report(sizes) {
	const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KiB`;
	const line = sizes.map((s) => `${s.file} ${kb(s.bytes)} (${kb(s.gzip)} gzip)`).join(", ");
	console.log(`• Console built: ${line}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	if (process.argv.includes("--watch")) {
		mkdirSync(CONSOLE_OUT, { recursive: true });
		copyStatic();
		const ctx = await context({ ...options, logLevel: "info" });
		await ctx.watch();
		console.log("• Watching console/ (static files are copied at start; restart after editing index.html)");
	} else {
		report(await buildConsole());
	}
}
