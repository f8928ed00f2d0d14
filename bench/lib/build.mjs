// @ts-check
// Bundles the bench entry (the real worker plus operation counters, bench/instrument/) into one ES module for
// workerd, the way wrangler would: esbuild, workerd/worker/browser export conditions, cloudflare:* left to the
// runtime. Bundling ourselves lets the harness run workerd through Miniflare directly, not wrangler dev's proxy.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

/**
 * Writes `<outDir>/worker.js` and returns its path; `plain` bundles src/index.ts without the counters, `entry` another
 * bench entry (e.g. bench/year/entry.ts).
 * @param {string} root
 * @param {string} outDir
 * @param {{ plain?: boolean, entry?: string }} [options]
 * @returns {Promise<string>}
 */
export async function bundleWorker(root, outDir, { plain = false, entry } = {}) {
	mkdirSync(outDir, { recursive: true });
	const outfile = join(outDir, "worker.js");
	await build({
		entryPoints: [entry ?? (plain ? join(root, "src", "index.ts") : join(root, "bench", "instrument", "entry.ts"))],
		outfile,
		bundle: true,
		format: "esm",
		platform: "neutral",
		target: "es2022",
		conditions: ["workerd", "worker", "browser"],
		mainFields: ["module", "main"],
		external: ["cloudflare:*", "node:*"],
		sourcemap: "linked",
		logLevel: "warning",
	});
	return outfile;
}
