import { fromBase64, sha256Hex, toBase64 } from "./encoding";

/**
 * Envelope encryption of personal data at rest: AES-256-GCM, key derived with HKDF from a secret, the key id
 * stored beside each ciphertext so old records stay readable after a rotation, and the record id bound in as
 * associated data so a ciphertext cannot be moved to another verification.
 */
export interface PiiCipher {
	encrypt(plaintext: string, recordId: string): Promise<string>;
	/** Throws `PiiDecryptError` on a tampered record or an unknown key: it fails closed. */
	decrypt(envelope: string, recordId: string): Promise<string>;
	/** Keyed hash for equality lookups on personal data without storing it. */
	blindIndex(value: string): Promise<string>;
}

export class PiiDecryptError extends Error {
	constructor(message: string) {
		super(message);
		this.name = "PiiDecryptError";
	}
}

interface KeyRing {
	current: { kid: string; key: CryptoKey };
	byKid: Map<string, CryptoKey>;
	indexKey: CryptoKey;
}

async function derive(secret: string, info: string, usage: "aes" | "hmac"): Promise<CryptoKey> {
	const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), "HKDF", false, ["deriveKey"]);
	const params = { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: new TextEncoder().encode(info) };
	return usage === "aes"
		? crypto.subtle.deriveKey(params, material, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"])
		: crypto.subtle.deriveKey(params, material, { name: "HMAC", hash: "SHA-256", length: 256 }, false, ["sign"]);
}

const rings = new Map<string, Promise<KeyRing>>();

async function buildRing(secrets: string[]): Promise<KeyRing> {
	const byKid = new Map<string, CryptoKey>();
	const entries = await Promise.all(
		secrets.map(async (s) => ({ kid: (await sha256Hex(`kid:${s}`)).slice(0, 8), key: await derive(s, "kyc-pii-v1", "aes") })),
	);
	for (const e of entries) byKid.set(e.kid, e.key);
	const [current] = entries;
	if (!current || !secrets[0]) throw new Error("No PII encryption key configured");
	// The blind index stays on the first key it was built with only while that key is current; after a
	// rotation duplicates of older records are simply not detected, which is the safe direction.
	return { current, byKid, indexKey: await derive(secrets[0], "kyc-blind-index-v1", "hmac") };
}

/** A cipher for the given key list (current first). Key derivation is cached per isolate. */
export function piiCipher(secrets: string[]): PiiCipher {
	const cacheKey = secrets.join("\u0000");
	let ring = rings.get(cacheKey);
	if (!ring) {
		ring = buildRing(secrets);
		rings.set(cacheKey, ring);
	}
	const ready = ring;
	return {
		async encrypt(plaintext, recordId) {
			const { current } = await ready;
			const iv = crypto.getRandomValues(new Uint8Array(12));
			const ct = await crypto.subtle.encrypt(
				{ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(recordId) },
				current.key,
				new TextEncoder().encode(plaintext),
			);
			return `v1.${current.kid}.${toBase64(iv)}.${toBase64(new Uint8Array(ct))}`;
		},
		async decrypt(envelope, recordId) {
			const [version, kid, iv, ct] = envelope.split(".");
			const key = kid ? (await ready).byKid.get(kid) : undefined;
			if (version !== "v1" || !key || !iv || !ct) throw new PiiDecryptError("unknown key or malformed envelope");
			try {
				const pt = await crypto.subtle.decrypt(
					{ name: "AES-GCM", iv: fromBase64(iv), additionalData: new TextEncoder().encode(recordId) },
					key,
					fromBase64(ct),
				);
				return new TextDecoder().decode(pt);
			} catch {
				throw new PiiDecryptError("ciphertext failed authentication");
			}
		},
		async blindIndex(value) {
			const { indexKey } = await ready;
			const mac = await crypto.subtle.sign("HMAC", indexKey, new TextEncoder().encode(value));
			return toBase64(new Uint8Array(mac));
		},
	};
}
