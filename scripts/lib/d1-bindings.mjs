// @ts-check
// The D1 databases wrangler.toml declares (docs/operators.md, "Shards"): the directory (`DB`) and each shard
// (`SHARD_n`), with the migrations folder each takes. `npm run dev`, `npm run deploy` and the bench apply every one.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * @typedef {{ binding: string, migrationsDir: string }} D1Binding
 */

/**
 * The `[[d1_databases]]` blocks of a wrangler.toml text, in order: each block's `binding` and `migrations_dir`.
 * @param {string} toml
 * @returns {D1Binding[]}
 */
export function parseD1Bindings(toml) {
	return toml
		.split(/^\[\[/m)
		.filter((block) => block.startsWith("d1_databases]]"))
		.map((block) => {
			const value = (/** @type {string} */ key) => new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, "m").exec(block)?.[1];
			const binding = value("binding");
			if (!binding) throw new Error("a [[d1_databases]] block in wrangler.toml has no binding");
			return { binding, migrationsDir: value("migrations_dir") ?? "migrations" };
		});
}

/**
 * The project's D1 databases, directory first.
 * @param {string} root
 * @returns {D1Binding[]}
 */
export const d1Bindings = (root) => parseD1Bindings(readFileSync(join(root, "wrangler.toml"), "utf8"));
