import { WebhookVerificationError } from "./errors.js";
import { type WebhookEvent, type WebhookPayload } from "./types.js";

/**
 * Standard Webhooks v1 (https://www.standardwebhooks.com/) on WebCrypto: the receiving side of the API's signed
 * webhooks. HMAC-SHA256 over `${webhook-id}.${webhook-timestamp}.${body}` with the base64 key after `whsec_`.
 */

/** Request headers as a `Headers` object, or a plain record (Node's `req.headers`, any case). */
export type WebhookHeaders =
	| { get(name: string): string | null }
	| Readonly<Record<string, string | readonly string[] | undefined>>;

export interface VerifyWebhookOptions {
	/** How far `webhook-timestamp` may be from now, either way. Default 300 s (5 minutes). */
	toleranceSeconds?: number;
	/** The clock to check against (ms since the epoch); default `Date.now()`. */
	now?: number;
}

const SECRET_PREFIX = "whsec_";
const DEFAULT_TOLERANCE_SECONDS = 5 * 60;
const encoder = new TextEncoder();

function header(headers: WebhookHeaders, name: string): string | null {
	if (typeof headers.get === "function") return (headers as { get(name: string): string | null }).get(name);
	const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
	for (const key of Object.keys(record)) {
		if (key.toLowerCase() !== name) continue;
		const value = record[key];
		return typeof value === "string" ? value : (value?.join(" ") ?? null);
	}
	return null;
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
	const binary = atob(text);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}

function toBase64(bytes: Uint8Array): string {
	let binary = "";
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary);
}

/** Equal in time independent of where they differ (lengths are public: every v1 signature is 32 bytes). */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
	return diff === 0;
}

function secretKey(secret: string): Uint8Array<ArrayBuffer> {
	const raw = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
	let key: Uint8Array<ArrayBuffer>;
	try {
		key = fromBase64(raw);
	} catch {
		throw new WebhookVerificationError("invalid_secret", "The webhook secret is not `whsec_` + base64.");
	}
	if (key.length === 0) throw new WebhookVerificationError("invalid_secret", "The webhook secret is empty.");
	return key;
}

async function hmac(secret: string, content: string): Promise<Uint8Array> {
	const key = await crypto.subtle.importKey("raw", secretKey(secret), { name: "HMAC", hash: "SHA-256" }, false, [
		"sign",
	]);
	return new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(content)));
}

/**
 * Checks a webhook request and returns its event. `body` must be the raw body exactly as received (not
 * re-serialised JSON). `secret` is the endpoint's `whsec_…` secret; pass two during a rotation to accept either.
 * Throws `WebhookVerificationError` for missing headers, a timestamp more than `toleranceSeconds` away, or no
 * `v1` signature that matches.
 */
export async function verifyWebhook(
	body: string,
	headers: WebhookHeaders,
	secret: string | readonly string[],
	options: VerifyWebhookOptions = {},
): Promise<WebhookPayload> {
	const id = header(headers, "webhook-id");
	const timestamp = header(headers, "webhook-timestamp");
	const signatures = header(headers, "webhook-signature");
	if (!id || !timestamp || !signatures) {
		throw new WebhookVerificationError(
			"missing_headers",
			"The webhook-id, webhook-timestamp and webhook-signature headers are required.",
		);
	}
	if (!/^\d{1,12}$/.test(timestamp)) {
		throw new WebhookVerificationError("invalid_timestamp", "webhook-timestamp is not a Unix time in seconds.");
	}
	const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
	const sentAt = Number(timestamp);
	if (nowSeconds - sentAt > tolerance) {
		throw new WebhookVerificationError("timestamp_too_old", `webhook-timestamp is more than ${tolerance} s old.`);
	}
	if (sentAt - nowSeconds > tolerance) {
		throw new WebhookVerificationError("timestamp_too_new", `webhook-timestamp is more than ${tolerance} s ahead.`);
	}

	const candidates: Uint8Array[] = [];
	for (const entry of signatures.split(" ")) {
		const [version, value] = entry.split(",", 2);
		if (version !== "v1" || !value) continue;
		try {
			candidates.push(fromBase64(value));
		} catch {}
	}
	const content = `${id}.${timestamp}.${body}`;
	let matched = false;
	for (const s of typeof secret === "string" ? [secret] : secret) {
		const expected = await hmac(s, content);
		// Every candidate is compared, match or not, so timing says nothing about which one matched.
		for (const candidate of candidates) if (constantTimeEqual(candidate, expected)) matched = true;
	}
	if (!matched)
		throw new WebhookVerificationError("no_matching_signature", "No webhook-signature entry matches the secret.");

	try {
		return JSON.parse(body) as WebhookPayload;
	} catch {
		throw new WebhookVerificationError("invalid_body", "The webhook body is not JSON.");
	}
}

/** Whether a verified payload is a verification's status change (not the `webhook.test` ping). */
export function isVerificationEvent(payload: WebhookPayload): payload is WebhookEvent {
	return payload.type !== "webhook.test";
}

/**
 * The three Standard Webhooks headers for a body, as the API sends them (one `v1,` entry per secret). For testing
 * your receiver; the API signs real deliveries itself.
 */
export async function signWebhook(input: {
	id: string;
	/** Unix seconds; default now. */
	timestamp?: number;
	body: string;
	secret: string | readonly string[];
}): Promise<{ "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string }> {
	const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
	const secrets = typeof input.secret === "string" ? [input.secret] : input.secret;
	const entries = await Promise.all(
		secrets.map(async (s) => `v1,${toBase64(await hmac(s, `${input.id}.${timestamp}.${input.body}`))}`),
	);
	return { "webhook-id": input.id, "webhook-timestamp": timestamp, "webhook-signature": entries.join(" ") };
}
