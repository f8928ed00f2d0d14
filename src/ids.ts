const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A ULID-style id: 48-bit millisecond time + 80 random bits, Crockford base32, so ids sort by creation
 * time (the list is "newest first" by id) and carry no personal data.
 */
export function newId(prefix: string, now = Date.now()): string {
	const time = encodeTime(now);
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	let rand = "";
	for (const b of bytes) rand += ALPHABET[b % 32];
	return `${prefix}_${time}${rand}`;
}

/**
 * An id like `newId`'s whose random part is made from `seed` (SHA-256): the same seed and time always give the same
 * id, so a record that two writers may both make (or a retry make again) is written once, by its id.
 */
export async function derivedId(prefix: string, ms: number, seed: string): Promise<string> {
	const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(seed)));
	let rand = "";
	for (const b of digest.slice(0, 16)) rand += ALPHABET[b % 32];
	return `${prefix}_${encodeTime(ms)}${rand}`;
}

function encodeTime(ms: number): string {
	let time = "";
	let t = ms;
	for (let i = 0; i < 10; i++) {
		time = ALPHABET[t % 32] + time;
		t = Math.floor(t / 32);
	}
	return time;
}

/** The smallest id `newId(prefix, ms)` can make: ids sort by time, so this bounds id range scans by time. */
export const idFloor = (prefix: string, ms: number): string => `${prefix}_${encodeTime(ms)}${"0".repeat(16)}`;

export const idPattern = (prefix: string) => new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`);

export const isId = (prefix: string, value: string) => idPattern(prefix).test(value);

/** What a list cursor can be: an id made by `newId`, or one made of two such ids (a delivery's: event + endpoint). */
export const CURSOR_PATTERN = /^[a-z]{2,4}_[0-9A-HJKMNP-TV-Z]{26}(?:[0-9A-HJKMNP-TV-Z]{26})?$/;

/** The millisecond timestamp encoded in an id made by `newId`. */
export function idTime(id: string): number {
	const time = id.slice(id.indexOf("_") + 1, id.indexOf("_") + 11);
	let t = 0;
	for (const ch of time) t = t * 32 + ALPHABET.indexOf(ch);
	return t;
}
