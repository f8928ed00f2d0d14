/**
 * A read replica that lags: D1 sessions that may start at a replica (`first-unconstrained`, a GET without a
 * bookmark) read one that has nothing yet, so every statement of theirs answers no rows. Sessions that start at the
 * primary (or at a bookmark) are the real database. The local D1 has no replicas; this is the part of one that can
 * go wrong for a reader.
 */
import { env } from "cloudflare:workers";
import { vi } from "vitest";

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
	const open = env.DB.withSession.bind(env.DB);
	const starts: string[] = [];
	let answered = 0;
	const spy = vi.spyOn(env.DB, "withSession").mockImplementation((start) => {
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
	return { answered: () => answered, starts, restore: () => spy.mockRestore() };
}
