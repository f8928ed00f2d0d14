import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

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

const workers = (extra: Record<string, string>) =>
	cloudflareTest(async () => ({
		wrangler: { configPath: "./wrangler.toml" },
		miniflare: {
			bindings: {
				TEST_MIGRATIONS: await readD1Migrations("./migrations"),
				ADMIN_TOKEN: "test_admin_token_0123456789",
				...extra,
			},
			// Many test files share the dev key; the 429 path is tested with a refusing limiter (test/integration/security.test.ts).
			ratelimits: {
				API_RATE_LIMITER: { namespace_id: "1001", simple: { limit: 1_000_000, period: 60 } },
				PROVIDER_RATE_LIMITER: { namespace_id: "1002", simple: { limit: 1_000_000, period: 60 } },
			},
		},
	}));

export default defineConfig({
	test: {
		projects: [
			// Checks that need Node rather than workerd (e.g. a JSON-Schema-compiling OpenAPI validator).
			{ test: { name: "node", include: ["test/node/**/*.test.ts"], environment: "node" } },
			{
				plugins: [workers({})],
				test: {
					name: "worker",
					include: WORKER_TESTS,
					setupFiles: ["./test/helpers/setup.ts"],
					testTimeout: 20_000,
				},
			},
			// The same worker with PROVIDER=interswitch against the fake Interswitch (docs/interswitch.md).
			{
				plugins: [workers(INTERSWITCH_BINDINGS)],
				test: {
					name: "interswitch",
					include: INTERSWITCH_TESTS,
					setupFiles: ["./test/helpers/setup.ts"],
					testTimeout: 20_000,
				},
			},
		],
	},
});
