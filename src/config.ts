import { z } from "zod";
import { DEV_PII_KEY, piiKeyRing } from "./pii-keys";
import { isSandbox, PROVIDER_NAMES, type ProviderName, providerList, SANDBOX_PROVIDERS } from "./provider-names";

export { DEV_PII_KEY } from "./pii-keys";
export { isSandbox, PROVIDER_NAMES, type ProviderName, SANDBOX_PROVIDERS } from "./provider-names";

export const DEV_ADMIN_TOKEN = "dev_admin_token_do_not_use_in_production";
const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const ConfigSchema = z.object({
	// Unset means production: only an explicit ENVIRONMENT=development opens the development shortcuts.
	ENVIRONMENT: z.enum(["development", "production"]).default("production"),
	DEV_API_KEY: z.string().optional(),
	PROVIDER: z.enum(PROVIDER_NAMES).optional(),
	// Wins over PROVIDER when both are set; PROVIDER alone is a one-provider list.
	PROVIDERS: providerList.optional(),
	VERIFICATION_DEADLINE_SECONDS: seconds(86_400),
	ACTION_DEADLINE_SECONDS: seconds(604_800),
	PROVIDER_BACKOFF_BASE_MS: seconds(30_000),
	PROVIDER_BACKOFF_MAX_MS: seconds(1_800_000),
	PROVIDER_MAX_ATTEMPTS: seconds(8),
	PROVIDER_TIMEOUT_MS: seconds(10_000),
	WEBHOOK_FAST_LANE_TIMEOUT_MS: seconds(5_000),
	SANDBOX_DECISION_DELAY_MS: seconds(5_000),
	PII_RETENTION_SECONDS: seconds(2_592_000),
	// How long D1 keeps a verification's projection and timeline after its creation, and a delivery's log row.
	RECORD_RETENTION_SECONDS: seconds(400 * 86_400),
	DELIVERY_RETENTION_SECONDS: seconds(30 * 86_400),
	EVENT_RETENTION_SECONDS: seconds(30 * 86_400),
	// The cron's safety nets: how late or how old something must be before a sweep presumes it lost.
	SWEEP_WAKE_GRACE_SECONDS: seconds(60),
	SWEEP_UNPROJECTED_CLAIM_SECONDS: seconds(600),
	SWEEP_LOST_EVENT_SECONDS: seconds(300),
	SWEEP_OVERDUE_DELIVERY_SECONDS: seconds(300),
	CORS_ALLOWED_ORIGINS: z.string().default(""),
	// The OpenAPI documents' `servers` URL; unset, each document names the origin it was requested from.
	PUBLIC_URL: z
		.string()
		.url()
		.refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL")
		.optional(),
	// Shards (docs/operators.md): the ones new clients may be placed on (comma-separated; default every SHARD_n),
	// and how long a client move waits after switching the directory before it drains the old shard.
	SHARDS_OPEN: z.string().optional(),
	CLIENT_MOVE_SETTLE_SECONDS: z.coerce.number().int().min(0).default(90),
	ADMIN_TOKEN: z.string().min(16).optional(),
	PII_ENCRYPTION_KEY: z.string().optional(),
	PII_ENCRYPTION_KEYS_PREVIOUS: z.string().optional(),
	INTERSWITCH_AUTH_URL: z.string().url().default("https://qa.interswitchng.com/passport/oauth/token"),
	INTERSWITCH_BASE_URL: z
		.string()
		.url()
		.default("https://api-marketplace-routing.k8.isw.la/marketplace-routing/api/v1"),
	INTERSWITCH_CLIENT_ID: z.string().optional(),
	INTERSWITCH_CLIENT_SECRET: z.string().optional(),
	INTERSWITCH_DATE_FORMAT: z.enum(["dmy", "iso"]).default("dmy"),
	PREMBLY_BASE_URL: z.string().url().default("https://api.prembly.com"),
	PREMBLY_API_KEY: z.string().optional(),
	PREMBLY_APP_ID: z.string().optional(),
	PROVIDER_BREAKER_FAILURE_THRESHOLD: seconds(5),
	PROVIDER_BREAKER_COOLDOWN_MS: seconds(30_000),
	// Test-only (src/crash-points.ts): "on" lets tests arm crash points. Set by vitest.config.ts, refused in production.
	FAULT_INJECTION: z.string().optional(),
});

export type Raw = z.infer<typeof ConfigSchema>;

/** Everything the service needs from its environment, parsed once and passed in. */
export interface Config {
	environment: Raw["ENVIRONMENT"];
	isDevelopment: boolean;
	devApiKey: string | undefined;
	/**
	 * Live mode's providers in order of preference (`PROVIDERS`, or `PROVIDER` as a list of one). A lookup asks them
	 * in turn, failing over only when one could not answer. Test mode always uses SANDBOX_PROVIDERS.
	 */
	providers: ProviderName[];
	/** The first of `providers`: the one a new live verification names until another decides it. */
	provider: ProviderName;
	/** Why live mode cannot run safely with this configuration (empty: it can). Live requests then get a 503. */
	liveModeProblems: string[];
	/** Settings that were refused as unsafe (logged as `config.invalid`); the service runs without them. */
	problems: string[];
	verificationDeadlineMs: number;
	actionDeadlineMs: number;
	backoffBaseMs: number;
	backoffMaxMs: number;
	maxAttempts: number;
	providerTimeoutMs: number;
	/** How long a webhook attempt on the main lane may wait; an endpoint slower than this moves to the slow lane. */
	webhookFastLaneTimeoutMs: number;
	sandboxDecisionDelayMs: number;
	piiRetentionMs: number;
	/** D1 retention after creation: verifications' projection rows, their timeline events (the feed), deliveries. */
	retention: { recordsMs: number; eventsMs: number; deliveriesMs: number };
	/**
	 * The cron sweeps' thresholds: a wake-up this late is re-armed; a duplicate-guard claim this old without a
	 * projection is looked at; a status change this old without a delivery row is re-queued; a pending delivery
	 * this far past its next attempt is re-sent. Shorter values find losses sooner but may poke work that is merely slow.
	 */
	sweeps: { wakeGraceMs: number; unprojectedClaimMs: number; lostEventMs: number; overdueDeliveryMs: number };
	/** Exact origins allowed by CORS; empty means CORS is off. */
	corsOrigins: string[];
	/**
	 * The deployment's absolute base URL (`PUBLIC_URL`, no trailing slash), which the OpenAPI documents name as their
	 * server: code generators and Postman need an absolute one. Undefined: the origin each request came to.
	 */
	publicUrl: string | undefined;
	/** The shards new clients may go to (`SHARDS_OPEN`); null: every declared shard (src/db/shards.ts). */
	shardsOpen: string[] | null;
	/** A client move's wait between switching the directory and draining the old shard (every cache has let go). */
	moveSettleMs: number;
	/** Undefined in production when the secret is missing: admin routes then refuse everyone. */
	adminToken: string | undefined;
	/** Current key first; earlier keys only decrypt. Empty in production without the secret. */
	piiKeys: string[];
	usingDevPiiKey: boolean;
	interswitch: {
		authUrl: string;
		baseUrl: string;
		clientId: string | undefined;
		clientSecret: string | undefined;
		/** How `date_of_birth` is sent: `dmy` = DD/MM/YYYY, `iso` = YYYY-MM-DD (public sources disagree). */
		dateFormat: Raw["INTERSWITCH_DATE_FORMAT"];
	};
	prembly: {
		/** `/verification/national_passport_v2` is appended. */
		baseUrl: string;
		apiKey: string | undefined;
		appId: string | undefined;
	};
	/** The provider circuit breaker: opens after this many consecutive failures, for this long. */
	breaker: { failureThreshold: number; cooldownMs: number };
	/** Tests may arm crash points (src/crash-points.ts): `FAULT_INJECTION=on`, and never in production. */
	faultInjection: boolean;
}

const cache = new WeakMap<object, Config>();

/** A binding that does not parse: the deployment is mis-configured (the HTTP layer answers 503 `service_unavailable` and logs `config.invalid`). */
export class ConfigError extends Error {
	constructor(readonly issues: string[]) {
		super(`Invalid configuration: ${issues.join("; ")}`);
		this.name = "ConfigError";
	}
}

/** Parses the bindings (the worker's `env`, or any object of vars) once per object; throws ConfigError when malformed. */
export function loadConfig(env: object): Config {
	const cached = cache.get(env);
	if (cached) return cached;
	const parsed = ConfigSchema.safeParse(env);
	if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
	const raw = parsed.data;
	const dev = raw.ENVIRONMENT === "development";
	const providers = raw.PROVIDERS ?? [raw.PROVIDER ?? (dev ? "sandbox" : "interswitch")];
	const problems: string[] = [];
	const liveModeProblems = dev ? [] : liveProviderProblems(raw, providers);
	if (!dev && raw.ADMIN_TOKEN === DEV_ADMIN_TOKEN)
		problems.push("ADMIN_TOKEN is the published development token; refused.");
	if (!dev && raw.DEV_API_KEY) problems.push("DEV_API_KEY is ignored outside development.");
	if (!dev && raw.FAULT_INJECTION !== undefined)
		problems.push("FAULT_INJECTION is refused in production; it stays off.");
	const piiKeys = piiKeyRing(raw.PII_ENCRYPTION_KEY, raw.PII_ENCRYPTION_KEYS_PREVIOUS, dev, problems);
	const config: Config = {
		environment: raw.ENVIRONMENT,
		isDevelopment: dev,
		devApiKey: dev ? raw.DEV_API_KEY : undefined,
		providers,
		provider: providers[0] ?? "sandbox",
		liveModeProblems,
		problems,
		verificationDeadlineMs: raw.VERIFICATION_DEADLINE_SECONDS * 1000,
		actionDeadlineMs: raw.ACTION_DEADLINE_SECONDS * 1000,
		backoffBaseMs: raw.PROVIDER_BACKOFF_BASE_MS,
		backoffMaxMs: raw.PROVIDER_BACKOFF_MAX_MS,
		maxAttempts: raw.PROVIDER_MAX_ATTEMPTS,
		providerTimeoutMs: raw.PROVIDER_TIMEOUT_MS,
		webhookFastLaneTimeoutMs: raw.WEBHOOK_FAST_LANE_TIMEOUT_MS,
		sandboxDecisionDelayMs: raw.SANDBOX_DECISION_DELAY_MS,
		piiRetentionMs: raw.PII_RETENTION_SECONDS * 1000,
		retention: {
			recordsMs: raw.RECORD_RETENTION_SECONDS * 1000,
			eventsMs: raw.EVENT_RETENTION_SECONDS * 1000,
			deliveriesMs: raw.DELIVERY_RETENTION_SECONDS * 1000,
		},
		sweeps: {
			wakeGraceMs: raw.SWEEP_WAKE_GRACE_SECONDS * 1000,
			unprojectedClaimMs: raw.SWEEP_UNPROJECTED_CLAIM_SECONDS * 1000,
			lostEventMs: raw.SWEEP_LOST_EVENT_SECONDS * 1000,
			overdueDeliveryMs: raw.SWEEP_OVERDUE_DELIVERY_SECONDS * 1000,
		},
		shardsOpen: raw.SHARDS_OPEN === undefined ? null : splitList(raw.SHARDS_OPEN),
		moveSettleMs: raw.CLIENT_MOVE_SETTLE_SECONDS * 1000,
		corsOrigins: splitList(raw.CORS_ALLOWED_ORIGINS),
		publicUrl: raw.PUBLIC_URL?.replace(/\/+$/, ""),
		adminToken: dev
			? (raw.ADMIN_TOKEN ?? DEV_ADMIN_TOKEN)
			: raw.ADMIN_TOKEN === DEV_ADMIN_TOKEN
				? undefined
				: raw.ADMIN_TOKEN,
		piiKeys,
		usingDevPiiKey: piiKeys[0] === DEV_PII_KEY,
		interswitch: {
			authUrl: raw.INTERSWITCH_AUTH_URL,
			baseUrl: raw.INTERSWITCH_BASE_URL,
			clientId: raw.INTERSWITCH_CLIENT_ID,
			clientSecret: raw.INTERSWITCH_CLIENT_SECRET,
			dateFormat: raw.INTERSWITCH_DATE_FORMAT,
		},
		prembly: { baseUrl: raw.PREMBLY_BASE_URL, apiKey: raw.PREMBLY_API_KEY, appId: raw.PREMBLY_APP_ID },
		breaker: { failureThreshold: raw.PROVIDER_BREAKER_FAILURE_THRESHOLD, cooldownMs: raw.PROVIDER_BREAKER_COOLDOWN_MS },
		faultInjection: dev && raw.FAULT_INJECTION === "on",
	};
	cache.set(env, config);
	return config;
}

/** Secrets each real provider needs before live mode may use it. */
export const PROVIDER_SECRETS: Record<ProviderName, readonly (keyof Raw)[]> = {
	sandbox: [],
	sandbox_backup: [],
	interswitch: ["INTERSWITCH_CLIENT_ID", "INTERSWITCH_CLIENT_SECRET"],
	prembly: ["PREMBLY_API_KEY", "PREMBLY_APP_ID"],
};

/** Why production cannot serve live mode with these providers: a sandbox in the list, or a provider without its secrets. */
function liveProviderProblems(raw: Raw, providers: ProviderName[]): string[] {
	const setting = (name: ProviderName) => (raw.PROVIDERS ? `PROVIDERS lists ${name}` : `PROVIDER=${name}`);
	return providers.flatMap((name) => {
		if (isSandbox(name)) return [`${setting(name)}: the sandbox is refused for live mode in production.`];
		const secrets = PROVIDER_SECRETS[name];
		if (secrets.every((secret) => raw[secret])) return [];
		return [`${secrets.join(" and ")} must be set for live mode (${setting(name)}).`];
	});
}

/** The providers a verification of this mode asks, in order: the sandbox pair in test mode, `providers` in live mode. */
export const providersFor = (config: Config, livemode: boolean): readonly ProviderName[] =>
	livemode ? config.providers : SANDBOX_PROVIDERS;

/** A comma-separated setting as its items, trimmed, empty ones dropped. */
function splitList(value: string): string[] {
	return value
		.split(",")
		.map((v) => v.trim())
		.filter(Boolean);
}
