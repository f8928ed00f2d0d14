/**
 * A read replica that lags: D1 sessions that may start at a replica (`first-unconstrained`, a GET without a
 * bookmark) read one that has nothing yet, so every statement of theirs answers no rows. Sessions that start at the
 * primary (or at a bookmark) are the real database. The local D1 has no replicas; this is the part of one that can
 * go wrong for a reader.
 */
import { env } from "cloudflare:workers";
import { vi } from "vitest";
import { dataShards } from "../../src/db/shards";

const empty = { success: true as const, results: [], meta: { rows_read: 0, rows_written: 0 } };

/** A statement of the lagging replica: whatever it binds, it finds nothing. */
function behindStatement(): D1PreparedStatement {
	const statement = {
		bind: () => statement,
		first: async () => null,
		all: async () => empty,
		run: async () => empty,
		raw: async () => [],
	};
	return statement as unknown as D1PreparedStatement;
}

/** Until `restore()`, replica sessions lag; returns how many statements they answered and where sessions started. */
export function laggingReplica(): { answered: () => number; starts: string[]; restore: () => void } {
	const starts: string[] = [];
	let answered = 0;
	// Every database a request may read: each shard and the directory.
	const spies = dataShards(env)
		.map((s) => s.d1)
		.map((d1) => lag(d1));
	return {
		answered: () => answered,
		starts,
		restore: () => {
			for (const spy of spies) spy.mockRestore();
		},
	};

	function lag(d1: D1Database) {
		const open = d1.withSession.bind(d1);
		return vi.spyOn(d1, "withSession").mockImplementation((start) => {
			starts.push(String(start));
			const real = open(start);
			if (start !== "first-unconstrained") return real;
			return {
				prepare: () => {
					answered++;
					return behindStatement();
				},
				batch: async (statements: D1PreparedStatement[]) => statements.map(() => empty),
				getBookmark: () => null,
			} as unknown as D1DatabaseSession;
		});
	}
}
