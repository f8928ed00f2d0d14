import { TtlCache } from "./key-cache";

/**
 * The client address a failed-authentication limit counts against: an IPv4 address as it is, an IPv6 address by its
 * /64 (one subscriber's network: a host picks any address in it at will), an IPv4-mapped IPv6 address as IPv4.
 */
export function addressKey(ip: string): string {
	const address = ip.trim().toLowerCase();
	if (!address.includes(":")) return address;
	if (address.includes(".")) return address.slice(address.lastIndexOf(":") + 1);
	const [left = "", right] = address.split("::");
	const head = left ? left.split(":") : [];
	const tail = right ? right.split(":") : [];
	const groups = right === undefined ? head : [...head, ...Array(8 - head.length - tail.length).fill("0"), ...tail];
	return `${groups
		.slice(0, 4)
		.map((g) => g.replace(/^0+(?=.)/, ""))
		.join(":")}::/64`;
}

/**
 * Failed authentications a client address may make per window (wrangler.toml's AUTH_FAILURE_LIMITER says the same;
 * test/unit/rate-limits.test.ts holds the two equal).
 */
export const FAILED_AUTH_LIMIT = { limit: 20, windowSeconds: 60 } as const;

// Per isolate: the addresses the limiter refused, until their window ends (bounded like the key caches).
const refused = new TtlCache<true>({ capacity: 10_000, ttlMs: FAILED_AUTH_LIMIT.windowSeconds * 1000 });

/**
 * Failed authentications of one client address, counted by a rate-limiting binding. Only what costs the database
 * counts: a key looked up in D1 and not found. Once the binding refuses the address, this isolate remembers it for
 * the window and asks D1 nothing more for it (`throttled`), so ≈ `limit` look-ups per window and address reach D1,
 * plus at most one per isolate that had not heard yet.
 */
export class FailedAuthLimit {
	constructor(
		private readonly limiter: RateLimit,
		private readonly address: string,
	) {}

	/** The address used up its failed authentications for now: no key look-up for it until its window ends. */
	get throttled(): boolean {
		return refused.get(this.address) === true;
	}

	/** Counts one failed authentication; true when the address is over its limit from now on. */
	async fail(): Promise<boolean> {
		const { success } = await this.limiter.limit({ key: this.address });
		if (!success) refused.set(this.address, true);
		return !success;
	}
}
