import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Partners (tenants). Every other row hangs off a client id. */
export const clients = sqliteTable(
	"clients",
	{
		id: text("id").primaryKey(),
		name: text("name").notNull(),
		createdAt: integer("created_at").notNull(),
		/**
		 * The database that holds the client's rows (src/db/shards.ts): a shard binding (`SHARD_0`, …), or `DB`, this
		 * directory, for a client from before shards that has not been moved yet.
		 */
		shard: text("shard").notNull().default("DB"),
		/** A move to another shard under way (src/records/client-move.ts): its target, phase and progress, as JSON. */
		move: text("move"),
	},
	(t) => [index("clients_shard_idx").on(t.shard)],
);

/** API keys, stored only as SHA-256 hashes; `prefix` is what operators see. */
export const apiKeys = sqliteTable(
	"api_keys",
	{
		id: text("id").primaryKey(),
		clientId: text("client_id")
			.notNull()
			.references(() => clients.id),
		prefix: text("prefix").notNull(),
		hash: text("hash").notNull(),
		/** Test mode (false) or live mode (true): the API key's mode; a key never sees the other mode's rows. */
		livemode: integer("livemode", { mode: "boolean" }).notNull().default(false),
		createdAt: integer("created_at").notNull(),
		revokedAt: integer("revoked_at"),
	},
	(t) => [uniqueIndex("api_keys_hash_idx").on(t.hash), index("api_keys_client_idx").on(t.clientId)],
);

/** Query projection of each verification; the Durable Object owns the truth and writes here by revision. */
export const verifications = sqliteTable(
	"verifications",
	{
		id: text("id").primaryKey(),
		clientId: text("client_id").notNull(),
		/** Test mode (false) or live mode (true): the API key's mode; a key never sees the other mode's rows. */
		livemode: integer("livemode", { mode: "boolean" }).notNull().default(false),
		status: text("status").notNull(),
		version: integer("version").notNull(),
		revision: integer("revision").notNull(),
		reference: text("reference"),
		passportCountry: text("passport_country"),
		passportLast3: text("passport_last3").notNull(),
		provider: text("provider").notNull(),
		lastErrorCode: text("last_error_code"),
		createdAt: integer("created_at").notNull(),
		updatedAt: integer("updated_at").notNull(),
		expiresAt: integer("expires_at"),
		/** When the object must next wake up; the cron sweep re-arms rows that are overdue. */
		nextWakeAt: integer("next_wake_at"),
		redactedAt: integer("redacted_at"),
		/** No longer written (null): the duplicate guard lives in `person_claims`; the column stays for old rows. */
		blindIndex: text("blind_index"),
		/**
		 * The encryption key id the object's personal data and blind index are both under; null when unknown
		 * (projected before key ids were recorded), mixed, or erased. The re-encryption visits what is not current.
		 */
		keyId: text("key_id"),
		/** The full API object, without personal data, so reads need no Durable Object round trip. */
		body: text("body").notNull(),
	},
	(t) => [
		index("verifications_client_id_idx").on(t.clientId, t.livemode, t.id),
		index("verifications_client_status_idx").on(t.clientId, t.livemode, t.status, t.id),
		// Partial indexes: a verification without a reference, or with nothing left to wake up for (every final one),
		// costs no index row; `reference = ?` and `next_wake_at IS NOT NULL` in the queries let SQLite use them.
		index("verifications_client_reference_idx")
			.on(t.clientId, t.livemode, t.reference, t.id)
			.where(sql`${t.reference} IS NOT NULL`),
		// Both filters at once: without it the planner picks one of the two above and reads every row of the other
		// filter's value (e.g. all of a tenant's `verified` rows to find one reference's).
		index("verifications_client_reference_status_idx")
			.on(t.clientId, t.livemode, t.reference, t.status, t.id)
			.where(sql`${t.reference} IS NOT NULL`),
		index("verifications_wake_idx").on(t.nextWakeAt).where(sql`${t.nextWakeAt} IS NOT NULL`),
		// The re-encryption walks the rows still holding personal data by id, and counts those not under the current
		// key; partial, so final verifications whose data was purged drop out of both.
		index("verifications_unredacted_idx").on(t.id).where(sql`${t.redactedAt} IS NULL`),
		index("verifications_key_idx").on(t.keyId).where(sql`${t.redactedAt} IS NULL`),
	],
);

/** Every history entry of every verification; status changes are the account's event feed. */
export const verificationEvents = sqliteTable(
	"verification_events",
	{
		id: text("id").primaryKey(),
		verificationId: text("verification_id").notNull(),
		clientId: text("client_id").notNull(),
		/** Test mode (false) or live mode (true): the API key's mode; a key never sees the other mode's rows. */
		livemode: integer("livemode", { mode: "boolean" }).notNull().default(false),
		type: text("type").notNull(),
		statusChange: integer("status_change", { mode: "boolean" }).notNull(),
		version: integer("version").notNull(),
		status: text("status").notNull(),
		previousStatus: text("previous_status"),
		data: text("data").notNull(),
		createdAt: integer("created_at").notNull(),
		/**
		 * 1: in the account's feed and sent as a webhook though not a status change (`verification.redacted`, and the
		 * operational `webhook_endpoint.*` events, whose `verification_id` is the endpoint's id); null otherwise. A
		 * status change is in the feed by `status_change`, so older rows need no rewrite.
		 */
		feed: integer("feed"),
		/**
		 * Set on a feed row a client move copied late (docs/operators.md, "Moving a client"): the target's last rowid
		 * before the switch. A poller whose cursor is such a row resumes from there, so what landed in between is not
		 * skipped (it may see repeats). Null otherwise.
		 */
		moved: integer("moved"),
	},
	(t) => [
		index("events_verification_idx").on(t.verificationId, t.id),
		// The feed (partial: `FEED_ROW` is written as it is here in its queries) pages in landing order (rowid), which
		// every index entry ends with; by `type` in the same order; with a `created` window in event-time order
		// (created_at, then rowid). One index per filter, so every page is an index range.
		index("events_feed_all_idx").on(t.clientId, t.livemode).where(feedRow(t)),
		index("events_feed_all_type_idx").on(t.clientId, t.livemode, t.type).where(feedRow(t)),
		index("events_feed_all_created_idx").on(t.clientId, t.livemode, t.createdAt).where(feedRow(t)),
		index("events_feed_all_type_created_idx").on(t.clientId, t.livemode, t.type, t.createdAt).where(feedRow(t)),
	],
);

/**
 * Whether an event row is in the account's feed (and owed to subscribed endpoints): a status change, or a row marked
 * `feed`. The feed's partial indexes are on this expression; a query uses them only when it says the same
 * (`feedRowAs` for an aliased table).
 */
function feedRow(t: { statusChange: unknown; feed: unknown }) {
	return sql`(${t.statusChange} = 1 OR ${t.feed} = 1)`;
}

/** `feedRow` for the events table as itself. */
export const feedRowSql = () => feedRow(verificationEvents);

/** `feedRow` for the events table under `alias`, in raw SQL. */
export const feedRowAs = (alias: string) => sql.raw(`(${alias}.status_change = 1 OR ${alias}.feed = 1)`);

/**
 * `feedRow` said so that no index serves it, for a read whose range is on the table's own key (the reconcile sweep's
 * by rowid and by id): written as the OR, SQLite may answer it from the feed's indexes, every account's feed.
 */
export const feedRowUnindexed = (alias: string) => sql.raw(`coalesce(${alias}.feed, ${alias}.status_change) = 1`);

/** Idempotency keys for POST /api/verifications/, scoped per client and mode. */
export const idempotencyKeys = sqliteTable(
	"idempotency_keys",
	{
		clientId: text("client_id").notNull(),
		/** Test mode (false) or live mode (true): the API key's mode; a key never sees the other mode's rows. */
		livemode: integer("livemode", { mode: "boolean" }).notNull().default(false),
		key: text("key").notNull(),
		requestHash: text("request_hash").notNull(),
		/** The key `request_hash` was made with (null: written before key ids were recorded). It cannot be re-hashed. */
		keyId: text("key_id"),
		verificationId: text("verification_id").notNull(),
		createdAt: integer("created_at").notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.clientId, t.livemode, t.key] }),
		// Redaction and retention find a verification's key by its id.
		index("idempotency_keys_verification_idx").on(t.verificationId),
		// The re-encryption report: hashes not under the current key, and when the newest of them ages out.
		index("idempotency_keys_key_idx").on(t.keyId, t.createdAt),
	],
);

/**
 * The answers to state-changing requests sent with an `Idempotency-Key` (all but a submission, whose key lives in
 * `idempotency_keys` with its verification), per client and mode, kept a day. `status` is null while the first
 * request with the key is still running.
 */
export const idempotentRequests = sqliteTable(
	"idempotent_requests",
	{
		clientId: text("client_id").notNull(),
		livemode: integer("livemode", { mode: "boolean" }).notNull(),
		key: text("key").notNull(),
		/** Hash of the method, route and body: the same key with another request is refused. */
		fingerprint: text("fingerprint").notNull(),
		status: integer("status"),
		response: text("response"),
		createdAt: integer("created_at").notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.clientId, t.livemode, t.key] }),
		// The prune removes what is older than a day, oldest first.
		index("idempotent_requests_created_idx").on(t.createdAt),
	],
);

/**
 * The duplicate guard, made atomic: at most one active verification per person (keyed hash) per client and mode.
 * Claimed before the verification's Durable Object is created, released by the projection once it is final; so a
 * verification whose object or projection never landed can also be found here by the cron sweep.
 */
export const personClaims = sqliteTable(
	"person_claims",
	{
		clientId: text("client_id").notNull(),
		livemode: integer("livemode", { mode: "boolean" }).notNull(),
		blindIndex: text("blind_index").notNull(),
		verificationId: text("verification_id").notNull(),
		createdAt: integer("created_at").notNull(),
		/**
		 * When the cron's unprojected sweep last found this claim's verification projected (or revived it); null until
		 * then. The sweep reads only claims without it, so each claim is looked at once, not every run.
		 */
		sweptAt: integer("swept_at"),
		/**
		 * The verification's round (1 for its submission, +1 per retry) the claim was made for; null (written before
		 * rounds were recorded) counts as 1. A release fences on it: the projection of round r's final state
		 * removes the claims of rounds up to r, never the claim a retry made for round r + 1 meanwhile.
		 */
		round: integer("round"),
	},
	(t) => [
		primaryKey({ columns: [t.clientId, t.livemode, t.blindIndex] }),
		index("person_claims_verification_idx").on(t.verificationId),
		index("person_claims_unswept_idx").on(t.createdAt).where(sql`${t.sweptAt} IS NULL`),
	],
);

/** Partner webhook endpoints. The signing secrets are stored encrypted (AES-GCM, endpoint id as associated data). */
export const webhookEndpoints = sqliteTable(
	"webhook_endpoints",
	{
		id: text("id").primaryKey(),
		clientId: text("client_id")
			.notNull()
			.references(() => clients.id),
		/** Test mode (false) or live mode (true): the API key's mode; a key never sees the other mode's rows. */
		livemode: integer("livemode", { mode: "boolean" }).notNull().default(false),
		url: text("url").notNull(),
		description: text("description"),
		/** JSON array of event types, or null for every type. */
		eventTypes: text("event_types"),
		secret: text("secret").notNull(),
		/** The secret before the last rotation; it keeps signing until `previous_secret_expires_at`. */
		previousSecret: text("previous_secret"),
		previousSecretExpiresAt: integer("previous_secret_expires_at"),
		disabledAt: integer("disabled_at"),
		disabledReason: text("disabled_reason"),
		/** Start of the current run of failed attempts; cleared by any success. */
		failingSince: integer("failing_since"),
		/** Its deliveries use the slow lane until then (an attempt timed out on the main lane). */
		slowUntil: integer("slow_until"),
		/** The partner's throttle: at most this many deliveries per second (null: as fast as they come). */
		rateLimit: integer("rate_limit"),
		/** The throttle's next free slot (epoch ms): deliveries reserve slots `1000 / rate_limit` ms apart. */
		throttleAt: integer("throttle_at"),
		/**
		 * Catch-up (src/webhooks/catch-up.ts): when the endpoint's catch-up message is next due (a probe while it is
		 * failing, the release of its parked deliveries once it answered); null when there is none.
		 */
		probeAt: integer("probe_at"),
		/** The catch-up message running now (its claim, like a delivery's `owner`). */
		probeOwner: text("probe_owner"),
		/** Probes made in this failing streak: the catch-up schedule's position. */
		probes: integer("probes").notNull().default(0),
		/** Requests the probes may still make: what the parked deliveries had left on the ladder, less each probe. */
		probeCredits: integer("probe_credits").notNull().default(0),
		/** When the last parked delivery's span ends: the probes keep the ladder's pace until then. */
		parkedUntil: integer("parked_until"),
		/** Failed attempts in the current failing streak (reset by a success). */
		failures: integer("failures").notNull().default(0),
		/** When `webhook_endpoint.failing` was sent for the current streak; null: not (yet) failing for long. */
		failingEventAt: integer("failing_event_at"),
		createdAt: integer("created_at").notNull(),
		updatedAt: integer("updated_at").notNull(),
		/**
		 * Deleted through the API: invisible to it from then on, disabled (its queued deliveries are skipped), and
		 * removed with its delivery log by the retention prune in bounded batches.
		 */
		deletedAt: integer("deleted_at"),
	},
	(t) => [
		index("webhook_endpoints_client_idx").on(t.clientId, t.livemode, t.id),
		index("webhook_endpoints_deleted_idx").on(t.deletedAt).where(sql`${t.deletedAt} IS NOT NULL`),
		// The cron's look-up of catch-ups whose message was lost.
		index("webhook_endpoints_probe_idx").on(t.probeAt).where(sql`${t.probeAt} IS NOT NULL`),
	],
);

/** One row per event × endpoint: the unit that is signed, sent, retried, dead-lettered and recovered. */
export const webhookDeliveries = sqliteTable(
	"webhook_deliveries",
	{
		id: text("id").primaryKey(),
		clientId: text("client_id").notNull(),
		/** Test mode (false) or live mode (true): the API key's mode; a key never sees the other mode's rows. */
		livemode: integer("livemode", { mode: "boolean" }).notNull().default(false),
		endpointId: text("endpoint_id")
			.notNull()
			.references(() => webhookEndpoints.id, { onDelete: "cascade" }),
		eventId: text("event_id").notNull(),
		eventType: text("event_type").notNull(),
		/** The exact JSON body that is signed and sent, frozen at fan-out. */
		payload: text("payload").notNull(),
		/** pending | succeeded | failed | skipped */
		status: text("status").notNull(),
		/** Bumped by each recovery, so queue messages of an earlier round are recognised as stale. */
		generation: integer("generation").notNull().default(1),
		/** Id of the queue message that carries the current generation; duplicates of it are acked unsent. */
		owner: text("owner"),
		attempts: integer("attempts").notNull().default(0),
		nextAttemptAt: integer("next_attempt_at"),
		lastAttemptAt: integer("last_attempt_at"),
		responseStatus: integer("response_status"),
		latencyMs: integer("latency_ms"),
		errorClass: text("error_class"),
		error: text("error"),
		/**
		 * Parked while its endpoint is failing (src/webhooks/catch-up.ts): it makes no attempt of its own and waits
		 * for the endpoint's probe to succeed; `next_attempt_at` is then when its span ends (it ends `failed`).
		 */
		parkedAt: integer("parked_at"),
		createdAt: integer("created_at").notNull(),
		updatedAt: integer("updated_at").notNull(),
	},
	(t) => [
		uniqueIndex("webhook_deliveries_event_idx").on(t.endpointId, t.eventId),
		// An endpoint's parked deliveries in event order: the probe takes the oldest, the release all of them.
		index("webhook_deliveries_parked_idx").on(t.endpointId, t.id).where(sql`${t.parkedAt} IS NOT NULL`),
		index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.id),
		// The log filtered by status, newest first (keyset by id).
		index("webhook_deliveries_status_idx").on(t.endpointId, t.status, t.id),
		// Look-ups by event always name the endpoint too, so the unique index above serves them.
		// The cron sweep's look-up of pending deliveries past their next attempt.
		index("webhook_deliveries_overdue_idx").on(t.status, t.nextAttemptAt),
	],
);

/**
 * What the cron's jobs keep between runs, one row per job: a cursor (how far a sweep has looked, so each run reads
 * only what is new) and the figures of its last run an operator reads (`GET /admin/cron`), e.g. the prune's backlog.
 */
export const cronState = sqliteTable("cron_state", {
	job: text("job").primaryKey(),
	/** JSON, the job's own shape. */
	state: text("state").notNull(),
	updatedAt: integer("updated_at").notNull(),
});
