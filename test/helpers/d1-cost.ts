/**
 * What each D1 statement cost: its text and the rows it read and wrote (D1's result `meta`), for every statement
 * sent from this isolate (requests, Durable Objects, queue consumers, cron), whichever method sent it (`all`,
 * `raw`, `run`, `first`, `batch`; drizzle reads through `raw`, which hands no `meta` back to its caller).
 *
 * The D1 binding sends every statement through one internal method of its session class (`_sendOrThrow`, or
 * `_queryOrThrow` with the `d1_binding_jsrpc` flag); this wraps it. A runtime without either fails here, loudly.
 */
import { env } from "cloudflare:workers";

export interface StatementCost {
	sql: string;
	rowsRead: number;
	rowsWritten: number;
}

interface Meta {
	rows_read?: number;
	rows_written?: number;
}
type Send = (this: unknown, ...args: unknown[]) => Promise<unknown>;

/** The prototype holding the session's send methods (shared by the primary session and `withSession` ones). */
function sessionPrototype(): Record<string, Send> {
	const primary = (env.DB as unknown as { alwaysPrimarySession?: object }).alwaysPrimarySession;
	let proto = primary ? Object.getPrototypeOf(primary) : null;
	while (proto && !Object.hasOwn(proto, "_sendOrThrow")) proto = Object.getPrototypeOf(proto);
	if (!proto || typeof proto._queryOrThrow !== "function")
		throw new Error("the D1 binding's session no longer sends through _sendOrThrow/_queryOrThrow: update d1-cost.ts");
	return proto;
}

const metaOf = (r: unknown): Meta => ((r as { meta?: Meta } | undefined)?.meta ?? {}) as Meta;

/** What `recordD1Costs` gives: the costs so far, a way to run a test's own set-up unrecorded, and the way out. */
export interface D1CostRecorder {
	costs: StatementCost[];
	/** Runs `fn` (a test's own set-up, e.g. a scenario helper) without recording its statements. */
	aside<T>(fn: () => Promise<T>): Promise<T>;
	restore(): void;
}

/** Records the cost of every D1 statement from now until `restore()`. */
export function recordD1Costs(): D1CostRecorder {
	const proto = sessionPrototype();
	const send = proto._sendOrThrow as Send;
	const query = proto._queryOrThrow as Send;
	const costs: StatementCost[] = [];
	let paused = 0;
	const record = (sqls: string[], results: unknown) => {
		if (paused > 0) return;
		const list = Array.isArray(results) ? results : [results];
		sqls.forEach((sql, i) => {
			const meta = metaOf(list[i]);
			costs.push({ sql, rowsRead: meta.rows_read ?? 0, rowsWritten: meta.rows_written ?? 0 });
		});
	};
	proto._sendOrThrow = async function (this: unknown, ...args: unknown[]) {
		const results = await send.apply(this, args);
		const [, statements] = args as [string, string | string[]];
		record(Array.isArray(statements) ? statements : [statements], results);
		return results;
	};
	proto._queryOrThrow = async function (this: unknown, ...args: unknown[]) {
		const results = await query.apply(this, args);
		const [request] = args as [{ queries: { sql: string }[] }];
		record(
			request.queries.map((q) => q.sql),
			results,
		);
		return results;
	};
	return {
		costs,
		async aside(fn) {
			paused++;
			try {
				return await fn();
			} finally {
				paused--;
			}
		},
		restore: () => {
			proto._sendOrThrow = send;
			proto._queryOrThrow = query;
		},
	};
}

/**
 * Runs `fn` and returns what it returned, and how many statements touching `table` it ran and the rows they read in
 * all (for tests of one job's cost).
 */
export async function readsOf<T>(
	table: string,
	fn: () => Promise<T>,
): Promise<{ result: T; statements: number; rowsRead: number }> {
	const recorded = recordD1Costs();
	let result: T;
	try {
		result = await fn();
	} finally {
		recorded.restore();
	}
	const touching = recorded.costs.filter((c) => new RegExp(`\\b${table}\\b`).test(c.sql));
	return { result, statements: touching.length, rowsRead: touching.reduce((n, c) => n + c.rowsRead, 0) };
}
