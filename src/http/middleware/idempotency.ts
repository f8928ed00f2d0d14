import { createMiddleware } from "hono/factory";
import { canonicalJson } from "../../canonical-json";
import { sha256Hex } from "../../crypto/encoding";
import { DomainError } from "../../errors";
import { claimRequestKey, recordRequestAnswer, releaseRequestKey } from "../../records/idempotent-requests";
import { type AppEnv } from "../context";

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const REPLAYED_HEADER = "idempotent-replayed";
/** What a key may be: printable ASCII, 1–255 characters (a UUID or the partner's own request id). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

const WRITES = new Set(["POST", "PATCH", "DELETE"]);

/** A submission keeps its key with its verification (`records/idempotency-keys.ts`), not here. */
const isSubmission = (method: string, path: string) => method === "POST" && /^\/api\/verifications\/?$/.test(path);

/** The request a key stands for: its method, its route (with or without the trailing slash) and its body's value. */
async function fingerprintOf(method: string, path: string, text: string): Promise<string> {
	let body: unknown = null;
	if (text.trim() !== "") body = JSON.parse(text); // jsonBody has refused anything unparsable already
	return sha256Hex(`${method} ${path.replace(/\/+$/, "")} ${canonicalJson(body)}`);
}

/**
 * `Idempotency-Key` on every state-changing request under `/api` (POST, PATCH, DELETE) but a submission, like
 * Stripe's: the first request with a key runs and its answer is kept a day; the same key with the same request
 * replays that answer with `Idempotent-Replayed: true`; with another request it is a 422 `idempotency_key_reused`;
 * while the first still runs, a 409 `idempotency_key_in_use`. A 5xx is not kept, so a retry runs again.
 */
export const idempotentRequest = createMiddleware<AppEnv>(async (c, next) => {
	const key = c.req.header(IDEMPOTENCY_HEADER);
	if (key === undefined || !WRITES.has(c.req.method) || isSubmission(c.req.method, c.req.path)) return next();
	if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
		throw new DomainError("validation_failed", "The request is not valid.", {
			errors: [
				{ field: "header.idempotency-key", code: "invalid_string", message: "1–255 printable ASCII characters." },
			],
		});
	}
	const { db, account } = c.var;
	const fingerprint = await fingerprintOf(c.req.method, c.req.path, await c.req.text());
	const claim = await claimRequestKey(db, account, key, fingerprint, Date.now());
	if (claim.kind === "other_request")
		throw new DomainError("idempotency_key_reused", "This Idempotency-Key was already used with a different request.");
	if (claim.kind === "in_progress")
		throw new DomainError(
			"idempotency_key_in_use",
			"A request with this Idempotency-Key is still running; retry soon.",
		);
	if (claim.kind === "replay") {
		const type = claim.status >= 400 ? "application/problem+json" : "application/json";
		return new Response(claim.response, {
			status: claim.status,
			headers: { "content-type": type, [REPLAYED_HEADER]: "true" },
		});
	}
	try {
		await next();
	} catch (e) {
		await releaseRequestKey(db, account, key);
		throw e;
	}
	if (c.res.status >= 500) await releaseRequestKey(db, account, key);
	else await recordRequestAnswer(db, account, key, c.res.status, await c.res.clone().text());
});
