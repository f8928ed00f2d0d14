import { timingSafeEqual } from "./encoding";
import { derive } from "./pii";

/**
 * D1 bookmarks as we hand them out (`Consistency-Bookmark`): the bookmark and a MAC of it, so a bookmark sent back
 * is one we gave, checked before it reaches D1 (a forged one could name a position D1 never reached, and make a
 * replica wait for it). The MAC key is derived from the configured PII keys, current first; a bookmark sealed
 * under a key kept as previous after a rotation still opens.
 */

const MAC_CHARS = 22;
const keys = new Map<string, Promise<CryptoKey>>();

function macKey(secret: string): Promise<CryptoKey> {
	let key = keys.get(secret);
	if (!key) {
		key = derive(secret, "kyc-consistency-bookmark-v1", "hmac");
		keys.set(secret, key);
	}
	return key;
}

/** The first 128 bits of the HMAC, base64url. */
async function mac(secret: string, bookmark: string): Promise<string> {
	const sig = new Uint8Array(
		await crypto.subtle.sign("HMAC", await macKey(secret), new TextEncoder().encode(bookmark)),
	);
	let s = "";
	for (const b of sig) s += String.fromCharCode(b);
	return btoa(s).replaceAll("+", "-").replaceAll("/", "_").slice(0, MAC_CHARS);
}

/**
 * `<bookmark>.<mac>` of a bookmark of database `db` (the MAC covers both: a bookmark is a position in one database),
 * or null when no key is configured (then no bookmark is handed out).
 */
export async function sealBookmark(secrets: string[], db: string, bookmark: string): Promise<string | null> {
	const [current] = secrets;
	return current ? `${bookmark}.${await mac(current, `${db}|${bookmark}`)}` : null;
}

/**
 * The bookmark inside a value `sealBookmark` made under one of `secrets`, and which of the databases `dbs` it is a
 * position in; null for anything else.
 */
export async function openBookmark(
	secrets: string[],
	sealed: string,
	dbs: readonly string[],
): Promise<{ bookmark: string; db: string } | null> {
	const dot = sealed.lastIndexOf(".");
	const bookmark = sealed.slice(0, dot);
	const sent = sealed.slice(dot + 1);
	if (dot < 1 || sent.length !== MAC_CHARS) return null;
	for (const secret of new Set(secrets))
		for (const db of dbs) if (timingSafeEqual(await mac(secret, `${db}|${bookmark}`), sent)) return { bookmark, db };
	return null;
}
