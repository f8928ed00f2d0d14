/**
 * D1 sharded by client (docs/operators.md, "Shards"): the directory says where each client's rows live, every row of
 * a client lands in its shard and nowhere else, new clients spread over the open shards, and a shard carries the
 * directory's per-client schema without the directory's own tables.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clients } from "../../src/db/schema";
import { DIRECTORY, dataShards, shardNames } from "../../src/db/shards";
import { runUntil } from "../helpers/alarms";
import { call, json, newClient, passport, submit } from "../helpers/api";
import { directory, PER_CLIENT_TABLES, shardFor } from "../helpers/shards";
import { fanOutEvents, QueueSim } from "../helpers/webhooks-harness";
import { Receiver, registerEndpoint, useMsw } from "../helpers/webhooks-receiver";

useMsw();

/** The clients with rows in `table` of each data database. */
async function clientsByDatabase(table: string): Promise<Map<string, Set<string>>> {
	const found = new Map<string, Set<string>>();
	for (const { name, d1 } of dataShards(env)) {
		const rows = await d1.prepare(`SELECT DISTINCT client_id FROM ${table}`).all<{ client_id: string }>();
		found.set(name, new Set(rows.results.map((r) => r.client_id)));
	}
	return found;
}

/** A client with a little of everything: verifications (with a key), an endpoint and its deliveries, a keyed cancel. */
async function busyClient(name: string) {
	const client = await newClient(name);
	const receiver = new Receiver(`${name}-${crypto.randomUUID()}`);
	await registerEndpoint(client.key, receiver);
	const v = await submit(passport(0), client.key, { "idempotency-key": `${name}-1` });
	await runUntil(v.id, ["verified"], client.key);
	const w = await submit(passport(5), client.key);
	const cancel = { method: "POST", key: client.key, headers: { "idempotency-key": `${name}-cancel` } } as const;
	expect((await call(`/api/verifications/${w.id}/cancel`, cancel)).status).toBe(200);
	// Still active: its duplicate-guard claim stays.
	await runUntil((await submit(passport(5), client.key)).id, ["processing"], client.key);
	return client;
}

describe("D1 sharded by client", () => {
	it("tests run with at least two shards", () => {
		expect(shardNames(env).length).toBeGreaterThanOrEqual(2);
	});

	it("every row of a client lands in its shard and in no other database", async () => {
		const sim = new QueueSim().install();
		const a = await busyClient("shard-a");
		const b = await busyClient("shard-b");
		await fanOutEvents(a.id, []);
		await sim.drain();
		const [shardA, shardB] = [await shardFor(a.id), await shardFor(b.id)];
		// Placed on the shard with the fewest clients: two clients made in a row never share one.
		expect(shardA.name).not.toBe(shardB.name);
		for (const table of PER_CLIENT_TABLES) {
			const byDatabase = await clientsByDatabase(table);
			for (const [database, held] of byDatabase) {
				for (const [client, shard] of [
					[a.id, shardA.name],
					[b.id, shardB.name],
				] as const) {
					if (database === shard) expect(held.has(client), `${table} of ${client} in ${database}`).toBe(true);
					else expect(held.has(client), `${table} of ${client} must not be in ${database}`).toBe(false);
				}
			}
		}
		// Its requests read its shard: each client lists its own, whatever shard it is on.
		for (const client of [a, b]) {
			const list = await json<{ data: unknown[] }>(await call("/api/verifications/", { key: client.key }));
			expect(list.data).toHaveLength(3);
		}
	});

	it("SHARDS_OPEN limits where new clients go", async () => {
		const only = shardNames(env).at(-1) ?? "";
		const res = await call("/admin/clients/", {
			key: "test_admin_token_0123456789",
			body: { name: "placed" },
			env: { ...env, SHARDS_OPEN: only } as Env,
		});
		expect(res.status).toBe(201);
		const { id } = await json<{ id: string }>(res);
		expect((await shardFor(id)).name).toBe(only);
	});

	it("a directory that names a shard this deployment does not bind answers 503, and says so to the operator", async () => {
		const client = await newClient("unbound");
		await directory().update(clients).set({ shard: "SHARD_99" }).where(eq(clients.id, client.id));
		const res = await call("/api/verifications/", { key: client.key });
		expect(res.status).toBe(503);
		expect(await json(res)).toMatchObject({ code: "service_unavailable" });
	});

	it("a shard's schema is the directory's per-client schema, without the directory's tables", async () => {
		const schema = async (d1: D1Database) => {
			const rows = await d1
				.prepare("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name")
				.all<{ type: string; name: string; tbl_name: string }>();
			const tables = rows.results.filter(
				(r) => r.type === "table" && !r.name.startsWith("sqlite_") && r.name !== "d1_migrations",
			);
			const columns: Record<string, string[]> = {};
			for (const t of tables) {
				const info = await d1
					.prepare(`SELECT name, type, "notnull", dflt_value FROM pragma_table_info('${t.name}')`)
					.all();
				columns[t.name] = info.results.map((c) => JSON.stringify(c)).sort();
			}
			const indexes = rows.results
				.filter((r) => r.type === "index" && !r.name.startsWith("sqlite_"))
				.map((r) => `${r.tbl_name}.${r.name}`);
			return { columns, indexes };
		};
		const dir = await schema(env.DB);
		const [first] = dataShards(env).filter((s) => s.name !== DIRECTORY);
		if (!first) throw new Error("no shard");
		const shard = await schema(first.d1);
		expect(Object.keys(shard.columns).sort()).toEqual(PER_CLIENT_TABLES.slice().sort());
		for (const table of PER_CLIENT_TABLES) expect(shard.columns[table], table).toEqual(dir.columns[table]);
		expect(shard.indexes.sort()).toEqual(
			dir.indexes.filter((i) => PER_CLIENT_TABLES.includes(i.split(".")[0] ?? "")).sort(),
		);
	});
});
