/**
 * D1 sharded by client (docs/operators.md, "Shards"). `DB` is the directory (clients, API keys, each client's shard);
 * each `SHARD_n` binding is a shard holding whole clients. The directory also keeps the per-client tables of a
 * deployment from before shards: a client whose directory row says `DB` still has its rows there until it is moved.
 */

/** The directory's binding, and the shard name of clients whose rows it still holds. */
export const DIRECTORY = "DB";

/** A shard binding's name: `SHARD_0`, `SHARD_1`, … (declared in wrangler.toml). */
export const SHARD_NAME = /^SHARD_\d+$/;

const isD1 = (v: unknown): v is D1Database =>
	typeof v === "object" && v !== null && typeof (v as { prepare?: unknown }).prepare === "function";

const declared = new WeakMap<object, string[]>();

/** The shard bindings this deployment declares, in order (SHARD_0, SHARD_1, …). */
export function shardNames(env: object): string[] {
	let names = declared.get(env);
	if (!names) {
		const all = env as Record<string, unknown>;
		// Every binding, own or inherited (a wrapper such as the bench's counters puts the real env in its prototype).
		const keys: string[] = [];
		for (const k in all) keys.push(k);
		names = keys
			.filter((k) => SHARD_NAME.test(k) && isD1(all[k]))
			.sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)));
		declared.set(env, names);
	}
	return names;
}

/**
 * Every database that may hold per-client rows: each shard, then the directory (for clients not yet moved out of it).
 * What runs per database (the cron's jobs, re-encryption) runs over these, each on its own.
 */
export const dataDatabases = (env: object): string[] => [...shardNames(env), DIRECTORY];

/** Whether `name` is a database this deployment can route a client to. */
export const isDataDatabase = (env: object, name: string): boolean => dataDatabases(env).includes(name);

/** The D1 binding of a data database by name; an unknown name is a configuration fault, never a silent fallback. */
export function shardDatabase(env: object, name: string): D1Database {
	const binding = (env as Record<string, unknown>)[name];
	if (!isDataDatabase(env, name) || !isD1(binding)) throw new Error(`no D1 binding for shard ${name}`);
	return binding;
}

/** A data database and its name (the name goes with every queue message about its rows). */
export interface Shard {
	name: string;
	d1: D1Database;
}

/** The shard called `name`. */
export const shardOf = (env: object, name: string): Shard => ({ name, d1: shardDatabase(env, name) });

/** Every data database as a `Shard`, in `dataDatabases` order. */
export const dataShards = (env: object): Shard[] => dataDatabases(env).map((name) => shardOf(env, name));

/** The shards new clients may be placed on: `SHARDS_OPEN` (those of them declared), or every declared shard. */
export function openShards(env: object, shardsOpen: string[] | null): string[] {
	const declaredNow = shardNames(env);
	return shardsOpen === null ? declaredNow : shardsOpen.filter((s) => declaredNow.includes(s));
}
