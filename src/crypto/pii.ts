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
	/** Keyed hash for equality lookups on personal data without storing it, under the current key. */
	blindIndex(value: string): Promise<string>;
	/**
	 * The same keyed hash under every key of the ring, current first: a hash stored before a rotation equals one of
	 * them. With one key configured this is `[blindIndex(value)]`.
	 */
	blindIndexes(value: string): Promise<string[]>;
	/** The id of the key `encrypt` and `blindIndex` use now (the one `keyIdOf` reads from its envelopes). */
	currentKeyId(): Promise<string>;
}

export class PiiDecryptError extends Error {
	constructor(message: string) {
		super(message);
		this.name = "PiiDecryptError";
	}
}

interface RingKey {
	kid: string;
	key: CryptoKey;
	indexKey: CryptoKey;
}

interface KeyRing {
	/** Current first; a secret listed twice appears once. */
	keys: RingKey[];
	byKid: Map<string, CryptoKey>;
}

const ENVELOPE = /^v1\.([0-9a-f]{8})\./;

/** The id of the key an envelope was sealed with (null for anything that is not an envelope). No key needed. */
export function keyIdOf(envelope: string | null): string | null {
	return envelope === null ? null : (ENVELOPE.exec(envelope)?.[1] ?? null);
}

/** The start every envelope sealed with key `kid` has: for finding stored envelopes by key with `LIKE`. */
export const envelopePrefix = (kid: string) => `v1.${kid}.`;

/** A key derived from a configured secret with HKDF, one per purpose (`info`), so no two uses share a key. */
export async function derive(secret: string, info: string, usage: "aes" | "hmac"): Promise<CryptoKey> {
	const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), "HKDF", false, ["deriveKey"]);
	const params = { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: new TextEncoder().encode(info) };
	return usage === "aes"
		? crypto.subtle.deriveKey(params, material, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"])
		: crypto.subtle.deriveKey(params, material, { name: "HMAC", hash: "SHA-256", length: 256 }, false, [
				"sign",
				"verify",
			]);
}

const rings = new Map<string, Promise<KeyRing>>();

async function buildRing(secrets: string[]): Promise<KeyRing> {
	const unique = [...new Set(secrets)];
	if (unique.length === 0 || !unique[0]) throw new Error("No PII encryption key configured");
	const keys = await Promise.all(
		unique.map(async (s) => ({
			kid: (await sha256Hex(`kid:${s}`)).slice(0, 8),
			key: await derive(s, "kyc-pii-v1", "aes"),
			// Each key has its own index key, so a blind index made before a rotation can still be recomputed.
			indexKey: await derive(s, "kyc-blind-index-v1", "hmac"),
		})),
	);
	return { keys, byKid: new Map(keys.map((k) => [k.kid, k.key])) };
}

async function hmac(key: CryptoKey, value: string): Promise<string> {
	return toBase64(new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(value))));
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
	const current = async () => (await ready).keys[0] as RingKey;
	return {
		async encrypt(plaintext, recordId) {
			const { kid, key } = await current();
			const iv = crypto.getRandomValues(new Uint8Array(12));
			const ct = await crypto.subtle.encrypt(
				{ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(recordId) },
				key,
				new TextEncoder().encode(plaintext),
			);
			return `v1.${kid}.${toBase64(iv)}.${toBase64(new Uint8Array(ct))}`;
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
			return hmac((await current()).indexKey, value);
		},
		async blindIndexes(value) {
			return Promise.all((await ready).keys.map((k) => hmac(k.indexKey, value)));
		},
		async currentKeyId() {
			return (await current()).kid;
		},
	};
}
