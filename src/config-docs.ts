import { ConfigSchema, type Raw } from "./config";

/**
 * What each setting of src/config.ts means, for docs/configuration.md (`npm run docs:config`). Keyed by the schema's
 * own keys, so a setting cannot be added without its line; the defaults come from the schema itself.
 */
interface SettingDoc {
	meaning: string;
	/** A secret (`wrangler secret put`), never a `[vars]` entry. */
	secret?: true;
	/** What leaving it unset means, where the schema has no default to show. */
	unset?: string;
}

export const SETTING_DOCS: Record<keyof Raw, SettingDoc> = {
	ENVIRONMENT: {
		meaning:
			"`development` or `production`. Development allows http/loopback webhook URLs, the dev API key, the dev admin token and the dev personal-data key.",
	},
	DEV_API_KEY: {
		meaning:
			"Development only: a client owning this API key is seeded on first use. Ignored (and logged) in production.",
		unset: "no dev client",
	},
	PROVIDER: {
		meaning:
			"Live mode's provider: `interswitch` or `prembly`, or a sandbox outside production. Test-mode keys always use the sandbox pair.",
		unset: "`interswitch` in production, `sandbox` in development",
	},
	PROVIDERS: {
		meaning:
			"Live mode's providers in order of preference (`interswitch,prembly`), failing over on \"could not answer\"; wins over `PROVIDER`. Production refuses a sandbox in it and needs each listed provider's secrets.",
		unset: "`PROVIDER` as a list of one",
	},
	VERIFICATION_DEADLINE_SECONDS: {
		meaning: "`submitted`/`processing` → `expired` after this long without a decision.",
	},
	ACTION_DEADLINE_SECONDS: { meaning: "`requires_action` → `expired` after this long without a retry." },
	PROVIDER_BACKOFF_BASE_MS: { meaning: "First wait of the poll/retry backoff (exponential, equal jitter)." },
	PROVIDER_BACKOFF_MAX_MS: { meaning: "Cap of the poll/retry backoff." },
	PROVIDER_MAX_ATTEMPTS: {
		meaning: "Consecutive provider failures before a verification is `failed` (`provider_unavailable`, retryable).",
	},
	PROVIDER_TIMEOUT_MS: { meaning: "Hard timeout of one provider call." },
	WEBHOOK_FAST_LANE_TIMEOUT_MS: {
		meaning:
			"How long a webhook attempt may wait on the main lane; an endpoint slower than this moves to the slow lane (15 s there).",
	},
	SANDBOX_DECISION_DELAY_MS: { meaning: "Sandbox digits 5–9: the delay before the next poll." },
	PII_RETENTION_SECONDS: { meaning: "Personal data is purged this long after a final state." },
	RECORD_RETENTION_SECONDS: {
		meaning: "D1 keeps a verification's projection (its state, as lists show it) this long after its creation.",
	},
	DELIVERY_RETENTION_SECONDS: {
		meaning: "The delivery log's window: D1 keeps a delivery's log row this long after its creation.",
	},
	EVENT_RETENTION_SECONDS: {
		meaning:
			"The event window: D1 keeps timeline and feed events this long after they were recorded (the verification itself stays for RECORD_RETENTION_SECONDS).",
	},
	SWEEP_WAKE_GRACE_SECONDS: { meaning: "Cron: a verification's wake-up this late is re-armed." },
	SWEEP_UNPROJECTED_CLAIM_SECONDS: {
		meaning: "Cron: a duplicate-guard claim this old with no projection has its object poked.",
	},
	SWEEP_LOST_EVENT_SECONDS: {
		meaning: "Cron: a status change this old with no delivery row for a subscribed endpoint is re-queued.",
	},
	SWEEP_OVERDUE_DELIVERY_SECONDS: {
		meaning:
			"Cron: a `pending` delivery this far past its next attempt (or its claim's lease), and before the oldest message still queued, is re-sent (or failed).",
	},
	CORS_ALLOWED_ORIGINS: { meaning: "Exact browser origins allowed, comma-separated; empty turns CORS off." },
	PUBLIC_URL: {
		meaning:
			"The deployment's absolute base URL (http or https), named as the `servers` URL of the OpenAPI documents: code generators and Postman need an absolute one.",
		unset: "the origin each request came to",
	},
	SHARDS_OPEN: {
		meaning: "The shards new clients may be placed on, comma-separated.",
		unset: "every declared `SHARD_n`",
	},
	CLIENT_MOVE_SETTLE_SECONDS: {
		meaning: "A client move's wait between switching the directory and draining the old shard.",
	},
	ADMIN_TOKEN: {
		meaning:
			"Bearer token of the `/admin` routes (at least 16 characters). Without it, or with the published dev token, production's `/admin` answers `503 service_unavailable` (logged as `config.invalid`).",
		secret: true,
		unset: "a dev-only token in development; `/admin` refused in production",
	},
	PII_ENCRYPTION_KEY: {
		meaning:
			"Key for personal data at rest: 32 bytes in base64 (`openssl rand -base64 32`); any other value is refused (`config.invalid`, submissions `503`).",
		secret: true,
		unset: "a loud dev-only key in development; production refuses submissions",
	},
	PII_ENCRYPTION_KEYS_PREVIOUS: {
		meaning:
			"Comma-separated earlier keys, newest first: they open old envelopes and match old fingerprints, never seal.",
		secret: true,
		unset: "none",
	},
	INTERSWITCH_AUTH_URL: { meaning: "Interswitch's OAuth2 token URL." },
	INTERSWITCH_BASE_URL: { meaning: "Interswitch's base URL; the lookup path is appended." },
	INTERSWITCH_CLIENT_ID: {
		meaning: "Interswitch OAuth2 client id.",
		secret: true,
		unset: "Interswitch not configured",
	},
	INTERSWITCH_CLIENT_SECRET: {
		meaning: "Interswitch OAuth2 client secret.",
		secret: true,
		unset: "Interswitch not configured",
	},
	INTERSWITCH_DATE_FORMAT: {
		meaning: "How `date_of_birth` is sent to Interswitch: `dmy` (DD/MM/YYYY) or `iso` (YYYY-MM-DD).",
	},
	PREMBLY_BASE_URL: { meaning: "Prembly's base URL; `/verification/national_passport_v2` is appended." },
	PREMBLY_API_KEY: { meaning: "Prembly's `x-api-key`.", secret: true, unset: "Prembly not configured" },
	PREMBLY_APP_ID: { meaning: "Prembly's `app-id`.", secret: true, unset: "Prembly not configured" },
	PROVIDER_BREAKER_FAILURE_THRESHOLD: {
		meaning: "The provider circuit breaker opens after this many consecutive failures.",
	},
	PROVIDER_BREAKER_COOLDOWN_MS: { meaning: "How long an open breaker refuses calls before it tries one." },
	FAULT_INJECTION: {
		meaning: "Test-only: `on` lets tests arm crash points (set by vitest.config.ts). Refused in production.",
		unset: "off",
	},
};

/** What the service uses when a setting is unset: the schema's default, or the doc's words. */
export function defaultOf(key: keyof Raw): string {
	const parsed = ConfigSchema.shape[key].safeParse(undefined);
	if (parsed.success && parsed.data !== undefined) return parsed.data === "" ? "empty" : `\`${String(parsed.data)}\``;
	return SETTING_DOCS[key].unset ?? "unset";
}

const cell = (s: string) => s.replace(/\|/g, "\\|");

/** docs/configuration.md: every setting, in the schema's order, with `development.env`'s value beside the default. */
export function configurationMarkdown(development: Record<string, string>): string {
	const rows = (Object.keys(ConfigSchema.shape) as (keyof Raw)[]).map((key) => {
		const doc = SETTING_DOCS[key];
		const dev = development[key] === undefined ? "" : `\`${development[key]}\``;
		return `| \`${key}\`${doc.secret ? " (secret)" : ""} | ${cell(doc.meaning)} | ${cell(defaultOf(key))} | ${dev} |`;
	});
	return [
		"# Configuration",
		"",
		"<!-- Generated from src/config.ts and src/config-docs.ts by `npm run docs:config`; do not edit by hand. -->",
		"",
		"Every setting the service reads (`loadConfig` in src/config.ts). The default is what an unset setting means;",
		"`wrangler.toml`'s `[vars]` hold the production values `wrangler deploy` uploads, and `development.env` the",
		"values `npm run dev`, the tests and the bench run with. Secrets are set with `wrangler secret put`. A value that",
		"does not parse makes the service answer `503 service_unavailable` and log `config.invalid`.",
		"",
		"| setting | meaning | default | `development.env` |",
		"|---|---|---|---|",
		...rows,
		"",
	].join("\n");
}
