// Secrets are not in wrangler.toml, so `wrangler types` cannot see them; declare them here.
interface Env {
	ADMIN_TOKEN?: string;
	PII_ENCRYPTION_KEY?: string;
	PII_ENCRYPTION_KEYS_PREVIOUS?: string;
	INTERSWITCH_CLIENT_ID?: string;
	INTERSWITCH_CLIENT_SECRET?: string;
	PREMBLY_API_KEY?: string;
	PREMBLY_APP_ID?: string;
	/** Optional var (not in wrangler.toml's [vars]): live mode's providers in order, e.g. "interswitch,prembly". */
	PROVIDERS?: string;
}
