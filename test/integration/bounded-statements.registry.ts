import { PRUNE_BATCH, PRUNE_ROUNDS } from "../../src/cron/prune";
import { RECONCILE_SCAN_ROWS } from "../../src/cron/reconcile-events";
import { SWEEP_BATCH } from "../../src/cron/sweep";
import { MAX_PAGE_SIZE } from "../../src/http/openapi";
import { RELEASE_BATCH } from "../../src/webhooks/catch-up";
import { RECOVER_LIMIT } from "../../src/webhooks/delivery-log";
import { MAX_ENDPOINTS_PER_CLIENT } from "../../src/webhooks/endpoints";
import { EVENTS_PER_STATEMENT } from "../../src/webhooks/fan-out";
import { MAX_DELIVERIES_PER_MESSAGE } from "../../src/webhooks/messages";

/**
 * Every SQL statement the service runs against D1, each with the most rows it may read (D1's `meta.rows_read`),
 * checked by bounded-statements.test.ts with a long history in D1 and again with twice that history. A bound is
 * written in terms of a page or batch size, never of the history: a statement that reads more as the history grows
 * fails the test. A statement added to the service needs an entry here (the test prints its text); an entry no path
 * runs any more fails too. Texts are compared after `normalize` (whitespace, `?` lists, `IN` lists and repeated
 * value rows folded), so the entries below may wrap anywhere a space is.
 */

/** One statement: what it is for, its text (normalized before comparing), and its bound on rows read. */
export interface StatementBound {
	what: string;
	sql: string;
	maxRowsRead: number;
}

/** A statement's text as compared: whitespace folded, numbered and listed parameters and repeated value rows folded. */
export function normalize(sql: string): string {
	return sql
		.replace(/\s+/g, " ")
		.replace(/\( /g, "(")
		.replace(/ \)/g, ")")
		.replace(/\?\d+/g, "?")
		.replace(/\?(?:, \?)+/g, "?, …")
		.replace(/\b(in) \(\?\)/gi, "$1 (?, …)")
		.replace(/\(\?, …\)(?:, \(\?, …\))+/g, "(?, …)")
		.trim();
}

/** Lists are read at the largest page the API allows. */
const PAGE = MAX_PAGE_SIZE;
/** The most endpoints an account has in this test (an event costs each endpoint of its account two lookups). */
export const ENDPOINTS = 2;
/** History rows one insert carries (src/pipeline/projection.ts). */
const HISTORY_ROWS = 8;
/** The overdue-delivery sweep's batch (src/cron/sweep-deliveries.ts). */
const OVERDUE_DELIVERY_BATCH = 100;
/** Request keys the cron prunes a run (src/cron/prune-request-keys.ts). */
const REQUEST_KEY_BATCH = 500;
/** What this test asks of one re-encryption batch. */
export const REENCRYPT_PAGE = 50;
/**
 * Operator reads over the endpoints table, not over the history: endpoints are few (at most 20 an account; this test
 * holds about 25), so re-encryption scans them. They grow with tenants, not with time.
 */
const ENDPOINT_SCAN = 100;
/** Placing a new client counts the clients of each open shard: a directory read by tenants, not history. */
const CLIENT_SCAN = 200;
/** Data databases in the test's configuration (two shards and the directory), with room for more shards. */
const DATABASES = 8;
/**
 * Re-encryption's counts read the rows not under the current key: what is left to re-encrypt, shrinking as it runs
 * (none in this test). After a rotation the idempotency hashes among them cannot be re-made and stay until they
 * age out (400 days): that count then reads every one of them on each batch (docs/benchmarks.md, "What is left").
 */
const STALE = 50;
/**
 * Reconcile's read by id covers the events that became old enough since its last run: a minute's events at one run
 * a minute (≈ 280 at 100,000 verifications a day), each with its account's endpoint checks.
 */
const AGED_SINCE_LAST_RUN = 1_000;

export const STATEMENTS: StatementBound[] = [
	{
		what: "The projection's batch: a final verification's duplicate-guard claim released",
		sql: `
			DELETE FROM person_claims WHERE verification_id = ? AND COALESCE(round, 1) <= ?`,
		maxRowsRead: 4,
	},
	{
		what: "A retry's projection: the claim under the person's index before the correction released",
		sql: `
			DELETE FROM person_claims WHERE verification_id = ? AND blind_index <> ? AND COALESCE(round, 1) < ?`,
		maxRowsRead: 4,
	},
	{
		what: "The projection's batch: history rows, inserted once by id",
		sql: `
			INSERT INTO verification_events (id, verification_id, client_id, livemode, type, status_change, version, status, previous_status, data, created_at, feed) VALUES (?, …) ON CONFLICT (id) DO NOTHING`,
		maxRowsRead: HISTORY_ROWS,
	},
	{
		what: "The projection's batch: the snapshot, upserted while its revision grows",
		sql: `
			INSERT INTO verifications (id, client_id, livemode, status, version, revision, reference,
			passport_country, passport_last3, provider, last_error_code, created_at, updated_at, expires_at,
			next_wake_at, redacted_at, blind_index, key_id, body) VALUES (?, …, NULL, ?, …) ON CONFLICT (id) DO
			UPDATE SET status = excluded.status, version = excluded.version, revision = excluded.revision, reference
			= excluded.reference, passport_country = excluded.passport_country, passport_last3 =
			excluded.passport_last3, provider = excluded.provider, last_error_code = excluded.last_error_code,
			updated_at = excluded.updated_at, expires_at = excluded.expires_at, next_wake_at =
			excluded.next_wake_at, redacted_at = excluded.redacted_at, blind_index = NULL, key_id = excluded.key_id,
			body = excluded.body WHERE excluded.revision > verifications.revision`,
		maxRowsRead: 2,
	},
	{
		what: "The one fan-out: a drain's status changes become delivery rows (each event × the account's endpoints)",
		sql: `
			INSERT INTO webhook_deliveries (id, client_id, livemode, endpoint_id, event_id, event_type, payload, status, error_class, next_attempt_at, created_at, updated_at) SELECT 'del_' || substr(e.value ->> '$.id', instr(e.value ->> '$.id', '_') + 1) || substr(w.id, instr(w.id, '_') + 1), w.client_id, w.livemode, w.id, e.value ->> '$.id', e.value ->> '$.type', e.value ->> '$.payload', CASE WHEN w.disabled_at IS NULL THEN 'pending' ELSE 'skipped' END, CASE WHEN w.disabled_at IS NULL THEN NULL ELSE 'endpoint_disabled' END, CASE WHEN w.disabled_at IS NULL THEN ? ELSE NULL END, ?, … FROM json_each(?) e, webhook_endpoints w WHERE w.client_id = ? AND w.livemode = ? AND w.created_at <= (e.value ->> '$.created_at') AND w.deleted_at IS NULL AND w.id IS NOT (e.value ->> '$.about') AND (w.event_types IS NULL OR instr(w.event_types, '"' || (e.value ->> '$.type') || '"') > 0) ON CONFLICT (endpoint_id, event_id) DO UPDATE SET updated_at = webhook_deliveries.updated_at WHERE webhook_deliveries.status = 'pending' AND webhook_deliveries.attempts = 0 AND webhook_deliveries.owner IS NULL RETURNING id, endpoint_id, generation, status`,
		maxRowsRead: EVENTS_PER_STATEMENT * (1 + 2 * ENDPOINTS),
	},
	{
		what: "Reconcile: status changes that aged past the lost-event age since the last run, without an owed delivery row",
		sql: `
			SELECT e.rowid AS rowid, e.id, e.verification_id, e.client_id, e.livemode, e.type, e.version, e.status, e.previous_status, e.data, e.created_at, (SELECT v.reference FROM verifications v WHERE v.id = e.verification_id) AS reference FROM verification_events e WHERE e.id > ? AND e.id < ? AND coalesce(e.feed, e.status_change) = 1 AND EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.client_id = e.client_id AND w.livemode = e.livemode AND w.created_at <= e.created_at AND w.deleted_at IS NULL AND w.id IS NOT e.verification_id AND (w.event_types IS NULL OR instr(w.event_types, '"' || e.type || '"') > 0) AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.endpoint_id = w.id AND d.event_id = e.id)) ORDER BY e.id LIMIT ?`,
		maxRowsRead: AGED_SINCE_LAST_RUN,
	},
	{
		what: "Reconcile: status changes landed since the last run (rowid), without an owed delivery row",
		sql: `
			SELECT e.rowid AS rowid, e.id, e.verification_id, e.client_id, e.livemode, e.type, e.version, e.status, e.previous_status, e.data, e.created_at, (SELECT v.reference FROM verifications v WHERE v.id = e.verification_id) AS reference FROM verification_events e WHERE e.rowid > ? AND e.rowid <= ? AND e.id < ? AND coalesce(e.feed, e.status_change) = 1 AND EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.client_id = e.client_id AND w.livemode = e.livemode AND w.created_at <= e.created_at AND w.deleted_at IS NULL AND w.id IS NOT e.verification_id AND (w.event_types IS NULL OR instr(w.event_types, '"' || e.type || '"') > 0) AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.endpoint_id = w.id AND d.event_id = e.id)) ORDER BY e.rowid LIMIT ?`,
		maxRowsRead: RECONCILE_SCAN_ROWS * (1 + 2 * ENDPOINTS),
	},
	{
		what: "Reconcile: where the landing order is now",
		sql: `
			SELECT max(rowid) AS top FROM verification_events`,
		maxRowsRead: 1,
	},
	{
		what: "The projection's batch: a redacted verification's request fingerprint forgotten",
		sql: `
			UPDATE idempotency_keys SET request_hash = ? WHERE verification_id = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Prune: the idempotency keys of a batch of final verifications past retention",
		sql: `
			delete from "idempotency_keys" where "idempotency_keys"."verification_id" in (select "id" from
			"verifications" where ("verifications"."id" < ? and "verifications"."status" not in (?, …)) order by
			"verifications"."id" asc limit ?)`,
		maxRowsRead: 5 * PRUNE_BATCH.verifications,
	},
	{
		what: "Prune: the timelines of a batch of final verifications past retention",
		sql: `
			delete from "verification_events" where "verification_events"."verification_id" in (select "id" from
			"verifications" where ("verifications"."id" < ? and "verifications"."status" not in (?, …)) order by
			"verifications"."id" asc limit ?)`,
		maxRowsRead: 10 * PRUNE_BATCH.verifications,
	},
	{
		what: "Prune: a batch of final verifications past retention",
		sql: `
			delete from "verifications" where "verifications"."id" in (select "id" from "verifications" where
			("verifications"."id" < ? and "verifications"."status" not in (?, …)) order by "verifications"."id" asc
			limit ?)`,
		maxRowsRead: 5 * PRUNE_BATCH.verifications,
	},
	{
		what: "Prune: a batch of a deleted endpoint's delivery log",
		sql: `
			delete from "webhook_deliveries" where "webhook_deliveries"."id" in (select "id" from
			"webhook_deliveries" where "webhook_deliveries"."endpoint_id" = ? order by "webhook_deliveries"."id" asc
			limit ?)`,
		maxRowsRead: 4 * PRUNE_BATCH.deliveries,
	},
	{
		what: "Prune: a batch of events past the event window (the feed's and the timelines')",
		sql: `
			delete from "verification_events" where "verification_events"."id" in (select "id" from
			"verification_events" where "verification_events"."id" < ? order by "verification_events"."id" asc limit ?)`,
		maxRowsRead: 4 * PRUNE_BATCH.events,
	},
	{
		what: "Prune: a batch of deliveries past retention",
		sql: `
			delete from "webhook_deliveries" where "webhook_deliveries"."id" in (select "id" from
			"webhook_deliveries" where "webhook_deliveries"."id" < ? order by "webhook_deliveries"."id" asc limit ?)`,
		maxRowsRead: 4 * PRUNE_BATCH.deliveries,
	},
	{
		what: "Cron: the claim of a verification whose request died before creating it",
		sql: `
			delete from "person_claims" where "person_claims"."verification_id" = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Prune: a deleted endpoint whose log is gone",
		sql: `
			delete from "webhook_endpoints" where ("webhook_endpoints"."id" = ? and "webhook_endpoints"."deleted_at"
			is not null)`,
		maxRowsRead: 2,
	},
	{
		what: "Admin: an API key issued",
		sql: `
			insert into "api_keys" ("id", "client_id", "prefix", "hash", "livemode", "created_at", "revoked_at")
			values (?, …, null)`,
		maxRowsRead: 2,
	},
	{
		what: "Admin: a client created",
		sql: `
			insert into "clients" ("id", "name", "created_at", "shard", "move") values (?, …)`,
		maxRowsRead: 2,
	},
	{
		what: "Admin: where a new client goes, the open shards' client counts (grows with tenants, not with time)",
		sql: `
			select "shard", count(*) from "clients" where "clients"."shard" in (?, …) group by "clients"."shard"`,
		maxRowsRead: CLIENT_SCAN,
	},
	{
		what: "A client's shard (a Durable Object's drain, the retired events queue), cached per isolate",
		sql: `
			select "shard" from "clients" where "clients"."id" = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Feed: a cursor its shard does not hold, the client's placement (moved, or moving) from the directory",
		sql: `
			select "shard", "move" from "clients" where "clients"."id" = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Cron: a job records its state",
		sql: `
			insert into "cron_state" ("job", "state", "updated_at") values (?, …) on conflict ("cron_state"."job")
			do update set "state" = ?, "updated_at" = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Submit: the idempotency key claimed",
		sql: `
			insert into "idempotency_keys" ("client_id", "livemode", "key", "request_hash", "key_id",
			"verification_id", "created_at") values (?, …) on conflict do nothing returning "verification_id"`,
		maxRowsRead: 2,
	},
	{
		what: "Submit: the person claimed (duplicate guard)",
		sql: `
			insert into "person_claims" ("client_id", "livemode", "blind_index", "verification_id", "created_at",
			"swept_at", "round") values (?, …, null, ?) on conflict do nothing returning "verification_id"`,
		maxRowsRead: 2,
	},
	{
		what: "Endpoint test ping / trigger: the sample's delivery row",
		sql: `
			insert into "webhook_deliveries" ("id", "client_id", "livemode", "endpoint_id", "event_id", "event_type", "payload", "status", "generation", "owner", "attempts", "next_attempt_at", "last_attempt_at", "response_status", "latency_ms", "error_class", "error", "parked_at", "created_at", "updated_at") values (?, …)`,
		maxRowsRead: 2,
	},
	{
		what: "An endpoint registered",
		sql: `
			insert into "webhook_endpoints" ("id", "client_id", "livemode", "url", "description", "event_types", "secret", "previous_secret", "previous_secret_expires_at", "disabled_at", "disabled_reason", "failing_since", "slow_until", "rate_limit", "throttle_at", "probe_at", "probe_owner", "probes", "probe_credits", "parked_until", "failures", "failing_event_at", "created_at", "updated_at", "deleted_at") values (?, …)`,
		maxRowsRead: 2,
	},
	{
		what: "Auth: the API key by its hash",
		sql: `
			select "api_keys"."client_id", "api_keys"."id", "api_keys"."hash", "api_keys"."livemode", "clients"."shard" from
			"api_keys" inner join "clients" on "clients"."id" = "api_keys"."client_id" where ("api_keys"."hash" = ? and
			"api_keys"."revoked_at" is null)`,
		maxRowsRead: 2,
	},
	{
		what: "Submit: who holds the person's claim",
		sql: `
			select "client_id", "livemode", "blind_index", "verification_id", "created_at", "swept_at", "round" from
			"person_claims" where ("person_claims"."client_id" = ? and "person_claims"."livemode" = ? and
			"person_claims"."blind_index" = ?)`,
		maxRowsRead: 2,
	},
	{
		what: "Admin: the client exists",
		sql: `
			select "id" from "clients" where "clients"."id" = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Feed: the cursor is an event of this account's feed",
		sql: `
			select "id" from "verification_events" where ("verification_events"."id" = ? and "verification_events"."client_id" = ? and "verification_events"."livemode" = ? and ("verification_events"."status_change" = 1 OR "verification_events"."feed" = 1))`,
		maxRowsRead: 2,
	},
	{
		what: "Timeline: the verification is the account's",
		sql: `
			select "id" from "verifications" where ("verifications"."id" = ? and "verifications"."client_id" = ? and
			"verifications"."livemode" = ?)`,
		maxRowsRead: 2,
	},
	{
		what: "Cron sweep: projected wake-ups that are overdue (lost alarms)",
		sql: `
			select "id" from "verifications" where ("verifications"."next_wake_at" is not null and
			"verifications"."next_wake_at" < ?) order by "verifications"."next_wake_at" asc limit ?`,
		maxRowsRead: SWEEP_BATCH,
	},
	{
		what: "Prune: the oldest deleted endpoint",
		sql: `
			select "id" from "webhook_endpoints" where "webhook_endpoints"."deleted_at" is not null order by
			"webhook_endpoints"."deleted_at" asc limit ?`,
		maxRowsRead: 2,
	},
	{
		what: "List verifications: a later page",
		sql: `
			select "id", "livemode", "status", "version", "reference", "passport_country", "passport_last3", "provider", "created_at", "updated_at", "expires_at", "redacted_at", "body" from "verifications" where ("verifications"."client_id" = ? and
			"verifications"."livemode" = ? and "verifications"."id" < ?) order by "verifications"."id" desc limit ?`,
		maxRowsRead: PAGE + 1,
	},
	{
		what: "List verifications by reference",
		sql: `
			select "id", "livemode", "status", "version", "reference", "passport_country", "passport_last3", "provider", "created_at", "updated_at", "expires_at", "redacted_at", "body" from "verifications" where ("verifications"."client_id" = ? and
			"verifications"."livemode" = ? and "verifications"."reference" = ?) order by "verifications"."id" desc
			limit ?`,
		maxRowsRead: PAGE + 1,
	},
	{
		what: "List verifications by status: a later page",
		sql: `
			select "id", "livemode", "status", "version", "reference", "passport_country", "passport_last3", "provider", "created_at", "updated_at", "expires_at", "redacted_at", "body" from "verifications" where ("verifications"."client_id" = ? and
			"verifications"."livemode" = ? and "verifications"."status" = ? and "verifications"."id" < ?) order by
			"verifications"."id" desc limit ?`,
		maxRowsRead: PAGE + 1,
	},
	{
		what: "List verifications by status and reference",
		sql: `
			select "id", "livemode", "status", "version", "reference", "passport_country", "passport_last3", "provider", "created_at", "updated_at", "expires_at", "redacted_at", "body" from "verifications" where ("verifications"."client_id" = ? and
			"verifications"."livemode" = ? and "verifications"."status" = ? and "verifications"."reference" = ?)
			order by "verifications"."id" desc limit ?`,
		maxRowsRead: PAGE + 1,
	},
	{
		what: "List verifications by status",
		sql: `
			select "id", "livemode", "status", "version", "reference", "passport_country", "passport_last3", "provider", "created_at", "updated_at", "expires_at", "redacted_at", "body" from "verifications" where ("verifications"."client_id" = ? and
			"verifications"."livemode" = ? and "verifications"."status" = ?) order by "verifications"."id" desc
			limit ?`,
		maxRowsRead: PAGE + 1,
	},
	{
		what: "List verifications",
		sql: `
			select "id", "livemode", "status", "version", "reference", "passport_country", "passport_last3", "provider", "created_at", "updated_at", "expires_at", "redacted_at", "body" from "verifications" where ("verifications"."client_id" = ? and
			"verifications"."livemode" = ?) order by "verifications"."id" desc limit ?`,
		maxRowsRead: PAGE + 1,
	},
	{
		what: "Deliveries log",
		sql: `
			select "id", "client_id", "livemode", "endpoint_id", "event_id", "event_type", "payload", "status", "generation", "owner", "attempts", "next_attempt_at", "last_attempt_at", "response_status", "latency_ms", "error_class", "error", "parked_at", "created_at", "updated_at" from "webhook_deliveries" where "webhook_deliveries"."endpoint_id" = ? order by "webhook_deliveries"."id" desc limit ?`,
		maxRowsRead: PAGE + 1,
	},
	{
		what: "Deliveries log: a later page",
		sql: `
			select "id", "client_id", "livemode", "endpoint_id", "event_id", "event_type", "payload", "status", "generation", "owner", "attempts", "next_attempt_at", "last_attempt_at", "response_status", "latency_ms", "error_class", "error", "parked_at", "created_at", "updated_at" from "webhook_deliveries" where ("webhook_deliveries"."endpoint_id" = ? and "webhook_deliveries"."id" < ?) order by "webhook_deliveries"."id" desc limit ?`,
		maxRowsRead: PAGE + 1,
	},
	{
		what: "Deliveries log by status: a later page",
		sql: `
			select "id", "client_id", "livemode", "endpoint_id", "event_id", "event_type", "payload", "status", "generation", "owner", "attempts", "next_attempt_at", "last_attempt_at", "response_status", "latency_ms", "error_class", "error", "parked_at", "created_at", "updated_at" from "webhook_deliveries" where ("webhook_deliveries"."endpoint_id" = ? and "webhook_deliveries"."status" = ? and "webhook_deliveries"."id" < ?) order by "webhook_deliveries"."id" desc limit ?`,
		maxRowsRead: PAGE + 1,
	},
	{
		what: "Deliveries log by status",
		sql: `
			select "id", "client_id", "livemode", "endpoint_id", "event_id", "event_type", "payload", "status", "generation", "owner", "attempts", "next_attempt_at", "last_attempt_at", "response_status", "latency_ms", "error_class", "error", "parked_at", "created_at", "updated_at" from "webhook_deliveries" where ("webhook_deliveries"."endpoint_id" = ? and "webhook_deliveries"."status" = ?) order by "webhook_deliveries"."id" desc limit ?`,
		maxRowsRead: PAGE + 1,
	},
	{
		what: "Resend: the delivery, of this endpoint",
		sql: `
			select "id", "client_id", "livemode", "endpoint_id", "event_id", "event_type", "payload", "status", "generation", "owner", "attempts", "next_attempt_at", "last_attempt_at", "response_status", "latency_ms", "error_class", "error", "parked_at", "created_at", "updated_at" from "webhook_deliveries" where ("webhook_deliveries"."id" = ? and "webhook_deliveries"."endpoint_id" = ?)`,
		maxRowsRead: 2,
	},
	{
		what: "List endpoints",
		sql: `
			select "id", "client_id", "livemode", "url", "description", "event_types", "secret", "previous_secret", "previous_secret_expires_at", "disabled_at", "disabled_reason", "failing_since", "slow_until", "rate_limit", "throttle_at", "probe_at", "probe_owner", "probes", "probe_credits", "parked_until", "failures", "failing_event_at", "created_at", "updated_at", "deleted_at" from "webhook_endpoints" where ("webhook_endpoints"."client_id" = ? and "webhook_endpoints"."livemode" = ? and "webhook_endpoints"."deleted_at" is null) order by "webhook_endpoints"."id" desc limit ?`,
		maxRowsRead: PAGE + 1,
	},
	{
		what: "Re-encryption: a page of endpoints whose secrets are not under the current key",
		sql: `
			select "id", "client_id", "livemode", "url", "description", "event_types", "secret", "previous_secret", "previous_secret_expires_at", "disabled_at", "disabled_reason", "failing_since", "slow_until", "rate_limit", "throttle_at", "probe_at", "probe_owner", "probes", "probe_credits", "parked_until", "failures", "failing_event_at", "created_at", "updated_at", "deleted_at" from "webhook_endpoints" where ("webhook_endpoints"."deleted_at" is null and ("webhook_endpoints"."secret" not like ? or ("webhook_endpoints"."previous_secret" is not null and "webhook_endpoints"."previous_secret" not like ?))) order by "webhook_endpoints"."id" asc limit ?`,
		maxRowsRead: ENDPOINT_SCAN,
	},
	{
		what: "An endpoint of the account",
		sql: `
			select "id", "client_id", "livemode", "url", "description", "event_types", "secret", "previous_secret", "previous_secret_expires_at", "disabled_at", "disabled_reason", "failing_since", "slow_until", "rate_limit", "throttle_at", "probe_at", "probe_owner", "probes", "probe_credits", "parked_until", "failures", "failing_event_at", "created_at", "updated_at", "deleted_at" from "webhook_endpoints" where ("webhook_endpoints"."id" = ? and ("webhook_endpoints"."client_id" = ? and "webhook_endpoints"."livemode" = ? and "webhook_endpoints"."deleted_at" is null))`,
		maxRowsRead: 2,
	},
	{
		what: "Admin: list a client's keys",
		sql: `
			select "id", "client_id", "prefix", "hash", "livemode", "created_at", "revoked_at" from "api_keys" where
			"api_keys"."client_id" = ? order by "api_keys"."id" desc limit ?`,
		maxRowsRead: PAGE + 1,
	},
	{
		what: "Admin: the key to revoke",
		sql: `
			select "id", "client_id", "prefix", "hash", "livemode", "created_at", "revoked_at" from "api_keys" where
			("api_keys"."id" = ? and "api_keys"."client_id" = ?)`,
		maxRowsRead: 2,
	},
	{
		what: "Re-encryption: a page of verifications holding personal data",
		sql: `
			select "id", "key_id" from "verifications" where "verifications"."redacted_at" is null order by
			"verifications"."id" asc limit ?`,
		maxRowsRead: REENCRYPT_PAGE + 1,
	},
	{
		what: "Feed by type and created window",
		sql: `
			select "id", "verification_id", "client_id", "livemode", "type", "status_change", "version", "status", "previous_status", "data", "created_at", "feed", "moved" from "verification_events" where ("verification_events"."client_id" = ? and "verification_events"."livemode" = ? and ("verification_events"."status_change" = 1 OR "verification_events"."feed" = 1) and "verification_events"."created_at" >= ?) order by "verification_events"."created_at" asc, "verification_events".rowid limit ?`,
		maxRowsRead: PAGE + 4,
	},
	{
		what: "Feed in a created window: a later page",
		sql: `
			select "id", "verification_id", "client_id", "livemode", "type", "status_change", "version", "status", "previous_status", "data", "created_at", "feed", "moved" from "verification_events" where ("verification_events"."client_id" = ? and "verification_events"."livemode" = ? and ("verification_events"."status_change" = 1 OR "verification_events"."feed" = 1) and "verification_events"."created_at" >= max(?, (SELECT c.created_at FROM verification_events c WHERE c.id = ? AND c.client_id = ? AND c.livemode = ? AND (c.status_change = 1 OR c.feed = 1))) AND ("verification_events"."created_at", "verification_events".rowid) > (SELECT c.created_at, c.rowid FROM verification_events c WHERE c.id = ? AND c.client_id = ? AND c.livemode = ? AND (c.status_change = 1 OR c.feed = 1))) order by "verification_events"."created_at" asc, "verification_events".rowid limit ?`,
		maxRowsRead: PAGE + 4,
	},
	{
		what: "Feed by type in a created window: a later page",
		sql: `
			select "id", "verification_id", "client_id", "livemode", "type", "status_change", "version", "status", "previous_status", "data", "created_at", "feed", "moved" from "verification_events" where ("verification_events"."client_id" = ? and "verification_events"."livemode" = ? and ("verification_events"."status_change" = 1 OR "verification_events"."feed" = 1) and "verification_events"."type" = ? and "verification_events"."created_at" < ? and "verification_events"."created_at" >= ?) order by "verification_events"."created_at" asc, "verification_events".rowid limit ?`,
		maxRowsRead: PAGE + 4,
	},
	{
		what: "Feed by type: a later page",
		sql: `
			select "id", "verification_id", "client_id", "livemode", "type", "status_change", "version", "status", "previous_status", "data", "created_at", "feed", "moved" from "verification_events" where ("verification_events"."client_id" = ? and "verification_events"."livemode" = ? and ("verification_events"."status_change" = 1 OR "verification_events"."feed" = 1) and "verification_events"."type" = ? and "verification_events".rowid > (SELECT coalesce(c.moved, c.rowid) FROM verification_events c WHERE c.id = ? AND c.client_id = ? AND c.livemode = ? AND (c.status_change = 1 OR c.feed = 1)) AND ("verification_events"."moved" IS NULL OR "verification_events".rowid > (SELECT c.rowid FROM verification_events c WHERE c.id = ? AND c.client_id = ? AND c.livemode = ? AND (c.status_change = 1 OR c.feed = 1)))) order by "verification_events".rowid limit ?`,
		maxRowsRead: PAGE + 4,
	},
	{
		what: "Feed by type",
		sql: `
			select "id", "verification_id", "client_id", "livemode", "type", "status_change", "version", "status", "previous_status", "data", "created_at", "feed", "moved" from "verification_events" where ("verification_events"."client_id" = ? and "verification_events"."livemode" = ? and ("verification_events"."status_change" = 1 OR "verification_events"."feed" = 1) and "verification_events"."type" = ?) order by "verification_events".rowid limit ?`,
		maxRowsRead: PAGE + 4,
	},
	{
		what: "Feed: a later page",
		sql: `
			select "id", "verification_id", "client_id", "livemode", "type", "status_change", "version", "status", "previous_status", "data", "created_at", "feed", "moved" from "verification_events" where ("verification_events"."client_id" = ? and "verification_events"."livemode" = ? and ("verification_events"."status_change" = 1 OR "verification_events"."feed" = 1) and "verification_events".rowid > (SELECT coalesce(c.moved, c.rowid) FROM verification_events c WHERE c.id = ? AND c.client_id = ? AND c.livemode = ? AND (c.status_change = 1 OR c.feed = 1)) AND ("verification_events"."moved" IS NULL OR "verification_events".rowid > (SELECT c.rowid FROM verification_events c WHERE c.id = ? AND c.client_id = ? AND c.livemode = ? AND (c.status_change = 1 OR c.feed = 1)))) order by "verification_events".rowid limit ?`,
		maxRowsRead: PAGE + 4,
	},
	{
		what: "Feed",
		sql: `
			select "id", "verification_id", "client_id", "livemode", "type", "status_change", "version", "status", "previous_status", "data", "created_at", "feed", "moved" from "verification_events" where ("verification_events"."client_id" = ? and "verification_events"."livemode" = ? and ("verification_events"."status_change" = 1 OR "verification_events"."feed" = 1)) order by "verification_events".rowid limit ?`,
		maxRowsRead: PAGE + 4,
	},
	{
		what: "Timeline",
		sql: `
			select "id", "verification_id", "client_id", "livemode", "type", "status_change", "version", "status", "previous_status", "data", "created_at", "feed", "moved" from "verification_events" where ("verification_events"."verification_id" = ? and "verification_events"."client_id" = ? and "verification_events"."livemode" = ?) order by "verification_events"."id" asc limit ?`,
		maxRowsRead: PAGE + 1,
	},
	{
		what: "Admin: the cron jobs' state, one row per job and data database (grows with shards, not with time)",
		sql: `
			select "job", "state", "updated_at" from "cron_state" order by "cron_state"."job"`,
		maxRowsRead: 2 * 2 * DATABASES,
	},
	{
		what: "Cron: claims not yet seen by the unprojected sweep, with whether they are projected",
		sql: `
			select "person_claims"."verification_id", "verifications"."id" IS NOT NULL from "person_claims" left
			join "verifications" on "verifications"."id" = "person_claims"."verification_id" where
			("person_claims"."swept_at" is null and "person_claims"."created_at" < ?) order by
			"person_claims"."created_at" asc limit ?`,
		maxRowsRead: 2 * SWEEP_BATCH,
	},
	{
		what: "Cron: a job's state from its last run",
		sql: `
			select "state" from "cron_state" where "cron_state"."job" = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Submit: whether a claim's holder is final (a stale claim)",
		sql: `
			select "status" from "verifications" where "verifications"."id" = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Submit during a key rotation: the person's claim under a previous key",
		sql: `
			select "verification_id", "blind_index" from "person_claims" where ("person_claims"."client_id" = ? and
			"person_claims"."livemode" = ? and "person_claims"."blind_index" in (?, …))`,
		maxRowsRead: 4,
	},
	{
		what: "Submit: the claimed idempotency key's holder",
		sql: `
			select "verification_id", "request_hash" from "idempotency_keys" where ("idempotency_keys"."client_id" =
			? and "idempotency_keys"."livemode" = ? and "idempotency_keys"."key" = ?)`,
		maxRowsRead: 2,
	},
	{
		what: "Re-encryption: verifications holding personal data under an older key id",
		sql: `
			select count(*) from "verifications" where ("verifications"."redacted_at" is null and
			"verifications"."key_id" < ?)`,
		maxRowsRead: STALE,
	},
	{
		what: "Re-encryption: verifications holding personal data under a newer key id",
		sql: `
			select count(*) from "verifications" where ("verifications"."redacted_at" is null and
			"verifications"."key_id" > ?)`,
		maxRowsRead: STALE,
	},
	{
		what: "Re-encryption: verifications holding personal data under no recorded key",
		sql: `
			select count(*) from "verifications" where ("verifications"."redacted_at" is null and
			"verifications"."key_id" is null)`,
		maxRowsRead: STALE,
	},
	{
		what: "Register an endpoint: how many the account has",
		sql: `
			select count(*) from "webhook_endpoints" where ("webhook_endpoints"."client_id" = ? and
			"webhook_endpoints"."livemode" = ? and "webhook_endpoints"."deleted_at" is null)`,
		maxRowsRead: MAX_ENDPOINTS_PER_CLIENT + 1,
	},
	{
		what: "Re-encryption: endpoints whose secrets are not under the current key",
		sql: `
			select count(*) from "webhook_endpoints" where ("webhook_endpoints"."deleted_at" is null and
			("webhook_endpoints"."secret" not like ? or ("webhook_endpoints"."previous_secret" is not null and
			"webhook_endpoints"."previous_secret" not like ?)))`,
		maxRowsRead: ENDPOINT_SCAN,
	},
	{
		what: "Re-encryption: idempotency hashes not under the current key",
		sql: `
			select count(*), max("created_at") from "idempotency_keys" where ("idempotency_keys"."request_hash" <> ?
			and ("idempotency_keys"."key_id" is null or "idempotency_keys"."key_id" < ? or
			"idempotency_keys"."key_id" > ?))`,
		maxRowsRead: STALE,
	},
	{
		what: "Prune behind: the verifications still due, counted up to a run's worth",
		sql: `
			select count(*), min("id") from (select "id" from "verifications" where ("verifications"."id" < ? and
			"verifications"."status" not in (?, …)) order by "verifications"."id" asc limit ?) "head"`,
		maxRowsRead: 2 * PRUNE_BATCH.verifications * PRUNE_ROUNDS,
	},
	{
		what: "Prune behind: the deliveries still due, counted up to a run's worth",
		sql: `
			select count(*), min("id") from (select "id" from "webhook_deliveries" where "webhook_deliveries"."id" <
			? order by "webhook_deliveries"."id" asc limit ?) "head"`,
		maxRowsRead: 2 * PRUNE_BATCH.deliveries * PRUNE_ROUNDS,
	},
	{
		what: "Admin: a key revoked",
		sql: `
			update "api_keys" set "revoked_at" = ? where ("api_keys"."id" = ? and "api_keys"."client_id" = ?)`,
		maxRowsRead: 2,
	},
	{
		what: "Submit or retry: a stale claim (its holder is final) taken over, fenced on its holder",
		sql: `
			update "person_claims" set "verification_id" = ?, "created_at" = ?, "swept_at" = ?, "round" = ? where
			(("person_claims"."client_id" = ? and "person_claims"."livemode" = ? and "person_claims"."blind_index" = ?)
			and "person_claims"."verification_id" = ?) returning "verification_id"`,
		maxRowsRead: 4,
	},
	{
		what: "Cron: claims found projected are marked swept",
		sql: `
			update "person_claims" set "swept_at" = ? where "person_claims"."verification_id" in (SELECT value FROM
			json_each(?))`,
		maxRowsRead: 2 * SWEEP_BATCH,
	},
	{
		what: "Delivery consumer: a failed attempt recorded, retry scheduled",
		sql: `
			update "webhook_deliveries" set "attempts" = "webhook_deliveries"."attempts" + 1, "next_attempt_at" = ?,
			"last_attempt_at" = ?, "response_status" = ?, "latency_ms" = ?, "error_class" = ?, "error" = ?,
			"updated_at" = ? where ("webhook_deliveries"."id" = ? and "webhook_deliveries"."generation" = ?)`,
		maxRowsRead: 2,
	},
	{
		what: "Delivery consumer: successful attempts recorded",
		sql: `
			update "webhook_deliveries" set "status" = ?, "attempts" = "webhook_deliveries"."attempts" + 1, "next_attempt_at" = ?, "last_attempt_at" = ?, "response_status" = (SELECT value ->> 2 FROM json_each(?) WHERE value ->> 0 = "webhook_deliveries"."id"), "latency_ms" = (SELECT value ->> 3 FROM json_each(?) WHERE value ->> 0 = "webhook_deliveries"."id"), "error_class" = ?, "error" = ?, "parked_at" = ?, "updated_at" = ? where "webhook_deliveries"."id" IN (?, …) AND "webhook_deliveries"."generation" = (SELECT value ->> 1 FROM json_each(?) WHERE value ->> 0 = "webhook_deliveries"."id")`,
		maxRowsRead: 4 * MAX_DELIVERIES_PER_MESSAGE,
	},
	{
		what: "Delivery consumer: the last failed attempt (or 410 Gone) recorded",
		sql: `
			update "webhook_deliveries" set "status" = ?, "attempts" = "webhook_deliveries"."attempts" + 1, "next_attempt_at" = ?, "last_attempt_at" = ?, "response_status" = ?, "latency_ms" = ?, "error_class" = ?, "error" = ?, "parked_at" = ?, "updated_at" = ? where ("webhook_deliveries"."id" = ? and "webhook_deliveries"."generation" = ?)`,
		maxRowsRead: 2,
	},
	{
		what: "Resend / recover / sweep: a delivery's fresh round",
		sql: `
			update "webhook_deliveries" set "status" = ?, "generation" = "webhook_deliveries"."generation" + 1, "owner" = ?, "next_attempt_at" = ?, "parked_at" = ?, "updated_at" = ? where "webhook_deliveries"."id" = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Delivery consumer: deliveries closed unsent (endpoint disabled, URL refused)",
		sql: `
			update "webhook_deliveries" set "status" = ?, "next_attempt_at" = ?, "error_class" = ?, "error" = ?, "parked_at" = ?, "updated_at" = ? where "webhook_deliveries"."id" IN (?, …) AND "webhook_deliveries"."generation" = (SELECT value ->> 1 FROM json_each(?) WHERE value ->> 0 = "webhook_deliveries"."id")`,
		maxRowsRead: 4 * MAX_DELIVERIES_PER_MESSAGE,
	},
	{
		what: "Dead letters: the message's deliveries marked failed",
		sql: `
			update "webhook_deliveries" set "status" = ?, "next_attempt_at" = ?, "error_class" = coalesce("webhook_deliveries"."error_class", 'exhausted'), "parked_at" = ?, "updated_at" = ? where ("webhook_deliveries"."id" IN (?, …) AND "webhook_deliveries"."generation" = (SELECT value ->> 1 FROM json_each(?) WHERE value ->> 0 = "webhook_deliveries"."id") and +"webhook_deliveries"."status" = 'pending')`,
		maxRowsRead: 4 * MAX_DELIVERIES_PER_MESSAGE,
	},
	{
		what: "Update an endpoint",
		sql: `
			update "webhook_endpoints" set "description" = ?, "updated_at" = ? where "webhook_endpoints"."id" = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Enable an endpoint",
		sql: `
			update "webhook_endpoints" set "disabled_at" = ?, "disabled_reason" = ?, "failing_since" = ?, "slow_until" = ?, "failures" = ?, "failing_event_at" = ?, "updated_at" = ? where "webhook_endpoints"."id" = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Disable an endpoint",
		sql: `
			update "webhook_endpoints" set "disabled_at" = ?, "disabled_reason" = ?, "updated_at" = ? where
			"webhook_endpoints"."id" = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Delivery consumer: an endpoint disabled (410 Gone, or failing for days)",
		sql: `
			update "webhook_endpoints" set "disabled_at" = ?, "disabled_reason" = ?, "updated_at" = ? where
			("webhook_endpoints"."id" = ? and "webhook_endpoints"."disabled_at" is null)`,
		maxRowsRead: 2,
	},
	{
		what: "Delete an endpoint (in place)",
		sql: `
			update "webhook_endpoints" set "disabled_at" = coalesce("webhook_endpoints"."disabled_at", ?),
			"disabled_reason" = ?, "updated_at" = ?, "deleted_at" = ? where "webhook_endpoints"."id" = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Delivery consumer: an endpoint's failure streak ends",
		sql: `
			update "webhook_endpoints" set "failing_since" = ?, "failures" = ?, "failing_event_at" = ? where "webhook_endpoints"."id" = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Delivery consumer: an endpoint back from the slow lane",
		sql: `
			update "webhook_endpoints" set "failing_since" = ?, "slow_until" = ?, "failures" = ?, "failing_event_at" = ? where "webhook_endpoints"."id" = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Delivery consumer: an endpoint's failure streak",
		sql: `
			update "webhook_endpoints" set "failing_since" = coalesce("webhook_endpoints"."failing_since", ?), "probes" = CASE WHEN "webhook_endpoints"."failing_since" IS NULL THEN 0 ELSE "webhook_endpoints"."probes" END, "failures" = "webhook_endpoints"."failures" + 1 where "webhook_endpoints"."id" = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Delivery consumer: an endpoint moves to the slow lane",
		sql: `
			update "webhook_endpoints" set "failing_since" = coalesce("webhook_endpoints"."failing_since", ?), "slow_until" = ?, "probes" = CASE WHEN "webhook_endpoints"."failing_since" IS NULL THEN 0 ELSE "webhook_endpoints"."probes" END, "failures" = "webhook_endpoints"."failures" + 1 where "webhook_endpoints"."id" = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Rotate an endpoint's secret",
		sql: `
			update "webhook_endpoints" set "secret" = ?, "previous_secret" = ?, "previous_secret_expires_at" = ?,
			"updated_at" = ? where "webhook_endpoints"."id" = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Idempotency-Key on a state-changing request: the key claimed",
		sql: `
			insert into "idempotent_requests" ("client_id", "livemode", "key", "fingerprint", "status", "response",
			"created_at") values (?, …, null, null, ?) on conflict do nothing returning "key"`,
		maxRowsRead: 2,
	},
	{
		what: "Idempotency-Key: the first answer recorded",
		sql: `
			update "idempotent_requests" set "status" = ?, "response" = ? where ("idempotent_requests"."client_id" =
			? and "idempotent_requests"."livemode" = ? and "idempotent_requests"."key" = ?)`,
		maxRowsRead: 2,
	},
	{
		what: "Idempotency-Key: a key past its day, or abandoned, taken over",
		sql: `
			update "idempotent_requests" set "fingerprint" = ?, "status" = ?, "response" = ?, "created_at" = ? where
			(("idempotent_requests"."client_id" = ? and "idempotent_requests"."livemode" = ? and
			"idempotent_requests"."key" = ?) and ("idempotent_requests"."created_at" < ? or
			("idempotent_requests"."status" is null and "idempotent_requests"."created_at" < ?))) returning "key"`,
		maxRowsRead: 2,
	},
	{
		what: "Idempotency-Key: what the key holds",
		sql: `
			select "client_id", "livemode", "key", "fingerprint", "status", "response", "created_at" from
			"idempotent_requests" where ("idempotent_requests"."client_id" = ? and "idempotent_requests"."livemode"
			= ? and "idempotent_requests"."key" = ?)`,
		maxRowsRead: 2,
	},
	{
		what: "Delivery consumer: claim the message's deliveries for a lease, read with their endpoint",
		sql: `
			UPDATE webhook_deliveries SET owner = ?, next_attempt_at = ? WHERE "webhook_deliveries"."id" IN (?, …) AND "webhook_deliveries"."generation" = (SELECT value ->> 1 FROM json_each(?) WHERE value ->> 0 = "webhook_deliveries"."id") AND +"webhook_deliveries"."status" = 'pending' AND (owner IS NULL OR owner = ?) RETURNING json_patch(json_object('id', webhook_deliveries."id", 'clientId', webhook_deliveries."client_id", 'livemode', webhook_deliveries."livemode", 'endpointId', webhook_deliveries."endpoint_id", 'eventId', webhook_deliveries."event_id", 'eventType', webhook_deliveries."event_type", 'payload', webhook_deliveries."payload", 'status', webhook_deliveries."status", 'generation', webhook_deliveries."generation", 'owner', webhook_deliveries."owner", 'attempts', webhook_deliveries."attempts", 'nextAttemptAt', webhook_deliveries."next_attempt_at", 'lastAttemptAt', webhook_deliveries."last_attempt_at", 'responseStatus', webhook_deliveries."response_status", 'latencyMs', webhook_deliveries."latency_ms", 'errorClass', webhook_deliveries."error_class"), json_object('error', webhook_deliveries."error", 'parkedAt', webhook_deliveries."parked_at", 'createdAt', webhook_deliveries."created_at", 'updatedAt', webhook_deliveries."updated_at")) AS d, (SELECT json_patch(json_object('id', e."id", 'clientId', e."client_id", 'livemode', e."livemode", 'url', e."url", 'description', e."description", 'eventTypes', e."event_types", 'secret', e."secret", 'previousSecret', e."previous_secret", 'previousSecretExpiresAt', e."previous_secret_expires_at", 'disabledAt', e."disabled_at", 'disabledReason', e."disabled_reason", 'failingSince', e."failing_since", 'slowUntil', e."slow_until", 'rateLimit', e."rate_limit", 'throttleAt', e."throttle_at", 'probeAt', e."probe_at"), json_object('probeOwner', e."probe_owner", 'probes', e."probes", 'probeCredits', e."probe_credits", 'parkedUntil', e."parked_until", 'failures', e."failures", 'failingEventAt', e."failing_event_at", 'createdAt', e."created_at", 'updatedAt', e."updated_at", 'deletedAt', e."deleted_at")) FROM webhook_endpoints e WHERE e.id = webhook_deliveries.endpoint_id) AS e`,
		maxRowsRead: 4 * MAX_DELIVERIES_PER_MESSAGE,
	},
	{
		what: "Recover: the window's deliveries that have not succeeded (pings aside), one index range per status",
		sql: `
			SELECT * FROM (SELECT id, generation FROM webhook_deliveries INDEXED BY webhook_deliveries_status_idx
			WHERE endpoint_id = ? AND status = ? AND id > ? AND id < ? AND created_at >= ? AND created_at < ? AND
			event_type <> ? ORDER BY id LIMIT ?) UNION ALL SELECT * FROM (SELECT id, generation FROM
			webhook_deliveries INDEXED BY webhook_deliveries_status_idx WHERE endpoint_id = ? AND status = ? AND id
			> ? AND id < ? AND created_at >= ? AND created_at < ? AND event_type <> ? ORDER BY id LIMIT ?) UNION ALL
			SELECT * FROM (SELECT id, generation FROM webhook_deliveries INDEXED BY webhook_deliveries_status_idx
			WHERE endpoint_id = ? AND status = ? AND id > ? AND id < ? AND created_at >= ? AND created_at < ? AND
			event_type <> ? ORDER BY id LIMIT ?) ORDER BY id LIMIT ?`,
		maxRowsRead: 3 * (RECOVER_LIMIT + 1),
	},
	{
		what: "Delivery consumer: deliveries handed over to another message",
		sql: `
			update "webhook_deliveries" set "owner" = ?, "next_attempt_at" = ? where ("webhook_deliveries"."id" in
			(?, …) and "webhook_deliveries"."owner" = ?)`,
		maxRowsRead: MAX_DELIVERIES_PER_MESSAGE + 1,
	},
	{
		what: "Prune: request keys past their day",
		sql: `
			DELETE FROM "idempotent_requests" WHERE rowid IN (SELECT rowid FROM "idempotent_requests" WHERE
			"idempotent_requests"."created_at" < ? ORDER BY "idempotent_requests"."created_at" LIMIT ?) RETURNING
			"idempotent_requests"."key"`,
		maxRowsRead: 2 * REQUEST_KEY_BATCH,
	},
	{
		what: "Cron: pending deliveries past their next attempt or lease (lost messages)",
		sql: `
			select "id", "attempts", "parked_at" from "webhook_deliveries" where ("webhook_deliveries"."status" = ? and "webhook_deliveries"."next_attempt_at" < ?) order by "webhook_deliveries"."next_attempt_at" asc limit ?`,
		maxRowsRead: OVERDUE_DELIVERY_BATCH,
	},
	{
		what: "Cron: overdue deliveries with every attempt made marked failed",
		sql: `
			update "webhook_deliveries" set "status" = ?, "next_attempt_at" = ?, "error_class" = ?, "error" = ?, "parked_at" = ?, "updated_at" = ? where ("webhook_deliveries"."id" IN (SELECT value FROM json_each(?)) and +"webhook_deliveries"."status" = 'pending' and "webhook_deliveries"."next_attempt_at" < ?) returning "id"`,
		maxRowsRead: 2 * OVERDUE_DELIVERY_BATCH,
	},
	{
		what: "Cron: overdue deliveries re-sent in the same round",
		sql: `
			update "webhook_deliveries" set "owner" = ?, "next_attempt_at" = ?, "updated_at" = ? where
			("webhook_deliveries"."id" IN (SELECT value FROM json_each(?)) and +"webhook_deliveries"."status" =
			'pending' and "webhook_deliveries"."next_attempt_at" < ?) returning "id", "generation", "attempts"`,
		maxRowsRead: 2 * OVERDUE_DELIVERY_BATCH,
	},
	{
		what: "Catch-up: before parking, up to two other pending deliveries of the endpoint (its pending ones in id order, past the message's own)",
		sql: `
			SELECT attempts FROM webhook_deliveries INDEXED BY webhook_deliveries_status_idx WHERE endpoint_id = ? AND status = 'pending' AND id NOT IN (SELECT value FROM json_each(?)) LIMIT 2`,
		maxRowsRead: MAX_DELIVERIES_PER_MESSAGE + 3,
	},
	{
		what: "Catch-up: a probe's failed attempt on its delivery",
		sql: `
			update "webhook_deliveries" set "attempts" = "webhook_deliveries"."attempts" + 1, "last_attempt_at" = ?, "response_status" = ?, "latency_ms" = ?, "error_class" = ?, "error" = ?, "updated_at" = ? where ("webhook_deliveries"."id" = ? and "webhook_deliveries"."generation" = ?)`,
		maxRowsRead: 2,
	},
	{
		what: "Catch-up: a message's deliveries parked (their claims released, each with its span's end)",
		sql: `
			update "webhook_deliveries" set "owner" = ?, "next_attempt_at" = (SELECT value ->> 3 FROM json_each(?) WHERE value ->> 0 = "webhook_deliveries"."id"), "parked_at" = (SELECT value ->> 2 FROM json_each(?) WHERE value ->> 0 = "webhook_deliveries"."id"), "updated_at" = ? where ("webhook_deliveries"."id" IN (?, …) AND "webhook_deliveries"."generation" = (SELECT value ->> 1 FROM json_each(?) WHERE value ->> 0 = "webhook_deliveries"."id") and +"webhook_deliveries"."status" = 'pending')`,
		maxRowsRead: 4 * MAX_DELIVERIES_PER_MESSAGE,
	},
	{
		what: "Catch-up: started, unless one is under way",
		sql: `
			update "webhook_endpoints" set "probe_at" = ?, "probe_owner" = ?, "probes" = ? where ("webhook_endpoints"."id" = ? and "webhook_endpoints"."probe_at" IS NULL) returning "probe_at"`,
		maxRowsRead: 2,
	},
	{
		what: "Catch-up: the parked deliveries' credits and span added to the endpoint",
		sql: `
			update "webhook_endpoints" set "probe_credits" = "webhook_endpoints"."probe_credits" + ?, "parked_until" = max(coalesce("webhook_endpoints"."parked_until", 0), ?) where "webhook_endpoints"."id" = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Catch-up: a message claims its endpoint's catch-up (for the probe_at it was sent for)",
		sql: `
			update "webhook_endpoints" set "probe_owner" = ? where ("webhook_endpoints"."id" = ? and "webhook_endpoints"."probe_at" = ? and ("webhook_endpoints"."probe_owner" IS NULL OR "webhook_endpoints"."probe_owner" = ?)) returning "id", "client_id", "livemode", "url", "description", "event_types", "secret", "previous_secret", "previous_secret_expires_at", "disabled_at", "disabled_reason", "failing_since", "slow_until", "rate_limit", "throttle_at", "probe_at", "probe_owner", "probes", "probe_credits", "parked_until", "failures", "failing_event_at", "created_at", "updated_at", "deleted_at"`,
		maxRowsRead: 2,
	},
	{
		what: "Catch-up: the endpoint's oldest parked delivery (the parked index)",
		sql: `
			select "id", "client_id", "livemode", "endpoint_id", "event_id", "event_type", "payload", "status", "generation", "owner", "attempts", "next_attempt_at", "last_attempt_at", "response_status", "latency_ms", "error_class", "error", "parked_at", "created_at", "updated_at" from "webhook_deliveries" where ("webhook_deliveries"."endpoint_id" = ? and "webhook_deliveries"."parked_at" is not null) order by "webhook_deliveries"."id" asc limit ?`,
		maxRowsRead: 2,
	},
	{
		what: "Catch-up: a release step's parked deliveries, oldest first (the parked index)",
		sql: `
			select "id", "generation", "payload" ->> '$.data.id' from "webhook_deliveries" where ("webhook_deliveries"."endpoint_id" = ? and "webhook_deliveries"."parked_at" is not null) order by "webhook_deliveries"."id" asc limit ?`,
		maxRowsRead: RELEASE_BATCH,
	},
	{
		what: "Catch-up: a release step's deliveries unparked",
		sql: `
			update "webhook_deliveries" set "next_attempt_at" = CASE WHEN "webhook_deliveries"."owner" IS NULL THEN ? ELSE "webhook_deliveries"."next_attempt_at" END, "parked_at" = ? where ("webhook_deliveries"."id" IN (SELECT value FROM json_each(?)) and "webhook_deliveries"."parked_at" is not null)`,
		maxRowsRead: 2 * RELEASE_BATCH,
	},
	{
		what: "Catch-up: a release ends (or goes back to probing if the endpoint failed again)",
		sql: `
			update "webhook_endpoints" set "probe_at" = CASE WHEN "webhook_endpoints"."failing_since" IS NULL THEN NULL ELSE ? END, "probe_owner" = ?, "probe_credits" = CASE WHEN "webhook_endpoints"."failing_since" IS NULL THEN 0 ELSE "webhook_endpoints"."probe_credits" END, "parked_until" = CASE WHEN "webhook_endpoints"."failing_since" IS NULL THEN NULL ELSE "webhook_endpoints"."parked_until" END where ("webhook_endpoints"."id" = ? and "webhook_endpoints"."probe_owner" = ?) returning "probe_at"`,
		maxRowsRead: 2,
	},
	{
		what: "Catch-up: an endpoint that answered while probed: the catch-up becomes a release, due now",
		sql: `
			update "webhook_endpoints" set "probe_at" = ?, "probe_owner" = ? where ("webhook_endpoints"."id" = ? and "webhook_endpoints"."probe_at" is not null and "webhook_endpoints"."probe_owner" IS NULL) returning "id"`,
		maxRowsRead: 2,
	},
	{
		what: "Endpoint update: rate_limit",
		sql: `
			update "webhook_endpoints" set "rate_limit" = ?, "updated_at" = ? where "webhook_endpoints"."id" = ?`,
		maxRowsRead: 2,
	},
	{
		what: "Throttle: a message reserves its slots",
		sql: `
			update "webhook_endpoints" set "throttle_at" = max(coalesce("webhook_endpoints"."throttle_at", 0), ?) + ? where "webhook_endpoints"."id" = ? returning "throttle_at"`,
		maxRowsRead: 2,
	},
	{
		what: "Catch-up: the next step scheduled, handed to a message of its own",
		sql: `
			update "webhook_endpoints" set "probe_at" = ?, "probe_owner" = ? where ("webhook_endpoints"."id" = ? and "webhook_endpoints"."probe_owner" = ?) returning "id"`,
		maxRowsRead: 2,
	},
	{
		what: "Catch-up: a parked delivery whose span ended is failed (by its primary key)",
		sql: `
			update "webhook_deliveries" set "status" = ?, "next_attempt_at" = ?, "error_class" = coalesce("webhook_deliveries"."error_class", 'exhausted'), "parked_at" = ?, "updated_at" = ? where (("webhook_deliveries"."id" = ? and "webhook_deliveries"."generation" = ?) and "webhook_deliveries"."parked_at" is not null)`,
		maxRowsRead: 2,
	},
	{
		what: "Catch-up: nothing left parked, the catch-up ends",
		sql: `
			update "webhook_endpoints" set "probe_at" = ?, "probe_owner" = ?, "probes" = ?, "probe_credits" = ?, "parked_until" = ? where ("webhook_endpoints"."id" = ? and "webhook_endpoints"."probe_owner" = ?)`,
		maxRowsRead: 2,
	},
	{
		what: "Cron: catch-ups whose message was lost (probe_at overdue, the catch-up index), their claim released",
		sql: `
			update "webhook_endpoints" set "probe_owner" = ? where ("webhook_endpoints"."id" in (select "id" from "webhook_endpoints" where ("webhook_endpoints"."probe_at" is not null and "webhook_endpoints"."probe_at" < ?) order by "webhook_endpoints"."probe_at" asc limit ?) and "webhook_endpoints"."probe_at" < ?) returning "id", "probe_at"`,
		maxRowsRead: 2 * OVERDUE_DELIVERY_BATCH,
	},
	{
		what: "Operational event: its row in the feed, inserted once by its id",
		sql: `
			INSERT INTO verification_events (id, verification_id, client_id, livemode, type, status_change, version, status, previous_status, data, created_at, feed) VALUES (?, …, 0, 0, '', NULL, ?, …, 1) ON CONFLICT (id) DO NOTHING`,
		maxRowsRead: 0,
	},
	{
		what: "Catch-up: a probe failed: one probe more, one credit less",
		sql: `
			update "webhook_endpoints" set "probes" = "webhook_endpoints"."probes" + 1, "probe_credits" = "webhook_endpoints"."probe_credits" - 1 where "webhook_endpoints"."id" = ?`,
		maxRowsRead: 2,
	},
];
