import { createMiddleware } from "hono/factory";
import { canonicalJson } from "../../canonical-json";
import { sha256Hex } from "../../crypto/encoding";
import { keyIdOf, piiCipher } from "../../crypto/pii";
import { DomainError } from "../../errors";
import { claimRequestKey, recordRequestAnswer, releaseRequestKey } from "../../records/idempotent-requests";
import { type Account } from "../../tenancy";
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
 * A kept answer is sealed like personal data at rest, bound to its client, mode and key: an endpoint's creation or
 * secret rotation carries its `whsec_` secret, which the endpoint's own row holds only encrypted. Without a key (a
 * production deployment missing PII_ENCRYPTION_KEY, which cannot make a secret either) it is kept as it is.
 */
function answerCipher(piiKeys: string[], account: Account, key: string) {
	const cipher = piiKeys.length > 0 ? piiCipher(piiKeys) : null;
	const bound = `idempotent_request:${account.clientId}:${account.livemode}:${key}`;
	return {
		seal: (answer: string) => (cipher ? cipher.encrypt(answer, bound) : answer),
		// An answer kept before answers were sealed is JSON, never an envelope.
		open: async (kept: string) => (cipher && keyIdOf(kept) !== null ? cipher.decrypt(kept, bound) : kept),
	};
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
	const { db, account, config } = c.var;
	const answers = answerCipher(config.piiKeys, account, key);
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
		return new Response(await answers.open(claim.response), {
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
	else await recordRequestAnswer(db, account, key, c.res.status, await answers.seal(await c.res.clone().text()));
});
