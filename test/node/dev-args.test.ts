import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { d1Bindings, parseD1Bindings, shardProblems } from "../../scripts/lib/d1-bindings.mjs";
import { cliVars, devCommands, flagValue } from "../../scripts/lib/dev-args.mjs";

const ENV_FILES = ["development.env"];

describe("npm run dev -- <flags>", () => {
	it("defaults to 127.0.0.1:8787 and development.env", () => {
		const { dev, migrations, url } = devCommands([], { envFiles: ENV_FILES });
		expect(dev).toEqual(["dev", "--env-file", "development.env", "--port", "8787", "--ip", "127.0.0.1"]);
		expect(migrations).toEqual([["d1", "migrations", "apply", "DB", "--local"]]);
		expect(url).toBe("http://127.0.0.1:8787");
	});

	it.each([
		[["--port", "9000"], "http://127.0.0.1:9000"],
		[["--port=9000"], "http://127.0.0.1:9000"],
		[["--ip", "192.168.1.5", "--port=9001"], "http://192.168.1.5:9001"],
		[["--ip=0.0.0.0"], "http://127.0.0.1:8787"],
		[["--ip", "::1"], "http://[::1]:8787"],
	])("%j: the user's flags are passed once, and the banner shows %s", (args, url) => {
		const out = devCommands(args, { envFiles: ENV_FILES });
		expect(out.url).toBe(url);
		expect(out.dev.filter((a) => a === "--port" || a.startsWith("--port=")).length).toBe(1);
		expect(out.dev.filter((a) => a === "--ip" || a.startsWith("--ip=")).length).toBe(1);
		expect(out.dev.slice(-args.length)).toEqual(args);
	});

	it("keeps a PORT from the environment as the default", () => {
		expect(devCommands([], { envFiles: ENV_FILES, defaultPort: "8799" }).url).toBe("http://127.0.0.1:8799");
		expect(devCommands(["--port", "9000"], { envFiles: ENV_FILES, defaultPort: "8799" }).url).toBe(
			"http://127.0.0.1:9000",
		);
	});

	it("passes the env files in order before the user's flags, so .dev.vars and --var win", () => {
		const { dev } = devCommands(["--var", "PROVIDER:sandbox"], { envFiles: ["development.env", ".dev.vars"] });
		expect(dev).toEqual([
			"dev",
			"--env-file",
			"development.env",
			"--env-file",
			".dev.vars",
			"--port",
			"8787",
			"--ip",
			"127.0.0.1",
			"--var",
			"PROVIDER:sandbox",
		]);
	});

	it.each([[["--persist-to", "/tmp/kyc"]], [["--persist-to=/tmp/kyc"]]])("%j also goes to the migrations", (args) => {
		const { dev, migrations } = devCommands(args, { envFiles: ENV_FILES, databases: ["DB", "SHARD_0"] });
		expect(migrations).toEqual([
			["d1", "migrations", "apply", "DB", "--local", "--persist-to", "/tmp/kyc"],
			["d1", "migrations", "apply", "SHARD_0", "--local", "--persist-to", "/tmp/kyc"],
		]);
		expect(dev.slice(-args.length)).toEqual(args);
	});

	it("reads --var pairs like wrangler (several per flag, = form, values with colons)", () => {
		expect(cliVars(["--var", "A:1", "B:http://x:1", "--port", "9", "--var=C:3"])).toEqual({
			A: "1",
			B: "http://x:1",
			C: "3",
		});
		expect(flagValue(["--port", "1", "--port=2"], "port")).toBe("2");
		expect(flagValue(["--portal", "1"], "port")).toBeUndefined();
	});
});

describe("the D1 databases wrangler.toml declares", () => {
	it("the directory first, then every shard, each with its migrations folder", () => {
		const declared = d1Bindings(join(import.meta.dirname, "../.."));
		expect(declared.map(({ binding, migrationsDir }) => ({ binding, migrationsDir }))).toEqual([
			{ binding: "DB", migrationsDir: "migrations/directory" },
			{ binding: "SHARD_0", migrationsDir: "migrations/shard" },
			{ binding: "SHARD_1", migrationsDir: "migrations/shard" },
		]);
		// What is declared passes the deploy's preflight.
		expect(shardProblems(declared, {})).toEqual([]);
	});

	it("the deploy refuses a shard set that cannot work, naming each problem", () => {
		const shard = (binding: string, databaseId: string, migrationsDir = "migrations/shard") => ({
			binding,
			migrationsDir,
			databaseId,
		});
		const names = (bindings: Parameters<typeof shardProblems>[0], vars: Record<string, unknown> = {}) =>
			shardProblems(bindings, vars).map((p) => p.name);
		const db = shard("DB", "d", "migrations/directory");
		expect(names([db])).toEqual(["SHARD_0"]);
		expect(names([{ ...db, migrationsDir: "migrations/shard" }, shard("SHARD_0", "a")])).toEqual(["DB"]);
		expect(names([db, shard("SHARD_0", "a", "migrations/directory")])).toEqual(["SHARD_0"]);
		expect(names([db, shard("SHARDS", "a")])).toEqual(["SHARDS"]);
		expect(names([db, shard("SHARD_0", "a"), shard("SHARD_1", "a")])).toEqual(["database_id"]);
		expect(names([db, shard("SHARD_0", "a")], { SHARDS_OPEN: "SHARD_0, SHARD_2" })).toEqual(["SHARDS_OPEN"]);
	});

	it("reads bindings from [[d1_databases]] blocks only, and a block without one is an error", () => {
		const toml = '[[d1_databases]]\nbinding = "DB"\n\n[[queues.producers]]\nbinding = "Q"\n';
		expect(parseD1Bindings(toml)).toEqual([{ binding: "DB", migrationsDir: "migrations" }]);
		expect(() => parseD1Bindings('[[d1_databases]]\ndatabase_name = "x"\n')).toThrow(/no binding/);
	});
});
