import { forgetClientKeys } from "../auth/api-keys";
import { placementOf, recordMove } from "../auth/directory";
import { type Config } from "../config";
import { database } from "../db/client";
import { SHARD_NAME, shardDatabase, shardNames } from "../db/shards";
import { DomainError } from "../errors";
import { log } from "../log";
import {
	CLIENT_TABLES,
	deleteHead,
	keyOf,
	type Row,
	readBatch,
	type TableWalk,
	TIMELINE,
	timelineDelete,
	timelineRead,
	type WalkCursor,
	writeBatch,
} from "../records/client-rows";
import { verificationStub } from "./stub";

/**
 * Moving a client between shards (docs/operators.md, "Moving a client"), one bounded step per call, resumable after
 * any crash (every write is idempotent and the state is recorded after its work, in the directory):
 *
 * 1. `copy`: the client's rows, table by table in key order (the feed in the order it landed, so a poller resuming
 *    its cursor on the target skips nothing), into the target; each verification re-projected there by its Durable
 *    Object, the system of record.
 * 2. The switch: the directory names the target. Requests (once their isolate's key cache lets go), the objects'
 *    drains and the cron go there; what still lands on the source meanwhile is copied by the final pass.
 * 3. `settle`: waits CLIENT_MOVE_SETTLE_SECONDS, longer than any cache of the client's old shard lives.
 * 4. `final`: every table walked again (a row already in the target is kept unless the source's is newer).
 * 5. `drain`: the client's rows deleted from the source, batch by batch. The move is over.
 */

export type MovePhase = "copy" | "settle" | "final" | "drain";

interface MoveState {
	to: string;
	from: string;
	phase: MovePhase;
	table: number;
	cursor: WalkCursor;
	startedAt: number;
	switchedAt: number | null;
	/** The target's last event rowid before the switch: what a late-copied feed row is marked with (`moved`). */
	boundary: number | null;
	copied: number;
	reprojected: number;
	deleted: number;
	statements: number;
}

/** What a step did and where the move is; `waitMs` is set while it settles. */
export interface MoveReport {
	from: string;
	to: string;
	phase: MovePhase | "done";
	waitMs: number;
	copied: number;
	reprojected: number;
	deleted: number;
	statements: number;
}

/** Batches one step runs at most (each a read and a write, or a delete): a request's worth of D1 work. */
const STEP_BATCHES = 10;

/** One step of moving `clientId` to shard `to`: starts the move, or goes on with it. */
export async function moveStep(env: Env, config: Config, clientId: string, to: string, now = Date.now()) {
	const directory = database(env.DB);
	const placed = await placementOf(directory, clientId);
	if (!placed) throw new DomainError("not_found", "No such client.");
	const before = placed.move;
	let state: MoveState = before ? (JSON.parse(before) as MoveState) : start(env, placed.shard, to, now);
	if (!before && placed.shard === to) return report(state, "done");
	if (state.to !== to)
		throw new DomainError("invalid_state", `This client is being moved to ${state.to}; finish that move first.`);
	if (state.phase === "settle") {
		const waitMs = (state.switchedAt ?? now) + config.moveSettleMs - now;
		if (waitMs > 0) return { ...report(state, "settle"), waitMs };
		state = { ...state, phase: "final", table: 0, cursor: { after: null } };
	}
	let switched = false;
	for (let i = 0; i < STEP_BATCHES && !switched; i++) {
		const done =
			state.phase === "drain" ? await drainBatch(env, clientId, state) : await copyBatch(env, clientId, state);
		if (!done) continue;
		if (state.table < CLIENT_TABLES.length - 1) state = { ...state, table: state.table + 1, cursor: { after: null } };
		else if (state.phase === "copy") {
			state = { ...state, phase: "settle", switchedAt: now, boundary: await lastEvent(env, to) };
			state.statements++;
			switched = true;
		} else if (state.phase === "final") state = { ...state, phase: "drain", table: 0, cursor: { after: null } };
		else return finish(directory, clientId, before, state);
	}
	const next = JSON.stringify(state);
	if (!(await recordMove(directory, clientId, before, switched ? { move: next, shard: to } : { move: next })))
		throw new DomainError("invalid_state", "Another step of this move ran meanwhile; call again.");
	if (switched) {
		// This isolate's cached keys name the old shard: forgotten now; other isolates' expire while the move settles.
		forgetClientKeys(clientId);
		log("info", "client.move_switched", { client_id: clientId, from: state.from, to });
	}
	return report(state, state.phase);
}

function start(env: Env, from: string, to: string, now: number): MoveState {
	if (!SHARD_NAME.test(to) || !shardNames(env).includes(to))
		throw new DomainError("validation_failed", `'${to}' is not a shard of this deployment.`, {
			errors: [{ field: "to", code: "unknown_shard", message: `One of: ${shardNames(env).join(", ")}.` }],
		});
	return {
		to,
		from,
		phase: "copy",
		table: 0,
		cursor: { after: null },
		startedAt: now,
		switchedAt: null,
		boundary: null,
		copied: 0,
		reprojected: 0,
		deleted: 0,
		statements: 0,
	};
}

const report = (s: MoveState, phase: MoveReport["phase"]): MoveReport => ({
	from: s.from,
	to: s.to,
	phase,
	waitMs: 0,
	copied: s.copied,
	reprojected: s.reprojected,
	deleted: s.deleted,
	statements: s.statements,
});

async function finish(directory: ReturnType<typeof database>, clientId: string, before: string | null, s: MoveState) {
	if (!(await recordMove(directory, clientId, before, { move: null })))
		throw new DomainError("invalid_state", "Another step of this move ran meanwhile; call again.");
	log("info", "client.moved", { client_id: clientId, from: s.from, to: s.to, copied: s.copied, deleted: s.deleted });
	return report(s, "done");
}

/**
 * The endpoint a deliveries walk is on (the client's endpoints in the source, at most MAX_ENDPOINTS_PER_CLIENT, in id
 * order), null past the last; undefined for every other table (walked by the client's own index). Counted in `s`.
 */
async function walkedEndpoint(w: TableWalk, source: D1Database, clientId: string, s: MoveState) {
	if (w.name !== "deliveries") return undefined;
	s.statements++;
	const rows = await source
		.prepare("SELECT id FROM webhook_endpoints WHERE client_id = ?1 ORDER BY livemode, id")
		.bind(clientId)
		.all<{ id: string }>();
	return rows.results[s.cursor.endpoint ?? 0]?.id ?? null;
}

/** Copies the walk's next batch into the target (mutating `s`); true when the table is done. */
async function copyBatch(env: Env, clientId: string, s: MoveState): Promise<boolean> {
	const w = CLIENT_TABLES[s.table] as TableWalk;
	const source = shardDatabase(env, s.from);
	const target = shardDatabase(env, s.to);
	const endpoint = await walkedEndpoint(w, source, clientId, s);
	if (endpoint === null) return true;
	const read = readBatch(w, clientId, s.cursor, endpoint);
	const rows = (
		await source
			.prepare(read.text)
			.bind(...read.values)
			.all<Row>()
	).results;
	s.statements++;
	if (rows.length > 0) {
		// A feed row copied after the switch is marked, so a poller whose cursor it is skips nothing that landed since.
		const write = writeBatch(w, rows, w.name === "feed" && s.phase === "final" ? { moved: s.boundary } : {});
		const writes = [target.prepare(write.text).bind(...write.values)];
		if (w.name === "verifications") {
			const ids = rows.map((r) => r.id as string);
			const timeline = timelineRead(ids);
			const steps = (
				await source
					.prepare(timeline.text)
					.bind(...timeline.values)
					.all<Row>()
			).results;
			s.statements++;
			const copy = writeBatch(TIMELINE, steps);
			if (steps.length > 0) writes.push(target.prepare(copy.text).bind(...copy.values));
			if (s.phase === "copy") s.reprojected += await reprojectAll(env, ids, s.to);
		}
		await target.batch(writes);
		s.statements += writes.length;
		s.copied += rows.length;
		const last = rows.at(-1) as Row;
		s.cursor = { ...s.cursor, after: keyOf(w, last) };
	}
	return rows.length < w.batch && nextEndpoint(w, s);
}

/** The rowid of the last event `shard` holds (any client's): a place in its landing order. */
async function lastEvent(env: Env, shard: string): Promise<number> {
	const row = await shardDatabase(env, shard)
		.prepare("SELECT max(rowid) AS last FROM verification_events")
		.first<{ last: number | null }>();
	return row?.last ?? 0;
}

/** Each verification re-projected into the target by its own object (the system of record); how many held one. */
async function reprojectAll(env: Env, ids: string[], to: string): Promise<number> {
	const done = await Promise.all(ids.map((id) => verificationStub(env, id).reproject(to)));
	return done.filter(Boolean).length;
}

/**
 * The order a drain deletes in: deliveries before their endpoints (an endpoint's delete would cascade over all of its
 * deliveries in one statement), the feed and the timelines with or before their verifications.
 */
const DRAIN_ORDER = ["deliveries", "feed", "verifications", "endpoints", "claims", "keys", "requests"].map(
	(name) => CLIENT_TABLES.find((t) => t.name === name) as TableWalk,
);

/** Deletes the walk's head from the source (mutating `s`); true when the table holds none of the client's rows. */
async function drainBatch(env: Env, clientId: string, s: MoveState): Promise<boolean> {
	const w = DRAIN_ORDER[s.table] as TableWalk;
	const source = shardDatabase(env, s.from);
	const endpoint = await walkedEndpoint(w, source, clientId, s);
	if (endpoint === null) return true;
	const head = deleteHead(w, clientId, endpoint);
	const timelines = w.name === "verifications" ? [timelineDelete(clientId, w.batch)] : [];
	const statements = [...timelines, head].map((q) => source.prepare(q.text).bind(...q.values));
	const results = await source.batch(statements);
	const gone = results.at(-1)?.results.length ?? 0;
	s.statements += statements.length;
	s.deleted += gone;
	return gone < w.batch && nextEndpoint(w, s);
}

/**
 * After a table's last batch: true when the walk is over, or (deliveries, walked per endpoint) false with the cursor
 * on the next endpoint's start.
 */
function nextEndpoint(w: TableWalk, s: MoveState): boolean {
	if (w.name !== "deliveries") return true;
	s.cursor = { after: null, endpoint: (s.cursor.endpoint ?? 0) + 1 };
	return false;
}
