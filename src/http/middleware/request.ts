import { type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { type Config, ConfigError, loadConfig } from "../../config";
import { openBookmark, sealBookmark } from "../../crypto/bookmarks";
import { BOOKMARK_PATTERN, databaseSession, type SessionStart } from "../../db/client";
import { DIRECTORY, dataDatabases, shardDatabase } from "../../db/shards";
import { DomainError } from "../../errors";
import { newId } from "../../ids";
import { log } from "../../log";
import { type AppEnv } from "../context";
import { problemResponse } from "../problem";

export const MAX_BODY_BYTES = 16 * 1024;

/** Configurations whose refused settings were logged already (once per isolate and env). */
const reported = new WeakSet<object>();

/** The request and response header carrying a D1 bookmark, for reading one's own writes from a replica. */
export const BOOKMARK_HEADER = "consistency-bookmark";

const READS = new Set(["GET", "HEAD"]);

/**
 * Where the request's D1 session starts. A write starts at the primary; a read anywhere (the nearest replica), or,
 * when the client sends back a bookmark we gave it, on a replica at least that new (so it sees its own writes). A
 * bookmark we did not give (its MAC does not match) is refused before it reaches D1.
 */
async function sessionStart(
	method: string,
	sent: string | undefined,
	config: Config,
	db: string,
	dbs: readonly string[],
): Promise<SessionStart | DomainError> {
	if (!READS.has(method)) return "first-primary";
	if (sent === undefined) return "first-unconstrained";
	const opened = BOOKMARK_PATTERN.test(sent) ? await openBookmark(config.piiKeys, sent, dbs) : null;
	if (opened === null)
		return new DomainError("bad_request", "`Consistency-Bookmark` must be a value a response of this API carried.");
	// A position in the database the client's rows were in before it moved (docs/operators.md) says nothing here.
	return opened.db === db ? { bookmark: opened.bookmark } : "first-unconstrained";
}

/**
 * Points the request's D1 session at database `name` (the directory, or the shard of the request's client), starting
 * where its method and `Consistency-Bookmark` say. A bookmark we did not give is a 400.
 */
export async function useDatabase(c: Context<AppEnv>, name: string): Promise<DomainError | null> {
	const start = await sessionStart(
		c.req.method,
		c.req.header(BOOKMARK_HEADER),
		c.var.config,
		name,
		dataDatabases(c.env),
	);
	if (start instanceof DomainError) return start;
	// The directory is always bound; a shard is checked (a directory naming one this deployment lacks throws).
	const session = databaseSession(name === DIRECTORY ? c.env.DB : shardDatabase(c.env, name), start);
	c.set("db", session.db);
	c.set("dbSession", session);
	c.set("dbName", name);
	return null;
}

/**
 * Per request: an id for support, the parsed config and the request's D1 session; security headers and the
 * session's bookmark on the way out.
 */
export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
	const requestId = newId("req");
	c.set("requestId", requestId);
	let config: Config;
	try {
		config = loadConfig(c.env);
	} catch (e) {
		if (!(e instanceof ConfigError)) throw e;
		// Never run on a configuration we cannot read: say so to the operator's logs and to the caller.
		log("error", "config.invalid", { problems: e.issues });
		return problemResponse(
			new DomainError("service_unavailable", "The service is mis-configured; the operator has been told."),
			c,
		);
	}
	if (config.problems.length > 0 && !reported.has(config)) {
		reported.add(config);
		log("error", "config.invalid", { problems: config.problems });
	}
	c.set("config", config);
	// An /api request's session is on its client's shard, opened once its key says which (middleware/auth.ts).
	if (!c.req.path.startsWith("/api/")) {
		const refused = await useDatabase(c, DIRECTORY);
		if (refused) return problemResponse(refused, c);
	}
	await next();
	const bookmark = c.var.dbSession?.bookmark() ?? null;
	const sealed = bookmark ? await sealBookmark(config.piiKeys, c.var.dbName, bookmark) : null;
	if (sealed) c.header(BOOKMARK_HEADER, sealed);
	c.header("request-id", requestId);
	c.header("x-content-type-options", "nosniff");
	c.header("referrer-policy", "no-referrer");
	c.header("x-frame-options", "DENY");
	if (c.req.path.startsWith("/api") || c.req.path.startsWith("/admin")) c.header("cache-control", "no-store");
});

/**
 * The body size bound, enforced while the body streams in and before authentication: a chunked upload without
 * `Content-Length` is cut off at MAX_BODY_BYTES + one chunk, never buffered whole, on every path.
 */
export const streamingBodyLimit = bodyLimit({
	maxSize: MAX_BODY_BYTES,
	onError: (c) => problemResponse(tooLarge(), c),
});

/**
 * Bodies are JSON, small, and well-formed before any route sees them: wrong type → 415, too big → 413,
 * unparsable → 400. Routes then validate the parsed value against their schema.
 */
export const jsonBody = createMiddleware<AppEnv>(async (c, next) => {
	if (!["POST", "PUT", "PATCH"].includes(c.req.method)) return next();
	const declared = Number(c.req.header("content-length") ?? "0");
	if (declared > MAX_BODY_BYTES) throw tooLarge();
	const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
	const isJson = type === "application/json" || type.endsWith("+json");
	if (type !== "" && !isJson && c.req.header("content-length") !== "0") throw unsupported();
	const text = await c.req.text();
	if (new TextEncoder().encode(text).byteLength > MAX_BODY_BYTES) throw tooLarge();
	if (text.trim() === "") return next();
	if (!isJson) throw unsupported();
	try {
		JSON.parse(text);
	} catch {
		throw new DomainError("invalid_json", "The body is not valid JSON.");
	}
	await next();
});

const unsupported = () =>
	new DomainError("unsupported_media_type", "Send the body as `Content-Type: application/json`.");
const tooLarge = () => new DomainError("payload_too_large", `The body must be at most ${MAX_BODY_BYTES} bytes.`);
