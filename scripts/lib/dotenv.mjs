// @ts-check
// The development values (development.env, then an operator's git-ignored .dev.vars) as the scripts and the
// bench see them. `wrangler dev` reads the same files itself (`--env-file`); this is only for what runs
// outside it. A small dotenv subset: KEY=value lines, `#` comments, optional `export `, single or double quotes.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The committed development values, layered over wrangler.toml's production [vars]. */
export const DEVELOPMENT_ENV = "development.env";
/** An operator's local overrides (git-ignored); wins over development.env in `npm run dev`. */
export const LOCAL_OVERRIDES = ".dev.vars";

/**
 * Parses dotenv text into a plain record; later lines win.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseDotenv(text) {
	/** @type {Record<string, string>} */
	const out = {};
	for (const line of text.split(/\r?\n/)) {
		const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
		if (!m?.[1]) continue;
		const raw = m[2] ?? "";
		const quoted = /^(["'])(.*)\1$/.exec(raw);
		if (!quoted)
			out[m[1]] = raw.replace(/\s+#.*$/, ""); // an unquoted value ends at an inline comment
		else if (quoted[1] === '"') out[m[1]] = (quoted[2] ?? "").replaceAll("\\n", "\n");
		else out[m[1]] = quoted[2] ?? "";
	}
	return out;
}

/**
 * Reads one dotenv file, or nothing if it does not exist.
 * @param {string} path
 */
export function readDotenv(path) {
	return existsSync(path) ? parseDotenv(readFileSync(path, "utf8")) : {};
}

/**
 * development.env under `root`, with .dev.vars over it when `local` (what `npm run dev` runs with).
 * @param {string} root
 * @param {{ local?: boolean }} [options]
 */
export function developmentVars(root, { local = false } = {}) {
	return { ...readDotenv(join(root, DEVELOPMENT_ENV)), ...(local ? readDotenv(join(root, LOCAL_OVERRIDES)) : {}) };
}
