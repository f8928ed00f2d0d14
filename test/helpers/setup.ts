import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll } from "vitest";
import { shardDatabase, shardNames } from "../../src/db/shards";
import { clearAlarms } from "./alarms";

beforeAll(async () => {
	await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
	for (const shard of shardNames(env)) await applyD1Migrations(shardDatabase(env, shard), env.TEST_SHARD_MIGRATIONS);
});

// Alarms outlive a test; leave none behind for the next one.
afterEach(async () => {
	await clearAlarms();
});
