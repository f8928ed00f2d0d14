import { fromBase64, toBase64 } from "../crypto/encoding";

/**
 * Standard Webhooks v1 signing, and nothing else: pure functions of (secret, id, timestamp, body), so the same
 * bytes can be checked by any Standard Webhooks library on the partner's side.
 */

export const SECRET_PREFIX = "whsec_";
const SECRET_BYTES = 32;

/** A new endpoint secret: `whsec_` + base64 of 32 random bytes. */
export function generateSecret(): string {
	return SECRET_PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)));
}

/** Whether a value has the shape of a secret made by `generateSecret`. */
export function isSecret(value: string): boolean {
	if (!value.startsWith(SECRET_PREFIX)) return false;
	try {
		return fromBase64(value.slice(SECRET_PREFIX.length)).byteLength === SECRET_BYTES;
	} catch {
		return false;
	}
}

/** The HMAC key is the base64-decoded part after `whsec_`, as the spec and its libraries expect. */
async function hmacKey(secret: string): Promise<CryptoKey> {
	if (!isSecret(secret)) throw new Error("not a whsec_ secret");
	const raw = fromBase64(secret.slice(SECRET_PREFIX.length));
	return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

/** `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>` for one secret. */
export async function signature(secret: string, id: string, timestamp: number, body: string): Promise<string> {
	const mac = await crypto.subtle.sign(
		"HMAC",
		await hmacKey(secret),
		new TextEncoder().encode(`${id}.${timestamp}.${body}`),
	);
	return `v1,${toBase64(new Uint8Array(mac))}`;
}

export interface SignInput {
	/** The event id: stable across attempts, so receivers can deduplicate on it. */
	id: string;
	/** Unix seconds of this attempt. */
	timestamp: number;
	body: string;
	/** Current secret first; during a rotation the previous one too, so either verifies. */
	secrets: string[];
}

/** The three Standard Webhooks headers for one attempt; one space-separated signature per active secret. */
export async function signedHeaders(input: SignInput): Promise<Record<string, string>> {
	const signatures = await Promise.all(input.secrets.map((s) => signature(s, input.id, input.timestamp, input.body)));
	return {
		"webhook-id": input.id,
		"webhook-timestamp": String(input.timestamp),
		"webhook-signature": signatures.join(" "),
	};
}
