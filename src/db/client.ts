import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

const make = (d1: D1Database) => drizzle(d1, { schema });

export type Db = ReturnType<typeof make>;

const cache = new WeakMap<D1Database, Db>();

/** One drizzle client per D1 binding per isolate: building it walks the schema, which is not free per request. */
export function database(d1: D1Database): Db {
	let db = cache.get(d1);
	if (!db) {
		db = make(d1);
		cache.set(d1, db);
	}
	return db;
}
