import { type Config } from "../config";
import { type Policy, type Tick } from "./transition";

export const policyFrom = (c: Config): Policy => ({
	verificationDeadlineMs: c.verificationDeadlineMs,
	actionDeadlineMs: c.actionDeadlineMs,
	backoffBaseMs: c.backoffBaseMs,
	backoffMaxMs: c.backoffMaxMs,
	maxAttempts: c.maxAttempts,
	retentionMs: c.piiRetentionMs,
});

export const tickFrom = (c: Config, now = Date.now()): Tick => ({ now, random: Math.random(), policy: policyFrom(c) });
