// @ts-check
// What the numbers were measured on, recorded with them.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");
/** @type {(pkg: string) => string} */
const version = (pkg) => JSON.parse(readFileSync(join(root, "node_modules", pkg, "package.json"), "utf8")).version;

export function machine() {
	let workerd = "unknown";
	try {
		const bin = join(root, "node_modules", "@cloudflare", "workerd-linux-64", "bin", "workerd");
		workerd = execFileSync(bin, ["--version"], { encoding: "utf8" }).trim();
	} catch {
		workerd = `workerd npm ${version("workerd")}`;
	}
	return {
		cpus: cpus().length,
		cpu_model: cpus()[0]?.model,
		memory_gib: Math.round(totalmem() / 2 ** 30),
		node: process.version,
		workerd,
		miniflare: version("miniflare"),
		wrangler: version("wrangler"),
		autocannon: version("autocannon"),
	};
}
