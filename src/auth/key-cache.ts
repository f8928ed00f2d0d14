/**
 * A bounded in-isolate cache with an absolute time-to-live per entry: least recently used entries go first when it is
 * full, and an entry is never served past the moment it expires, however often it is read (reads do not extend it).
 * That absolute TTL is what bounds how long a revocation made elsewhere can go unnoticed.
 */
export class TtlCache<V> {
	/** Map iteration order is insertion order: re-inserting on a hit keeps the least recently used entry first. */
	private readonly entries = new Map<string, { value: V; expiresAt: number }>();

	constructor(
		private readonly options: { capacity: number; ttlMs: number },
		private readonly now: () => number = () => Date.now(),
	) {}

	get(key: string): V | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		this.entries.delete(key);
		if (entry.expiresAt <= this.now()) return undefined;
		this.entries.set(key, entry);
		return entry.value;
	}

	set(key: string, value: V): void {
		this.entries.delete(key);
		this.entries.set(key, { value, expiresAt: this.now() + this.options.ttlMs });
		while (this.entries.size > this.options.capacity) {
			const oldest = this.entries.keys().next();
			if (oldest.done) break;
			this.entries.delete(oldest.value);
		}
	}

	delete(key: string): void {
		this.entries.delete(key);
	}

	/** Drops every entry whose value matches (one pass over at most `capacity` entries). */
	deleteWhere(matches: (value: V) => boolean): void {
		for (const [key, entry] of this.entries) if (matches(entry.value)) this.entries.delete(key);
	}

	get size(): number {
		return this.entries.size;
	}
}
