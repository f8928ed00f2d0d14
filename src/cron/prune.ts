import { and, asc, count, eq, inArray, isNotNull, lt, min, notInArray, type SQL } from "drizzle-orm";
import { loadConfig } from "../config";
import { fault } from "../crash-points";
import { type Db, database } from "../db/client";
import { idempotencyKeys, verificationEvents, verifications, webhookDeliveries, webhookEndpoints } from "../db/schema";
import { type Shard } from "../db/shards";
import { idFloor, idTime } from "../ids";
import { log } from "../log";
import { ACTIVE_STATUSES } from "../verification/types";
import { onEachShard } from "./shards";
import { writeCronState } from "./state";

/**
 * Rows one prune statement deletes. No statement binds an id: each deletes what a `… ORDER BY id LIMIT n`
 * subquery selects, so D1's 100 bound values never come into it, and each reads about what it deletes (a
 * verification brings its few timeline rows and its idempotency key).
 */
export const PRUNE_BATCH = { verifications: 100, deliveries: 500, events: 500 } as const;
/**
 * Batches per table per cron run, taken only while each one comes back full (behind after an outage, or a burst).
 * One run a minute: up to 720,000 verifications and 3.6 M deliveries a day, against ≈ 100,000 and ≈ 300,000 due a
 * day at 100,000 verifications a day (docs/benchmarks.md, "Capacity").
 */
export const PRUNE_ROUNDS = 5;
/** The oldest row still due this long past its retention edge: the prune is not keeping up. Logged at error. */
export const PRUNE_BEHIND_ALERT_MS = 60 * 60_000;
/**
 * A run that ended with full batches counts what is still due, up to one more run's worth of each table (a read
 * the size of what the run deleted): the backlog is "at least this much", and `lag_seconds` says how far behind.
 */
const backlogCap = (table: keyof typeof PRUNE_BATCH) => PRUNE_BATCH[table] * PRUNE_ROUNDS;

/** What one run did and what it left due: recorded as is for the operator (`GET /admin/cron`, job `prune`). */
export interface PruneReport {
	deleted: { verifications: number; deliveries: number; endpoints: number; events: number };
	/** Rows still due after the run, counted up to one run's worth of each; 0 when the run caught up. */
	backlog: { verifications: number; deliveries: number };
	/** How far past its retention edge the oldest row still due is, in seconds (0 when caught up). */
	lag_seconds: { verifications: number; deliveries: number };
	behind: boolean;
}

/**
 * D1 retention, run by the cron in bounded batches: a verification's projection, timeline and idempotency key go
 * `RECORD_RETENTION_SECONDS` after its creation (never while it is still active), an event (feed and timeline)
 * `EVENT_RETENTION_SECONDS` after it was recorded, a delivery's log row
 * `DELIVERY_RETENTION_SECONDS` after its creation, and a deleted endpoint with its whole delivery log. Ids are
 * time-ordered, so each batch is the head of a primary-key range. A run that cannot delete everything due says so:
 * the backlog is recorded, and logged at error once the oldest due row is PRUNE_BEHIND_ALERT_MS past its edge.
 */
export async function pruneExpired(env: Env, now: number, shards?: Shard[]): Promise<PruneReport> {
	const reports = await onEachShard(env, "prune", (shard) => pruneShard(env, now, shard), shards);
	return reports.reduce(addReports, EMPTY_REPORT);
}

const EMPTY_REPORT: PruneReport = {
	deleted: { verifications: 0, deliveries: 0, endpoints: 0, events: 0 },
	backlog: { verifications: 0, deliveries: 0 },
	lag_seconds: { verifications: 0, deliveries: 0 },
	behind: false,
};

/** Two shards' reports as one: what both deleted and left, the larger lag. */
const addReports = (a: PruneReport, b: PruneReport): PruneReport => ({
	deleted: {
		verifications: a.deleted.verifications + b.deleted.verifications,
		deliveries: a.deleted.deliveries + b.deleted.deliveries,
		endpoints: a.deleted.endpoints + b.deleted.endpoints,
		events: a.deleted.events + b.deleted.events,
	},
	backlog: {
		verifications: a.backlog.verifications + b.backlog.verifications,
		deliveries: a.backlog.deliveries + b.backlog.deliveries,
	},
	lag_seconds: {
		verifications: Math.max(a.lag_seconds.verifications, b.lag_seconds.verifications),
		deliveries: Math.max(a.lag_seconds.deliveries, b.lag_seconds.deliveries),
	},
	behind: a.behind || b.behind,
});

async function pruneShard(env: Env, now: number, shard: Shard): Promise<PruneReport> {
	const { retention } = loadConfig(env);
	const db = database(shard.d1);
	const verificationEdge = idFloor("ver", now - retention.recordsMs);
	const deliveryEdge = idFloor("del", now - retention.deliveriesMs);
	const eventEdge = idFloor("evt", now - retention.eventsMs);
	fault("cron.prune");
	const v = await rounds(PRUNE_BATCH.verifications, () => pruneVerifications(db, verificationEdge));
	const deliveryWhere = lt(webhookDeliveries.id, deliveryEdge);
	const d = await rounds(PRUNE_BATCH.deliveries, () => pruneDeliveries(db, deliveryWhere));
	const endpoints = await pruneDeletedEndpoint(db);
	const e = await rounds(PRUNE_BATCH.events, () => pruneEvents(db, eventEdge));
	const due = {
		verifications: v.full
			? await backlog(db, dueVerificationIds(db, verificationEdge, backlogCap("verifications")))
			: null,
		deliveries: d.full ? await backlog(db, dueDeliveryIds(db, deliveryWhere, backlogCap("deliveries"))) : null,
	};
	const lag = (left: Due | null, edge: string) => (left?.oldest ? Math.max(0, idTime(edge) - idTime(left.oldest)) : 0);
	const lagMs = {
		verifications: lag(due.verifications, verificationEdge),
		deliveries: lag(due.deliveries, deliveryEdge),
	};
	const report: PruneReport = {
		deleted: {
			verifications: v.deleted,
			deliveries: d.deleted + endpoints.deliveries,
			endpoints: endpoints.endpoints,
			events: e.deleted,
		},
		backlog: { verifications: due.verifications?.count ?? 0, deliveries: due.deliveries?.count ?? 0 },
		lag_seconds: {
			verifications: Math.round(lagMs.verifications / 1000),
			deliveries: Math.round(lagMs.deliveries / 1000),
		},
		behind: Math.max(lagMs.verifications, lagMs.deliveries) > PRUNE_BEHIND_ALERT_MS,
	};
	await writeCronState(database(env.DB), "prune", shard.name, report, now);
	if (report.behind)
		log("error", "retention.prune_behind", {
			shard: shard.name,
			backlog: report.backlog,
			lag_seconds: report.lag_seconds,
		});
	else if (v.deleted + d.deleted + endpoints.deliveries + e.deleted > 0)
		log("info", "retention.pruned", { shard: shard.name, ...report.deleted });
	return report;
}

/** Runs `batch` until it deletes less than a full batch, at most PRUNE_ROUNDS times. */
async function rounds(size: number, batch: () => Promise<number>): Promise<{ deleted: number; full: boolean }> {
	let deleted = 0;
	for (let i = 0; i < PRUNE_ROUNDS; i++) {
		const n = await batch();
		deleted += n;
		if (n < size) return { deleted, full: false };
	}
	return { deleted, full: true };
}

/** The oldest final verifications past the edge, as a subquery (the same rows for each statement of the batch). */
const dueVerificationIds = (db: Db, edge: string, limit: number) =>
	db
		.select({ id: verifications.id })
		.from(verifications)
		.where(and(lt(verifications.id, edge), notInArray(verifications.status, [...ACTIVE_STATUSES])))
		.orderBy(asc(verifications.id))
		.limit(limit);

/** The oldest deliveries past the edge, or of one deleted endpoint. */
const dueDeliveryIds = (db: Db, where: SQL | undefined, limit: number) =>
	db
		.select({ id: webhookDeliveries.id })
		.from(webhookDeliveries)
		.where(where)
		.orderBy(asc(webhookDeliveries.id))
		.limit(limit);

/** One batch (one transaction): the timelines and keys of up to a batch of verifications, then the verifications. */
async function pruneVerifications(db: Db, edge: string): Promise<number> {
	const due = () => dueVerificationIds(db, edge, PRUNE_BATCH.verifications);
	const [, , gone] = await db.batch([
		db.delete(verificationEvents).where(inArray(verificationEvents.verificationId, due())),
		db.delete(idempotencyKeys).where(inArray(idempotencyKeys.verificationId, due())),
		db.delete(verifications).where(inArray(verifications.id, due())),
	]);
	return gone.meta.changes;
}

/**
 * One batch of events past the event window (the feed's and the timelines' rows alike: a window, not an archive),
 * the head of the primary key's range. The verification itself keeps its state until RECORD_RETENTION_SECONDS.
 */
async function pruneEvents(db: Db, edge: string): Promise<number> {
	const due = db
		.select({ id: verificationEvents.id })
		.from(verificationEvents)
		.where(lt(verificationEvents.id, edge))
		.orderBy(asc(verificationEvents.id))
		.limit(PRUNE_BATCH.events);
	return (await db.delete(verificationEvents).where(inArray(verificationEvents.id, due))).meta.changes;
}

/** One batch of deliveries (past the edge, or of a deleted endpoint). */
async function pruneDeliveries(db: Db, where: SQL): Promise<number> {
	const due = dueDeliveryIds(db, where, PRUNE_BATCH.deliveries);
	return (await db.delete(webhookDeliveries).where(inArray(webhookDeliveries.id, due))).meta.changes;
}

/**
 * A deleted endpoint's delivery log, in batches (deleting it with the endpoint would be one statement over up to
 * 30 days of rows); the endpoint row goes once its log is empty. One endpoint a run, oldest deletion first.
 */
async function pruneDeletedEndpoint(db: Db): Promise<{ endpoints: number; deliveries: number }> {
	const endpoint = await db
		.select({ id: webhookEndpoints.id })
		.from(webhookEndpoints)
		.where(isNotNull(webhookEndpoints.deletedAt))
		.orderBy(asc(webhookEndpoints.deletedAt))
		.limit(1)
		.get();
	if (!endpoint) return { endpoints: 0, deliveries: 0 };
	const log = await rounds(PRUNE_BATCH.deliveries, () =>
		pruneDeliveries(db, eq(webhookDeliveries.endpointId, endpoint.id)),
	);
	if (log.full) return { endpoints: 0, deliveries: log.deleted };
	await db
		.delete(webhookEndpoints)
		.where(and(eq(webhookEndpoints.id, endpoint.id), isNotNull(webhookEndpoints.deletedAt)));
	return { endpoints: 1, deliveries: log.deleted };
}

interface Due {
	count: number;
	oldest: string | null;
}

/** What is still due after a run that ended full: counted up to the subquery's limit, and the oldest of it. */
async function backlog(db: Db, due: ReturnType<typeof dueVerificationIds | typeof dueDeliveryIds>): Promise<Due> {
	const head = due.as("head");
	const row = await db
		.select({ count: count(), oldest: min(head.id) })
		.from(head)
		.get();
	return { count: row?.count ?? 0, oldest: row?.oldest ?? null };
}
