/**
 * The published development PII key, base64 of a 31-byte phrase (it predates the length check, which exempts it in
 * development: local data stays readable). Loudly rejected in production.
 */
export const DEV_PII_KEY = "ZGV2LW9ubHktcGlpLWtleS1kby1ub3QtdXNlLTMyYg==";

/**
 * A PII key is 32 random bytes in standard base64, as `openssl rand -base64 32` prints them: a passphrase, a short
 * or truncated value, or a key in another encoding is a mistake to refuse, not a secret to stretch.
 */
const isPiiKey = (secret: string): boolean => /^[A-Za-z0-9+/]{43}=$/.test(secret) && atob(secret).length === 32;

/**
 * The PII key ring from `PII_ENCRYPTION_KEY` and `PII_ENCRYPTION_KEYS_PREVIOUS`, current first; empty when there is
 * no current key the service may seal with (it then refuses what needs one). What it refuses goes into `problems`.
 */
export function piiKeyRing(
	current: string | undefined,
	previousList: string | undefined,
	dev: boolean,
	problems: string[],
): string[] {
	if (!dev && current === DEV_PII_KEY) problems.push("PII_ENCRYPTION_KEY is the published development key; refused.");
	// The current key seals new personal data: one that is not a generated key is refused (submissions then answer
	// 503), however long it has been in use. Previous keys only open what they sealed, so they are not checked.
	if (current !== undefined && current !== DEV_PII_KEY && !isPiiKey(current)) {
		problems.push(
			"PII_ENCRYPTION_KEY is not 32 bytes in base64 (generate one with: openssl rand -base64 32); refused, personal data cannot be stored.",
		);
		return [];
	}
	// Production never runs on the published development key: without a real one it refuses submissions.
	const sealing = current === DEV_PII_KEY && !dev ? undefined : (current ?? (dev ? DEV_PII_KEY : undefined));
	const previous = (previousList ?? "")
		.split(",")
		.map((k) => k.trim())
		.filter(Boolean);
	return sealing ? [sealing, ...previous] : [];
}
