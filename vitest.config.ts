import { readFileSync } from "node:fs";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// wrangler.toml's [vars] are production values; tests run with development.env over them, as `npm run dev` does
// (KEY=value lines and # comments only: the file is ours). Project-specific bindings below still win.
const DEVELOPMENT_VARS = Object.fromEntries(
	readFileSync("./development.env", "utf8")
		.split(/\r?\n/)
		.map((line) => /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line))
		.flatMap((m): [string, string][] => (m?.[1] ? [[m[1], m[2] ?? ""]] : [])),
);

// Each project runs whole folders of test/, one per part; helpers live in test/helpers/ and are never collected.
const WORKER_TESTS = ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts", "test/webhooks/**/*.test.ts"];
// PROVIDER=interswitch against the fake Interswitch that test/interswitch/fake.ts serves (MSW) at isw.test.
const INTERSWITCH_TESTS = ["test/interswitch/**/*.test.ts"];
const INTERSWITCH_BINDINGS = {
	PROVIDER: "interswitch",
	INTERSWITCH_AUTH_URL: "https://isw.test/passport/oauth/token",
	INTERSWITCH_BASE_URL: "https://isw.test/marketplace-routing/api/v1",
	INTERSWITCH_CLIENT_ID: "fake-client-id",
	INTERSWITCH_CLIENT_SECRET: "fake-client-secret",
	INTERSWITCH_DATE_FORMAT: "dmy",
	PROVIDER_MAX_ATTEMPTS: "3",
	// The "hang" fault costs this once per attempt: short, yet far above an in-process round trip.
	PROVIDER_TIMEOUT_MS: "1000",
	// Above PROVIDER_MAX_ATTEMPTS, so one verification's failures alone never open the breaker.
	PROVIDER_BREAKER_FAILURE_THRESHOLD: "4",
	PROVIDER_BREAKER_COOLDOWN_MS: "60000",
};

// Live mode's providers in order, Interswitch then Prembly (docs/providers.md), against both fakes that
// test/failover/fakes.ts serves (MSW) at isw.test and prembly.test.
const FAILOVER_TESTS = ["test/prembly/**/*.test.ts", "test/failover/**/*.test.ts"];
const FAILOVER_BINDINGS = {
	...INTERSWITCH_BINDINGS,
	PROVIDERS: "interswitch,prembly",
	PREMBLY_BASE_URL: "https://prembly.test",
	PREMBLY_API_KEY: "fake-prembly-key",
	PREMBLY_APP_ID: "fake-prembly-app",
};

// A production deployment (ENVIRONMENT=production, real secrets): live keys reach the fake Interswitch, test keys
// the sandbox, the development shortcuts (dev key, dev admin token, dev PII key) are refused.
const PRODUCTION_BINDINGS = {
	...INTERSWITCH_BINDINGS,
	ENVIRONMENT: "production",
	PII_ENCRYPTION_KEY: "cHJvZHVjdGlvbi10ZXN0LWtleS1ub3QtdGhlLWRldiE=",
	PROVIDER_BACKOFF_BASE_MS: "500",
	PROVIDER_BACKOFF_MAX_MS: "4000",
};

// After a PII key rotation: a new key, and the one every other project runs with (the development key) listed as
// previous. Tests reach the states before the rotation and after the old key is dropped by giving the worker other
// key rings per call (test/helpers/api.ts `env`); the Durable Objects hold this ring throughout.
const ROTATED_PII_KEY = "cm90YXRpb24tdGVzdC1rZXktYi1ub3QtdGhlLWRldiE=";
// DEV_PII_KEY (src/config.ts); test/rotation checks they agree.
const ROTATION_BINDINGS = {
	PII_ENCRYPTION_KEY: ROTATED_PII_KEY,
	PII_ENCRYPTION_KEYS_PREVIOUS: "ZGV2LW9ubHktcGlpLWtleS1kby1ub3QtdXNlLTMyYg==",
};

const workers = (extra: Record<string, string>) =>
	cloudflareTest(async () => ({
		wrangler: { configPath: "./wrangler.toml" },
		miniflare: {
			bindings: {
				...DEVELOPMENT_VARS,
				TEST_MIGRATIONS: await readD1Migrations("./migrations/directory"),
				TEST_SHARD_MIGRATIONS: await readD1Migrations("./migrations/shard"),
				ADMIN_TOKEN: "test_admin_token_0123456789",
				// A hanging receiver in test/webhooks/slow-lane.test.ts costs this once per round; MSW answers in far less.
				WEBHOOK_FAST_LANE_TIMEOUT_MS: "1000",
				// Test-only: lets tests arm the crash points of src/crash-points.ts. Set here and nowhere else (not in
				// development.env, never in wrangler.toml); the production project gets it too and must refuse it.
				FAULT_INJECTION: "on",
				...extra,
			},
			// Many test files share the dev key; the 429 path is tested with a refusing limiter (test/integration/security.test.ts).
			ratelimits: {
				API_RATE_LIMITER_LIVE: { namespace_id: "1003", simple: { limit: 1_000_000, period: 10 } },
				API_RATE_LIMITER_TEST: { namespace_id: "1004", simple: { limit: 1_000_000, period: 10 } },
				PROVIDER_RATE_LIMITER: { namespace_id: "1002", simple: { limit: 1_000_000, period: 60 } },
				// As deployed: requests without CF-Connecting-IP (every test's but auth-cost's) are not counted.
				AUTH_FAILURE_LIMITER: { namespace_id: "1005", simple: { limit: 20, period: 60 } },
			},
		},
	}));

export default defineConfig({
	test: {
		projects: [
			// Checks that need Node rather than workerd (e.g. a JSON-Schema-compiling OpenAPI validator).
			{
				// The partner examples (test/node/examples.test.ts) import the typed client by its package name.
				resolve: { alias: { "@kyc/client": new URL("./client/src/index.ts", import.meta.url).pathname } },
				test: { name: "node", include: ["test/node/**/*.test.ts"], environment: "node" },
			},
			{
				plugins: [workers({})],
				test: {
					name: "worker",
					include: WORKER_TESTS,
					setupFiles: ["./test/helpers/setup.ts"],
					testTimeout: 20_000,
				},
			},
			{
				plugins: [workers(PRODUCTION_BINDINGS)],
				test: {
					name: "production",
					include: ["test/production/**/*.test.ts"],
					setupFiles: ["./test/helpers/setup.ts"],
					testTimeout: 20_000,
				},
			},
			{
				plugins: [workers(ROTATION_BINDINGS)],
				test: {
					name: "rotation",
					include: ["test/rotation/**/*.test.ts"],
					setupFiles: ["./test/helpers/setup.ts"],
					testTimeout: 20_000,
				},
			},
			// The same worker with PROVIDER=interswitch (live mode's provider) against the fake Interswitch (docs/interswitch.md).
			{
				plugins: [workers(INTERSWITCH_BINDINGS)],
				test: {
					name: "interswitch",
					include: INTERSWITCH_TESTS,
					// Interswitch serves live mode only: these files act with a live key (test keys always use the sandbox).
					setupFiles: ["./test/helpers/setup.ts", "./test/interswitch/live-mode.ts"],
					testTimeout: 20_000,
				},
			},
			// PROVIDERS=interswitch,prembly against both fakes: the Prembly adapter, the failover chain, provider status.
			{
				plugins: [workers(FAILOVER_BINDINGS)],
				test: {
					name: "failover",
					include: FAILOVER_TESTS,
					setupFiles: ["./test/helpers/setup.ts"],
					testTimeout: 20_000,
				},
			},
			// The typed client (client/, @kyc/client) against the real worker: in workerd through exports.default.fetch,
			// and in Node over HTTP (the bench's Miniflare runtime) plus retry/backoff units with a fake fetch.
			{
				plugins: [workers({})],
				test: {
					name: "client",
					include: ["client/test/**/*.worker.test.ts"],
					setupFiles: ["./test/helpers/setup.ts"],
					testTimeout: 20_000,
				},
			},
			{
				test: {
					name: "client-node",
					include: ["client/test/**/*.node.test.ts"],
					environment: "node",
					testTimeout: 20_000,
				},
			},
		],
	},
});
