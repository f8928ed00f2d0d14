// @ts-check
// The client's size as an application would ship it: one minified ES module bundle of src/index.ts, raw and gzip.
// Same as `npx esbuild client/src/index.ts --bundle --minify --format=esm --target=es2022 | gzip -9 | wc -c`.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const CLIENT = join(dirname(fileURLToPath(import.meta.url)), "..");

const result = await build({
	entryPoints: [join(CLIENT, "src", "index.ts")],
	bundle: true,
	minify: true,
	format: "esm",
	target: "es2022",
	platform: "neutral",
	write: false,
	logLevel: "warning",
});
const code = result.outputFiles[0]?.contents;
if (!code) throw new Error("esbuild produced no output");
const gzip = gzipSync(code, { level: 9 }).byteLength;
console.log(
	`@kyc/client bundle (esbuild --bundle --minify --format=esm): ${code.byteLength} bytes raw, ${gzip} bytes gzip`,
);
