import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll } from "vitest";
import { clearAlarms } from "./alarms";

beforeAll(async () => {
	await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
});

// Alarms outlive a test; leave none behind for the next one.
afterEach(async () => {
	await clearAlarms();
});
