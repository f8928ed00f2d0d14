// @ts-check
// The client move of `npm run bench` (issue 20): after the burst, the bench's client — every verification of the
// run — is moved to the other shard through the operator's route, step by step as `npm run clients:move` does, and
// the API is read again afterwards: the same verifications and the same feed, now from the target. Reports the
// duration (and how much of it was the settle wait), the steps and the D1 statements per moved verification.
import { setTimeout as sleep } from "node:timers/promises";

/**
 * @import { Stack } from "./stack.mjs"
 * @typedef {{ phase: string, from: string, to: string, wait_ms: number, copied: number, reprojected: number, deleted: number, statements: number }} Move
 */

/** The development client the bench's key belongs to (src/auth/api-keys.ts). */
const DEV_CLIENT_ID = "cli_00000000000000000000000DEV";
const ADMIN_TOKEN = "dev_admin_token_do_not_use_in_production";

/**
 * @param {Stack} stack
 * @param {{ verifications: number, events: number, shards: string[] }} before what the API listed before the move
 */
export async function movePhase(stack, before) {
	/** @param {string} to @returns {Promise<Move>} */
	const step = async (to) => {
		const res = await fetch(`${stack.runtime.url}/admin/clients/${DEV_CLIENT_ID}/move`, {
			method: "POST",
			headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
			body: JSON.stringify({ to }),
		});
		if (res.status !== 200) throw new Error(`move step: HTTP ${res.status} ${await res.text()}`);
		return /** @type {Promise<Move>} */ (res.json());
	};
	const [first, second] = before.shards;
	if (!first || !second) throw new Error("the move phase needs two shards");
	const started = Date.now();
	let waitedMs = 0;
	let steps = 1;
	let move = await step(second);
	// Already there: a move to where the client is, is done at once; move it to the other one.
	if (move.phase === "done" && move.from === second) move = await step(first);
	const to = move.to;
	while (move.phase !== "done") {
		if (move.wait_ms > 0) {
			waitedMs += move.wait_ms;
			await sleep(move.wait_ms);
		}
		move = await step(to);
		steps++;
	}
	const durationMs = Date.now() - started;
	const [events, verifications] = await Promise.all([
		stack.api.listAll("/api/events/"),
		stack.api.listAll("/api/verifications/"),
	]);
	return {
		from: move.from,
		to,
		verifications: before.verifications,
		duration_ms: durationMs,
		settle_wait_ms: waitedMs,
		working_ms: durationMs - waitedMs,
		steps,
		rows_copied: move.copied,
		reprojected: move.reprojected,
		rows_deleted: move.deleted,
		statements: move.statements,
		statements_per_verification: Number((move.statements / Math.max(1, before.verifications)).toFixed(3)),
		after: {
			verifications: verifications.length,
			events: new Set(events.map((e) => e.id)).size,
			nothing_lost: verifications.length === before.verifications && events.length >= before.events,
		},
	};
}
