import { applyD1Migrations, env } from "cloudflare:test";
import { afterEach, beforeAll } from "vitest";
import { clearAlarms } from "./helpers";

beforeAll(async () => {
	await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
});

// Alarms outlive a test; leave none behind for the next one.
afterEach(async () => {
	await clearAlarms();
});
