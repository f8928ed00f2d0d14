import { type Config } from "../config";
import { piiCipher } from "../crypto/pii";
import { type webhookEndpoints } from "../db/schema";

type EndpointRow = typeof webhookEndpoints.$inferSelect;

/** How long the previous secret keeps signing after a rotation without `force`. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

/** Encrypts a `whsec_` secret at rest, bound to its endpoint id so it cannot be moved to another endpoint. */
export function sealSecret(config: Config, endpointId: string, secret: string): Promise<string> {
	return piiCipher(config.piiKeys).encrypt(secret, endpointId);
}

/** The secrets that sign an attempt now: current first, then the previous one while its overlap lasts. */
export async function signingSecrets(config: Config, endpoint: EndpointRow, now: number): Promise<string[]> {
	const cipher = piiCipher(config.piiKeys);
	const secrets = [await cipher.decrypt(endpoint.secret, endpoint.id)];
	if (endpoint.previousSecret && (endpoint.previousSecretExpiresAt ?? 0) > now) {
		secrets.push(await cipher.decrypt(endpoint.previousSecret, endpoint.id));
	}
	return secrets;
}
