import { type Context } from "hono";
import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import { FAILED_AUTH_LIMIT } from "../../auth/address-limit";
import { DomainError } from "../../errors";
import { type Mode, modeOf } from "../../tenancy";
import { type AppEnv } from "../context";
import { problemResponse } from "../problem";

export interface RatePolicy {
	/** The policy's name in `RateLimit-Policy` / `RateLimit`. */
	name: string;
	limit: number;
	windowSeconds: number;
}

/**
 * Per API key request limits on `/api`, by the key's mode: what wrangler.toml gives the two rate-limiting bindings
 * (the binding cannot tell its own settings; test/unit/rate-limits.test.ts holds the two equal). Live 100/s as in
 * Stripe's live mode, test 25/s; a 10 s window, the shorter of the binding's two.
 */
export const API_RATE_POLICIES: Record<Mode, RatePolicy> = {
	live: { name: "live", limit: 1_000, windowSeconds: 10 },
	test: { name: "test", limit: 250, windowSeconds: 10 },
};

/**
 * Failed authentications per client address (`CF-Connecting-IP`), before any key is known: each is a D1 look-up of a
 * key no cache knows, so this caps what unauthenticated callers cost the database (src/auth/address-limit.ts).
 */
export const AUTH_FAILURE_POLICY: RatePolicy = { name: "auth", ...FAILED_AUTH_LIMIT };

const limiterOf = (env: Env, mode: Mode): RateLimit =>
	mode === "live" ? env.API_RATE_LIMITER_LIVE : env.API_RATE_LIMITER_TEST;

/** `RateLimit-Policy` (draft-ietf-httpapi-ratelimit-headers): quota `q` per window `w` seconds. */
const policyField = (p: RatePolicy) => `"${p.name}";q=${p.limit};w=${p.windowSeconds}`;

/**
 * Per API key request limit on `/api` (after authentication, so unknown keys cannot exhaust a real key's budget).
 * Every answer says the policy; a 429 also says none is left (`RateLimit: r=0`) and when to come back. The binding
 * does not report what remains, so a successful answer carries no `RateLimit` field rather than a guess.
 */
export const apiRateLimit = createMiddleware<AppEnv>(async (c, next) => {
	const mode = modeOf(c.var.account.livemode);
	const policy = API_RATE_POLICIES[mode];
	const { success } = await limiterOf(c.env, mode).limit({ key: c.get("apiKeyId") });
	if (!success) {
		const why = `Too many requests for this API key (${mode} mode: ${policy.limit} per ${policy.windowSeconds} s)`;
		return limited(c, policy, why);
	}
	await next();
	// After the route, so a 304 keeps it too.
	c.header("ratelimit-policy", policyField(policy));
});

/** A 429 for `policy`: none left (`RateLimit: r=0`), and when to come back. */
export function limited(c: Context<AppEnv>, policy: RatePolicy, why: string): Response {
	const error = new DomainError("rate_limited", `${why}; retry in ${policy.windowSeconds} s.`);
	return problemResponse(error, c, {
		"retry-after": String(policy.windowSeconds),
		"ratelimit-policy": policyField(policy),
		ratelimit: `"${policy.name}";r=0;t=${policy.windowSeconds}`,
	});
}

/** CORS is off unless `CORS_ALLOWED_ORIGINS` lists exact origins; then only those get CORS headers. */
export const corsPolicy = createMiddleware<AppEnv>(async (c, next) => {
	const allowed = c.get("config").corsOrigins;
	if (allowed.length === 0) return next();
	return cors({
		origin: (origin) => (allowed.includes(origin) ? origin : null),
		allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "If-None-Match", "Consistency-Bookmark"],
		allowMethods: ["GET", "POST", "PATCH", "DELETE"],
		exposeHeaders: [
			"Request-Id",
			"Idempotent-Replayed",
			"Retry-After",
			"ETag",
			"RateLimit",
			"RateLimit-Policy",
			"Consistency-Bookmark",
		],
		maxAge: 600,
	})(c, next);
});
