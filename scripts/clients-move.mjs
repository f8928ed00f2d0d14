#!/usr/bin/env node
// @ts-check
// `npm run clients:move -- --url https://kyc.example.com --client cli_… --to SHARD_1 [--admin-token …]`: moves a
// client's rows to another shard by calling POST /admin/clients/{id}/move until its phase is `done`, waiting while it
// settles and calling a failed step again (every step is resumable). The token defaults to $ADMIN_TOKEN. Exits 0 when
// the move is done. docs/operators.md, "Moving a client".
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";

const { values } = parseArgs({
	options: {
		url: { type: "string" },
		client: { type: "string" },
		to: { type: "string" },
		"admin-token": { type: "string" },
	},
});
const token = values["admin-token"] ?? process.env.ADMIN_TOKEN;
if (!values.url || !values.client || !values.to || !token) {
	console.error("usage: npm run clients:move -- --url <base URL> --client <client id> --to <shard> [--admin-token …]");
	process.exit(2);
}
const endpoint = new URL(`/admin/clients/${encodeURIComponent(values.client)}/move`, values.url);

/** A step failed this many times in a row ends the run (the move stays where it is; run the script again). */
const MAX_FAILURES = 5;

/** @typedef {{ phase: string, from: string, to: string, wait_ms: number, copied: number, reprojected: number, deleted: number, statements: number }} Move */

/** @returns {Promise<Move | { retryMs: number, problem: string }>} */
async function step() {
	const res = await fetch(endpoint, {
		method: "POST",
		headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
		body: JSON.stringify({ to: values.to }),
	});
	if (res.status === 200) return /** @type {Move} */ (await res.json());
	const problem = `POST ${endpoint} answered ${res.status}: ${await res.text()}`;
	// A step cut off or refused for now (a concurrent step, a 5xx) is called again; a 4xx otherwise ends the run.
	if (res.status >= 500 || res.status === 409)
		return { retryMs: Number(res.headers.get("retry-after") ?? 1) * 1000, problem };
	throw new Error(problem);
}

const started = Date.now();
let failures = 0;
try {
	for (;;) {
		const r = await step();
		if ("retryMs" in r) {
			if (++failures >= MAX_FAILURES) throw new Error(r.problem);
			console.error(`${r.problem}; again in ${r.retryMs} ms`);
			await sleep(r.retryMs);
			continue;
		}
		failures = 0;
		console.log(
			`${r.from} → ${r.to}: ${r.phase}; copied ${r.copied} rows, re-projected ${r.reprojected} verifications, deleted ${r.deleted} rows, ${r.statements} statements`,
		);
		if (r.phase === "done") break;
		if (r.wait_ms > 0) await sleep(r.wait_ms);
	}
	console.log(`Moved in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} catch (e) {
	console.error(e instanceof Error ? e.message : e);
	process.exitCode = 1;
}
