import { type Config } from "../config";
import { PiiDecryptError } from "../crypto/pii";
import { log } from "../log";
import { ATTEMPT_TIMEOUT_MS, type AttemptResult, postWebhook } from "./http-attempt";
import { type DeliveryRow, type EndpointRow } from "./objects";
import { signingSecrets } from "./secrets";
import { signedHeaders } from "./signing";
import { checkWebhookUrl } from "./url-guard";

/**
 * Signs and sends one delivery. Signing happens here, at send time (`now` is the moment of this POST, not of its
 * message), so every attempt carries a fresh `webhook-timestamp` and whichever secrets are active now (both during
 * a rotation).
 */
export async function send(
	config: Config,
	d: DeliveryRow,
	e: EndpointRow,
	now: number,
	timeoutMs = ATTEMPT_TIMEOUT_MS,
): Promise<AttemptResult> {
	const check = checkWebhookUrl(e.url, { development: config.isDevelopment });
	if (!check.ok) {
		return {
			outcome: "retry",
			responseStatus: null,
			latencyMs: 0,
			errorClass: "url_not_allowed",
			error: check.reason,
			retryAfterSeconds: null,
		};
	}
	let secrets: string[];
	try {
		secrets = await signingSecrets(config, e, now);
	} catch (err) {
		if (!(err instanceof PiiDecryptError)) throw err;
		// Its key was dropped before the re-encryption ran (or the row was altered): never send unsigned, say why.
		log("error", "webhook.secret_unreadable", { endpoint_id: e.id, reason: err.message });
		return {
			outcome: "retry",
			responseStatus: null,
			latencyMs: 0,
			errorClass: "signing_secret_unreadable",
			error:
				"The endpoint's signing secret cannot be decrypted with the configured keys; rotate it with `force: true`.",
			retryAfterSeconds: null,
		};
	}
	const headers = await signedHeaders({ id: d.eventId, timestamp: Math.floor(now / 1000), body: d.payload, secrets });
	return postWebhook(check.url, d.payload, headers, timeoutMs);
}
