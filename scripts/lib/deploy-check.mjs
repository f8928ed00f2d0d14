// @ts-check
// What `npm run deploy` refuses, as a pure function of what it can see (tested in test/node/deploy-check.test.ts):
// the [vars] wrangler would upload, the secret names the Worker has (or will get), and any secret values in
// the process environment. scripts/deploy.mjs gathers those and stops before uploading anything on a problem.

/** Published in src/config.ts and the docs, so refused in production (the service refuses them too). */
export const DEV_DEFAULTS = /** @type {const} */ ({
	ADMIN_TOKEN: "dev_admin_token_do_not_use_in_production",
	PII_ENCRYPTION_KEY: "ZGV2LW9ubHktcGlpLWtleS1kby1ub3QtdXNlLTMyYg==",
});

/** Shorter than this and src/config.ts rejects ADMIN_TOKEN: every request would get a 503. */
const ADMIN_TOKEN_MIN = 16;
/** What `openssl rand -base64 32` prints: 32 bytes in standard base64. src/config.ts refuses anything else. */
const PII_KEY = /^[A-Za-z0-9+/]{43}=$/;

/**
 * @typedef {{ name: string, message: string }} Problem
 * @typedef {{
 *   vars: Record<string, unknown>,
 *   present: ReadonlySet<string> | readonly string[],
 *   values?: Readonly<Record<string, string | undefined>>,
 * }} DeployFacts
 */

/** Each real provider's secrets (src/config.ts PROVIDER_SECRETS; test/node/deploy-check.test.ts holds them equal). */
export const PROVIDER_SECRETS = /** @type {const} */ ({
	interswitch: ["INTERSWITCH_CLIENT_ID", "INTERSWITCH_CLIENT_SECRET"],
	prembly: ["PREMBLY_API_KEY", "PREMBLY_APP_ID"],
});

/**
 * Live mode's providers as src/config.ts reads them: PROVIDERS (comma-separated, in order) wins over PROVIDER, and
 * with neither it is interswitch.
 * @param {Record<string, unknown>} vars
 * @returns {string[]}
 */
export function liveProviders(vars) {
	if (typeof vars.PROVIDERS === "string") {
		return vars.PROVIDERS.split(",")
			.map((name) => name.trim())
			.filter(Boolean);
	}
	return [typeof vars.PROVIDER === "string" ? vars.PROVIDER : "interswitch"];
}

/**
 * The secrets a deployment with these [vars] needs: the service's own, then each listed provider's.
 * @param {Record<string, unknown>} vars
 * @returns {string[]}
 */
export function requiredSecrets(vars) {
	const names = ["ADMIN_TOKEN", "PII_ENCRYPTION_KEY"];
	for (const provider of liveProviders(vars)) {
		if (provider in PROVIDER_SECRETS)
			names.push(...PROVIDER_SECRETS[/** @type {keyof typeof PROVIDER_SECRETS} */ (provider)]);
	}
	return names;
}

/**
 * Everything that makes this deploy unsafe; empty means go. `vars`: what wrangler.toml's [vars] upload;
 * `present`: secret names the Worker has or is about to get; `values`: secret values this process can see (the
 * environment; remote secrets have none).
 * @param {DeployFacts} facts
 * @returns {Problem[]}
 */
export function deployProblems({ vars, present, values = {} }) {
	/** @type {Problem[]} */
	const problems = [];
	const has = new Set(present);
	if (vars.ENVIRONMENT !== "production") {
		problems.push({
			name: "ENVIRONMENT",
			message: `wrangler.toml [vars] ENVIRONMENT is ${JSON.stringify(vars.ENVIRONMENT)}: a deployment must say "production" (development values belong in development.env).`,
		});
	}
	if ("DEV_API_KEY" in vars) {
		problems.push({
			name: "DEV_API_KEY",
			message: "wrangler.toml [vars] holds DEV_API_KEY: move it to development.env.",
		});
	}
	if ("FAULT_INJECTION" in vars) {
		problems.push({
			name: "FAULT_INJECTION",
			message:
				"wrangler.toml [vars] holds FAULT_INJECTION: it is for the test suite only (vitest.config.ts); remove it.",
		});
	}
	const setting = typeof vars.PROVIDERS === "string" ? "PROVIDERS" : "PROVIDER";
	for (const provider of liveProviders(vars)) {
		if (provider === "sandbox" || provider === "sandbox_backup") {
			problems.push({
				name: setting,
				message: `wrangler.toml [vars] ${setting} lists "${provider}": production refuses the sandbox for live mode. Use "interswitch" and/or "prembly".`,
			});
		} else if (!(provider in PROVIDER_SECRETS)) {
			problems.push({
				name: setting,
				message: `wrangler.toml [vars] ${setting} lists "${provider}", which is no provider: use "interswitch" and/or "prembly".`,
			});
		}
	}
	for (const name of requiredSecrets(vars)) {
		if (name in vars) {
			problems.push({
				name,
				message: `${name} is in wrangler.toml [vars], in plain text: remove it there and set it as a secret.`,
			});
		} else if (!has.has(name) && !values[name]) {
			problems.push({ name, message: `${name} is not set. Set it with: npx wrangler secret put ${name}` });
		}
	}
	for (const [name, published] of Object.entries(DEV_DEFAULTS)) {
		if (values[name] === published) {
			problems.push({ name, message: `${name} is the published development default; refused. Generate a real one.` });
		}
	}
	const admin = values.ADMIN_TOKEN;
	if (admin && admin !== DEV_DEFAULTS.ADMIN_TOKEN && admin.length < ADMIN_TOKEN_MIN) {
		problems.push({
			name: "ADMIN_TOKEN",
			message: `ADMIN_TOKEN is shorter than ${ADMIN_TOKEN_MIN} characters; the service would refuse it.`,
		});
	}
	const pii = values.PII_ENCRYPTION_KEY;
	if (pii && pii !== DEV_DEFAULTS.PII_ENCRYPTION_KEY && !(PII_KEY.test(pii) && atob(pii).length === 32)) {
		problems.push({
			name: "PII_ENCRYPTION_KEY",
			message:
				"PII_ENCRYPTION_KEY is not 32 bytes in base64; the service would refuse it. Generate one with: openssl rand -base64 32",
		});
	}
	return problems;
}
