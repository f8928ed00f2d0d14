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

// Per isolate: the addresses the limiter refused, until their window ends (bounded like the key caches).
const refused = new Map<number, TtlCache<true>>();

/**
 * Failed authentications of one client address, counted by a rate-limiting binding. Only what costs the database
 * counts: a key looked up in D1 and not found. Once the binding refuses the address, this isolate remembers it for
 * the window and asks D1 nothing more for it (`throttled`), so ≈ `limit` look-ups per window and address reach D1,
 * plus at most one per isolate that had not heard yet.
 */
export class FailedAuthLimit {
	private readonly memory: TtlCache<true>;

	constructor(
		private readonly limiter: RateLimit,
		private readonly address: string,
		windowMs: number,
	) {
		let memory = refused.get(windowMs);
		if (!memory) {
			memory = new TtlCache<true>({ capacity: 10_000, ttlMs: windowMs });
			refused.set(windowMs, memory);
		}
		this.memory = memory;
	}

	/** The address used up its failed authentications for now: no key look-up for it until its window ends. */
	get throttled(): boolean {
		return this.memory.get(this.address) === true;
	}

	/** Counts one failed authentication; true when the address is over its limit from now on. */
	async fail(): Promise<boolean> {
		const { success } = await this.limiter.limit({ key: this.address });
		if (!success) this.memory.set(this.address, true);
		return !success;
	}
}
