import { drizzle } from "drizzle-orm/d1";

// No schema: nothing uses drizzle's relational API (`db.query.…`), and without one a client is a few small objects,
// so each request can have its own over a D1 session without walking the schema.
const make = (d1: D1Database) => drizzle(d1);

export type Db = ReturnType<typeof make>;

const cache = new WeakMap<D1Database, Db>();

/** The primary: one drizzle client per D1 binding per isolate. Durable Objects, consumers, cron and the key check use it. */
export function database(d1: D1Database): Db {
	let db = cache.get(d1);
	if (!db) {
		db = make(d1);
		cache.set(d1, db);
	}
	return db;
}

/**
 * What a `Consistency-Bookmark` we hand out looks like: a D1 bookmark (`00000000-0000000a-00000000-<32 hex>` today:
 * hex groups joined by `-`), a dot and its MAC (src/crypto/bookmarks.ts). A client sends back one we gave it;
 * anything else, well-formed or not, is refused before it reaches D1.
 */
export const BOOKMARK_PATTERN = /^[0-9a-f]{1,64}(?:-[0-9a-f]{1,64}){1,7}\.[A-Za-z0-9_-]{22}$/;

/** Where a request's session starts: the primary (a request that writes), any replica, or at least a bookmark. */
export type SessionStart = "first-primary" | "first-unconstrained" | { bookmark: string };

/** One request's D1 session (the Sessions API): its queries see each other's writes; `bookmark()` is where it got to. */
export interface DbSession {
	db: Db;
	/** Null until the session has run a query. */
	bookmark(): string | null;
	/**
	 * From now on `db` reads at the primary, in a session of its own: for a row a replica may not have yet (a feed
	 * cursor another request read at the primary). Its bookmark is then the one `bookmark()` gives.
	 */
	usePrimary(): void;
}

/**
 * A D1 session for one request. Reads may be served by a read replica (when replication is enabled on the database)
 * that is at least as new as where the session started; writes always go to the primary.
 */
export function databaseSession(d1: D1Database, start: SessionStart): DbSession {
	// Opened by the first query: a request that never reads D1 (most GETs of one verification) opens none.
	let session: D1DatabaseSession | undefined;
	const open = () => {
		session ??= d1.withSession(typeof start === "string" ? start : start.bookmark);
		return session;
	};
	return {
		db: make(sessionClient(open)),
		bookmark: () => session?.getBookmark() ?? null,
		usePrimary: () => {
			session = d1.withSession("first-primary");
		},
	};
}

/**
 * drizzle's d1 driver types ask for a whole D1Database, but the driver only calls `prepare` and `batch`
 * (drizzle-orm 0.45, d1/session.js), which a session has; the rest a session cannot do, and says so.
 */
function sessionClient(open: () => D1DatabaseSession): D1Database {
	const unsupported = (what: string) => new Error(`${what} is not available on a D1 session`);
	return {
		prepare: (query: string) => open().prepare(query),
		batch: <T>(statements: D1PreparedStatement[]) => open().batch<T>(statements),
		exec: () => Promise.reject(unsupported("exec()")),
		dump: () => Promise.reject(unsupported("dump()")),
		withSession: () => {
			throw unsupported("withSession()");
		},
	};
}
