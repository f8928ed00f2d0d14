import { type Context } from "hono";
import { createMiddleware } from "hono/factory";
import { addressKey, FailedAuthLimit } from "../../auth/address-limit";
import { authenticate, THROTTLED } from "../../auth/api-keys";
import { timingSafeEqual } from "../../crypto/encoding";
import { database } from "../../db/client";
import { isDataDatabase, openShards } from "../../db/shards";
import { DomainError } from "../../errors";
import { log } from "../../log";
import { type AppEnv } from "../context";
import { problemResponse } from "../problem";
import { AUTH_FAILURE_POLICY, limited } from "./limits";
import { useDatabase } from "./request";

const CHALLENGE = { "www-authenticate": 'Bearer realm="kyc"' };

const unauthorized = (c: Context, message: string) =>
	problemResponse(new DomainError("unauthorized", message), c, CHALLENGE);

function bearer(header: string | undefined): string | null {
	const match = /^Bearer ([\x21-\x7e]+)$/i.exec(header ?? "");
	return match?.[1] ?? null;
}

/**
 * The failed-authentication limit of the caller's address. Cloudflare's edge sets `CF-Connecting-IP` on every request
 * it forwards (a client cannot supply its own); a request without it did not come through the edge (a test, a
 * service binding) and is not limited.
 */
function failureLimit(c: Context<AppEnv>): FailedAuthLimit | null {
	const ip = c.req.header("cf-connecting-ip");
	if (!ip) return null;
	return new FailedAuthLimit(c.env.AUTH_FAILURE_LIMITER, addressKey(ip));
}

/** `/api` routes: a live API key identifies the client every read and write is scoped to. */
export const apiKeyAuth = createMiddleware<AppEnv>(async (c, next) => {
	const token = bearer(c.req.header("authorization"));
	if (!token) return unauthorized(c, "Send your API key as `Authorization: Bearer <key>`.");
	// The primary, not the request's session: a cache miss then never reads a replica older than the revocation.
	const config = c.get("config");
	const open = openShards(c.env, config.shardsOpen);
	const found = await authenticate(database(c.env.DB), config, token, failureLimit(c), open);
	if (found === THROTTLED) return limited(c, AUTH_FAILURE_POLICY, "Too many failed authentications from this address");
	if (!found) return unauthorized(c, "The API key is unknown or revoked.");
	c.set("account", { clientId: found.clientId, livemode: found.livemode });
	c.set("apiKeyId", found.keyId);
	if (!isDataDatabase(c.env, found.shard)) {
		// The directory names a shard this deployment does not bind: an operator must add it back (docs/operators.md).
		log("error", "shard.unbound", { client_id: found.clientId, shard: found.shard });
		return problemResponse(new DomainError("service_unavailable", "This account's data is not reachable now."), c);
	}
	const refused = await useDatabase(c, found.shard);
	if (refused) return problemResponse(refused, c);
	if (found.livemode && config.liveModeProblems.length > 0) {
		log("error", "config.invalid", { mode: "live", problems: config.liveModeProblems });
		return problemResponse(
			new DomainError("service_unavailable", "Live mode is not configured on this deployment; test mode works."),
			c,
		);
	}
	await next();
});

/** `/admin` routes: the operator token only; client keys are not accepted here. */
export const adminAuth = createMiddleware<AppEnv>(async (c, next) => {
	const token = bearer(c.req.header("authorization"));
	const config = c.get("config");
	const expected = config.adminToken;
	if (!expected && !config.isDevelopment) {
		log("error", "config.invalid", { problems: ["ADMIN_TOKEN is not set (or is the development default)"] });
		return problemResponse(
			new DomainError("service_unavailable", "Operator access is not configured on this deployment."),
			c,
		);
	}
	if (!token || !expected || !timingSafeEqual(token, expected)) {
		return unauthorized(c, "Operator routes need `Authorization: Bearer <ADMIN_TOKEN>`.");
	}
	await next();
});
