// @ts-check
// The D1 databases wrangler.toml declares (docs/operators.md, "Shards"): the directory (`DB`) and each shard
// (`SHARD_n`), with the migrations folder each takes. `npm run dev`, `npm run deploy` and the bench apply every one.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * @typedef {{ binding: string, migrationsDir: string, databaseId?: string | undefined }} D1Binding
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
			const databaseId = value("database_id");
			return { binding, migrationsDir: value("migrations_dir") ?? "migrations", ...(databaseId ? { databaseId } : {}) };
		});
}

/**
 * The project's D1 databases, directory first.
 * @param {string} root
 * @returns {D1Binding[]}
 */
export const d1Bindings = (root) => parseD1Bindings(readFileSync(join(root, "wrangler.toml"), "utf8"));

/**
 * What is wrong with the D1 databases a deploy would bind (`npm run deploy` refuses on any; docs/deploying.md,
 * "Shards"): the directory must be `DB` on migrations/directory, each shard `SHARD_n` on migrations/shard, at least one
 * shard, no database bound twice, and `SHARDS_OPEN` (where new clients go) may name declared shards only.
 * @param {D1Binding[]} bindings
 * @param {Record<string, unknown>} vars
 * @returns {{ name: string, message: string }[]}
 */
export function shardProblems(bindings, vars) {
	const problems = [];
	const directory = bindings.find((b) => b.binding === "DB");
	if (!directory) problems.push({ name: "DB", message: "wrangler.toml binds no D1 database as DB (the directory)." });
	else if (directory.migrationsDir !== "migrations/directory")
		problems.push({ name: "DB", message: 'The directory (DB) must take migrations_dir = "migrations/directory".' });
	const shards = bindings.filter((b) => b.binding !== "DB");
	for (const s of shards) {
		if (!/^SHARD_\d+$/.test(s.binding))
			problems.push({ name: s.binding, message: `D1 binding ${s.binding} is neither DB nor SHARD_n.` });
		else if (s.migrationsDir !== "migrations/shard")
			problems.push({ name: s.binding, message: `${s.binding} must take migrations_dir = "migrations/shard".` });
	}
	if (shards.length === 0)
		problems.push({ name: "SHARD_0", message: "wrangler.toml binds no shard (SHARD_0, …): clients need one." });
	const ids = bindings.map((b) => b.databaseId).filter(Boolean);
	for (const id of new Set(ids))
		if (ids.filter((i) => i === id).length > 1)
			problems.push({
				name: "database_id",
				message: `database_id ${id} is bound twice: each shard is its own database.`,
			});
	const open = typeof vars.SHARDS_OPEN === "string" ? vars.SHARDS_OPEN.split(",").map((s) => s.trim()) : [];
	for (const name of open.filter((n) => n && !shards.some((s) => s.binding === n)))
		problems.push({ name: "SHARDS_OPEN", message: `SHARDS_OPEN names ${name}, which wrangler.toml does not bind.` });
	return problems;
}
