import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import { DomainError } from "../../errors";
import type { AppEnv } from "../context";
import { problemResponse } from "../problem";

/** The binding's window: a limited caller can always succeed again after this long. */
const RATE_WINDOW_SECONDS = 60;

/** Per API key request limit on `/api` (after authentication, so unknown keys cannot exhaust a real key's budget). */
export const apiRateLimit = createMiddleware<AppEnv>(async (c, next) => {
	const { success } = await c.env.API_RATE_LIMITER.limit({ key: c.get("apiKeyId") });
	if (!success) {
		const error = new DomainError("rate_limited", `Too many requests for this API key; retry in ${RATE_WINDOW_SECONDS} s.`);
		return problemResponse(error, c, { "retry-after": String(RATE_WINDOW_SECONDS) });
	}
	await next();
});

/** CORS is off unless `CORS_ALLOWED_ORIGINS` lists exact origins; then only those get CORS headers. */
export const corsPolicy = createMiddleware<AppEnv>(async (c, next) => {
	const allowed = c.get("config").corsOrigins;
	if (allowed.length === 0) return next();
	return cors({
		origin: (origin) => (allowed.includes(origin) ? origin : null),
		allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key"],
		allowMethods: ["GET", "POST", "PATCH", "DELETE"],
		exposeHeaders: ["Request-Id", "Idempotent-Replayed", "Retry-After"],
		maxAge: 600,
	})(c, next);
});
