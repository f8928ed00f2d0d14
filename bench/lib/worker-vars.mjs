// @ts-check
// The vars the bench's runtime runs with, read the way runtime-child.mjs layers them: wrangler.toml's [vars]
// (production values), development.env over them, the run's own overrides last. For reports that print a setting
// next to what it explains (e.g. PROVIDER_TIMEOUT_MS beside the time to a decision).
import { join } from "node:path";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { DEVELOPMENT_ENV, developmentVars } from "../../scripts/lib/dotenv.mjs";

/**
 * @typedef {{ value: string, from: string }} ConfiguredVar
 */

/**
 * Each named var's value and the layer it comes from ("bench", development.env, wrangler.toml), or "unset".
 * @param {string} root
 * @param {Record<string, string>} overrides the run's vars (runtime.opts.vars)
 * @param {readonly string[]} names
 * @returns {Record<string, ConfiguredVar>}
 */
export function configuredVars(root, overrides, names) {
	const { workerOptions } = unstable_getMiniflareWorkerOptions(join(root, "wrangler.toml"));
	/** @type {Record<string, unknown>} */
	const production = { .../** @type {{ bindings?: Record<string, unknown> }} */ (workerOptions.bindings ?? {}) };
	const development = developmentVars(root);
	/** @type {[string, Record<string, unknown>][]} */
	const layers = [
		["bench", overrides],
		[DEVELOPMENT_ENV, development],
		["wrangler.toml", production],
	];
	return Object.fromEntries(
		names.map((name) => {
			const hit = layers.find(([, vars]) => typeof vars[name] === "string");
			return [name, hit ? { value: String(hit[1][name]), from: hit[0] } : { value: "", from: "unset" }];
		}),
	);
}
