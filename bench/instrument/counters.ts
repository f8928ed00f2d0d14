/**
 * The tallies behind the cost model. Each counts one billed unit as Cloudflare defines it (pricing pages as of
 * the date in docs/cost.md): a Worker invocation, a Durable Object request (RPC call or alarm), a row read or
 * written in Durable Object SQLite or D1 (as the runtime reports it), a setAlarm() (billed as a row written).
 */
type Tally = Record<string, number>;

interface ObjectClassCounters {
	/** RPC calls made on stubs of this class, by method: each is one billed request. */
	rpc: Tally;
	alarms: number;
	/** Wall time spent in RPC calls (seen from the caller) and alarms: an upper bound for billed duration. */
	wallMs: number;
	sqlRowsRead: number;
	sqlRowsWritten: number;
	/** Rows written by statement (its first words), to show which writes the rows come from. */
	writesByStatement: Tally;
	setAlarm: number;
}

export const counters = {
	worker: {
		fetch: 0,
		scheduled: 0,
		queue: {} as Record<string, { batches: number; messages: number; redelivered: number }>,
	},
	durableObjects: {} as Record<string, ObjectClassCounters>,
	d1: {
		instrumented: false,
		queries: 0,
		rowsRead: 0,
		rowsWritten: 0,
		/** The same by statement (its first words), to show which queries the rows come from. */
		byStatement: {} as Record<string, { queries: number; rowsRead: number; rowsWritten: number; sqliteMs: number }>,
	},
};

/** The entry of `map` under `key`, created by `make` on first use. */
export function entry<T>(map: Record<string, T>, key: string, make: () => T): T {
	const found = map[key];
	if (found !== undefined) return found;
	const made = make();
	map[key] = made;
	return made;
}

const forClass = (name: string): ObjectClassCounters =>
	entry(counters.durableObjects, name, () => ({
		rpc: {},
		alarms: 0,
		wallMs: 0,
		sqlRowsRead: 0,
		sqlRowsWritten: 0,
		writesByStatement: {},
		setAlarm: 0,
	}));

/** Times `run` and adds it to the class's wall time. */
export async function timed<T>(cls: string, run: () => Promise<T>): Promise<T> {
	const started = Date.now();
	try {
		return await run();
	} finally {
		forClass(cls).wallMs += Date.now() - started;
	}
}

/** A stub whose every method call is counted as one request to `cls`. */
function countedStub<S extends object>(stub: S, cls: string): S {
	return new Proxy(stub, {
		get(target, prop) {
			const value = Reflect.get(target, prop);
			if (typeof prop !== "string" || typeof value !== "function" || prop === "then") return value;
			return (...args: unknown[]) => {
				const c = forClass(cls);
				c.rpc[prop] = (c.rpc[prop] ?? 0) + 1;
				// Re-read the method on the real stub so the runtime sees its own receiver.
				return timed(cls, () =>
					Reflect.apply(Reflect.get(target, prop) as (...a: unknown[]) => Promise<unknown>, target, args),
				);
			};
		},
	});
}

/** A namespace whose `getByName` hands out counted stubs. */
function countedNamespace<N extends object>(ns: N, cls: string): N {
	return new Proxy(ns, {
		get(target, prop) {
			const value = Reflect.get(target, prop);
			if (prop !== "getByName" && prop !== "get") return typeof value === "function" ? value.bind(target) : value;
			return (...args: unknown[]) => countedStub((value as (...a: unknown[]) => object).apply(target, args), cls);
		},
	});
}

const wrapped = new WeakMap<object, Env>();

/**
 * The env the worker code sees: the same bindings, with Durable Object namespaces counted. Cached per original
 * env so `loadConfig`'s per-env cache keeps working.
 */
export function countedEnv(env: Env): Env {
	const cached = wrapped.get(env);
	if (cached) return cached;
	countD1(env);
	const out = Object.create(env) as Env;
	Object.defineProperties(out, {
		VERIFICATION: { value: countedNamespace(env.VERIFICATION, "VerificationObject") },
		PROVIDER_BREAKER: { value: countedNamespace(env.PROVIDER_BREAKER, "ProviderBreaker") },
	});
	wrapped.set(env, out);
	return out;
}

type D1Meta = { rows_read?: number; rows_written?: number; duration?: number };

/** A statement's tally key: its text up to the first bound value, whitespace collapsed (ids never appear in it). */
const statementKey = (sql: string) => sql.replace(/\s+/g, " ").slice(0, 160);

/** Adds the rows each D1 answer reports (`meta.rows_read` / `meta.rows_written`) to the tally, per statement too. */
function tallyD1(requestBody: string, text: string): void {
	try {
		const sent = JSON.parse(requestBody) as { sql: string } | { sql: string }[];
		const statements = Array.isArray(sent) ? sent : [sent];
		const parsed = JSON.parse(text) as unknown;
		const answers = Array.isArray(parsed) ? parsed : [parsed];
		answers.forEach((r, i) => {
			const meta = (r as { meta?: D1Meta }).meta ?? {};
			const key = statementKey(statements[i]?.sql ?? "?");
			const s = entry(counters.d1.byStatement, key, () => ({ queries: 0, rowsRead: 0, rowsWritten: 0, sqliteMs: 0 }));
			s.queries++;
			s.rowsRead += meta.rows_read ?? 0;
			s.rowsWritten += meta.rows_written ?? 0;
			s.sqliteMs += meta.duration ?? 0;
			counters.d1.queries++;
			counters.d1.rowsRead += meta.rows_read ?? 0;
			counters.d1.rowsWritten += meta.rows_written ?? 0;
		});
	} catch {
		// Not a query answer (e.g. an error page): nothing to count.
	}
}

const patchedD1 = new WeakSet<object>();

/**
 * D1's binding turns every call (`run`, `all`, `raw`, `first`, `batch`) into one HTTP exchange whose answer
 * carries `meta.rows_read/rows_written`, but `raw()` (which drizzle uses for selects) drops that meta. So the
 * exchange itself is observed, on the binding's always-primary session. This relies on the binding's internal
 * shape; when it changes, `d1.instrumented` stays false and the report says D1 rows were not measured.
 */
export function countD1(env: Env): void {
	// The directory and every shard (src/db/shards.ts): a client's statements go to its shard.
	const all = env as unknown as Record<string, unknown>;
	for (const name in all) if (name === "DB" || /^SHARD_\d+$/.test(name)) countDatabase(all[name]);
}

/** Tallies every statement one D1 binding runs, on its primary and on each request's session. */
function countDatabase(binding: unknown): void {
	type Session = { fetcher?: Fetcher };
	const db = binding as { alwaysPrimarySession?: Session; withSession?: (start?: string) => Session } | undefined;
	if (!db || patchedD1.has(db)) return;
	patchedD1.add(db);
	const session = db.alwaysPrimarySession;
	if (!session || !observe(session)) return;
	// Requests run on their own sessions (the Sessions API): each new one is observed the same way.
	const open = db.withSession?.bind(db);
	if (open) {
		db.withSession = (start?: string) => {
			const s = open(start);
			observe(s);
			return s;
		};
	}
	counters.d1.instrumented = true;
}

/** Wraps a D1 session's fetcher so every exchange it makes is tallied; false if the session has no fetcher. */
function observe(session: { fetcher?: Fetcher }): boolean {
	const inner = session.fetcher;
	if (!inner) return false;
	session.fetcher = {
		async fetch(input: RequestInfo | URL, init?: RequestInit) {
			const res = await inner.fetch(input, init);
			const text = await res.text();
			tallyD1(typeof init?.body === "string" ? init.body : "", text);
			return new Response(text, { status: res.status, headers: res.headers });
		},
	} as Fetcher;
	return true;
}

/** Counts rows read/written by a Durable Object's SQLite and its setAlarm() calls (each billed as a row written). */
export function countSql(cls: string, storage: DurableObjectStorage): void {
	const c = forClass(cls);
	const sql = storage.sql;
	const exec = sql.exec.bind(sql);
	(sql as { exec: typeof sql.exec }).exec = ((query: string, ...bindings: unknown[]) => {
		const cursor = exec(query, ...bindings);
		// Writes have run by the time exec returns (a multi-statement script's cursor counts its last statement
		// only); reads are counted as the cursor is drained.
		c.sqlRowsWritten += cursor.rowsWritten;
		if (cursor.rowsWritten > 0) {
			const key = query.replace(/\s+/g, " ").trim().slice(0, 60);
			c.writesByStatement[key] = (c.writesByStatement[key] ?? 0) + cursor.rowsWritten;
		}
		const toArray = cursor.toArray.bind(cursor);
		(cursor as { toArray: typeof cursor.toArray }).toArray = () => {
			const rows = toArray();
			c.sqlRowsRead += cursor.rowsRead;
			return rows;
		};
		return cursor;
	}) as typeof sql.exec;
	const setAlarm = storage.setAlarm.bind(storage);
	(storage as { setAlarm: typeof storage.setAlarm }).setAlarm = (...args) => {
		c.setAlarm++;
		return setAlarm(...args);
	};
}

/** Counts an alarm invocation (a billed Durable Object request) and its wall time. */
export function countAlarm<T>(cls: string, run: () => Promise<T>): Promise<T> {
	forClass(cls).alarms++;
	return timed(cls, run);
}
