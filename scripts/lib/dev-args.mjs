// @ts-check
// How `npm run dev -- <flags>` becomes the two wrangler commands scripts/dev.mjs runs. Pure, so it is tested
// (test/node/dev-args.test.ts): every flag goes to `wrangler dev` untouched; the script adds only what the
// user did not give (address, port) and the env files, and hands `--persist-to` to the migrations too.

export const DEFAULT_PORT = "8787";
export const DEFAULT_IP = "127.0.0.1";

/**
 * The value of `--name value` or `--name=value` (the last one given, like yargs), or undefined. `name` has no dashes.
 * @param {readonly string[]} args
 * @param {string} name
 * @returns {string | undefined}
 */
export function flagValue(args, name) {
	/** @type {string | undefined} */
	let value;
	args.forEach((arg, i) => {
		if (arg === `--${name}`) value = args[i + 1];
		else if (arg.startsWith(`--${name}=`)) value = arg.slice(name.length + 3);
	});
	return value;
}

/**
 * `--var NAME:value …` pairs (one flag may carry several, as in wrangler), in order.
 * @param {readonly string[]} args
 * @returns {Record<string, string>}
 */
export function cliVars(args) {
	/** @type {string[]} */
	const pairs = [];
	args.forEach((arg, i) => {
		if (arg.startsWith("--var=")) pairs.push(arg.slice("--var=".length));
		else if (arg === "--var")
			for (let j = i + 1; j < args.length && !args[j]?.startsWith("-"); j++) pairs.push(args[j] ?? "");
	});
	return Object.fromEntries(
		pairs.filter((p) => p.includes(":")).map((p) => [p.slice(0, p.indexOf(":")), p.slice(p.indexOf(":") + 1)]),
	);
}

/**
 * `userArgs`: what followed `npm run dev --`; `envFiles`: env files for `wrangler dev`, earliest first; `databases`:
 * the D1 bindings to migrate (the directory and every shard: scripts/lib/d1-bindings.mjs).
 * @param {readonly string[]} userArgs
 * @param {{ envFiles: readonly string[], defaultPort?: string, databases?: readonly string[] }} options
 */
export function devCommands(userArgs, { envFiles, defaultPort = DEFAULT_PORT, databases = ["DB"] }) {
	const port = flagValue(userArgs, "port") ?? defaultPort;
	const ip = flagValue(userArgs, "ip") ?? DEFAULT_IP;
	const persistTo = flagValue(userArgs, "persist-to");
	const dev = [
		"dev",
		...envFiles.flatMap((f) => ["--env-file", f]),
		...(flagValue(userArgs, "port") === undefined ? ["--port", port] : []),
		...(flagValue(userArgs, "ip") === undefined ? ["--ip", ip] : []),
		...userArgs,
	];
	const migrations = databases.map((binding) => [
		"d1",
		"migrations",
		"apply",
		binding,
		"--local",
		...(persistTo === undefined ? [] : ["--persist-to", persistTo]),
	]);
	// A wildcard address listens everywhere; loopback is the one to curl.
	const host = ip === "0.0.0.0" || ip === "::" || ip === "*" ? "127.0.0.1" : ip.includes(":") ? `[${ip}]` : ip;
	return { dev, migrations, url: `http://${host}:${port}`, vars: cliVars(userArgs) };
}
