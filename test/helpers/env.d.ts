import type { D1Migration } from "cloudflare:test";

declare global {
	namespace Cloudflare {
		interface Env {
			/** Test-only: the D1 migrations, applied by test/helpers/setup.ts. */
			TEST_MIGRATIONS: D1Migration[];
			/** Test-only: every shard's migrations (migrations/shard), applied to each SHARD_n by test/helpers/setup.ts. */
			TEST_SHARD_MIGRATIONS: D1Migration[];
			/** From development.env (never deployed): the published development key. */
			DEV_API_KEY: string;
			/** Secrets (so not in wrangler's types): set by a project's bindings, e.g. the rotation project's key ring. */
			PII_ENCRYPTION_KEY?: string;
			PII_ENCRYPTION_KEYS_PREVIOUS?: string;
			/** Test-only (vitest.config.ts): "on" lets tests arm src/crash-points.ts crash points; refused in production. */
			FAULT_INJECTION: string;
		}
	}
}
