-- A shard's schema (docs/operators.md, "Shards"): every per-client table, as the directory's migrations up to
-- 0014_client_shards leave them, without the directory's tables (clients, api_keys) or references to them. A shard
-- starts here; later per-client changes are added to this folder and to the directory's (which still holds the rows
-- of clients not moved out of it). test/integration/shards.test.ts holds the two schemas equal.
CREATE TABLE `verifications` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`status` text NOT NULL,
	`version` integer NOT NULL,
	`revision` integer NOT NULL,
	`reference` text,
	`passport_country` text,
	`passport_last3` text NOT NULL,
	`provider` text NOT NULL,
	`last_error_code` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`expires_at` integer,
	`next_wake_at` integer,
	`redacted_at` integer,
	`blind_index` text,
	`body` text NOT NULL
, `livemode` integer DEFAULT false NOT NULL, `key_id` text);
--> statement-breakpoint
CREATE INDEX `verifications_client_id_idx` ON `verifications` (`client_id`,`livemode`,`id`);
--> statement-breakpoint
CREATE INDEX `verifications_client_reference_idx` ON `verifications` (`client_id`,`livemode`,`reference`,`id`) WHERE "verifications"."reference" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX `verifications_client_reference_status_idx` ON `verifications` (`client_id`,`livemode`,`reference`,`status`,`id`) WHERE "verifications"."reference" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX `verifications_client_status_idx` ON `verifications` (`client_id`,`livemode`,`status`,`id`);
--> statement-breakpoint
CREATE INDEX `verifications_key_idx` ON `verifications` (`key_id`) WHERE "verifications"."redacted_at" IS NULL;
--> statement-breakpoint
CREATE INDEX `verifications_unredacted_idx` ON `verifications` (`id`) WHERE "verifications"."redacted_at" IS NULL;
--> statement-breakpoint
CREATE INDEX `verifications_wake_idx` ON `verifications` (`next_wake_at`) WHERE "verifications"."next_wake_at" IS NOT NULL;
--> statement-breakpoint
CREATE TABLE `verification_events` (
	`id` text PRIMARY KEY NOT NULL,
	`verification_id` text NOT NULL,
	`client_id` text NOT NULL,
	`type` text NOT NULL,
	`status_change` integer NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`previous_status` text,
	`data` text NOT NULL,
	`created_at` integer NOT NULL
, `livemode` integer DEFAULT false NOT NULL);
--> statement-breakpoint
CREATE INDEX `events_feed_created_idx` ON `verification_events` (`client_id`,`livemode`,`created_at`) WHERE "verification_events"."status_change" = 1;
--> statement-breakpoint
CREATE INDEX `events_feed_idx` ON `verification_events` (`client_id`,`livemode`) WHERE "verification_events"."status_change" = 1;
--> statement-breakpoint
CREATE INDEX `events_feed_type_created_idx` ON `verification_events` (`client_id`,`livemode`,`type`,`created_at`) WHERE "verification_events"."status_change" = 1;
--> statement-breakpoint
CREATE INDEX `events_feed_type_idx` ON `verification_events` (`client_id`,`livemode`,`type`) WHERE "verification_events"."status_change" = 1;
--> statement-breakpoint
CREATE INDEX `events_verification_idx` ON `verification_events` (`verification_id`,`id`);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	`client_id` text NOT NULL,
	`livemode` integer DEFAULT false NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`verification_id` text NOT NULL,
	`created_at` integer NOT NULL, `key_id` text,
	PRIMARY KEY(`client_id`, `livemode`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_key_idx` ON `idempotency_keys` (`key_id`,`created_at`);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_verification_idx` ON `idempotency_keys` (`verification_id`);
--> statement-breakpoint
CREATE TABLE `idempotent_requests` (
	`client_id` text NOT NULL,
	`livemode` integer NOT NULL,
	`key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`status` integer,
	`response` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`client_id`, `livemode`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotent_requests_created_idx` ON `idempotent_requests` (`created_at`);
--> statement-breakpoint
CREATE TABLE `person_claims` (
	`client_id` text NOT NULL,
	`livemode` integer NOT NULL,
	`blind_index` text NOT NULL,
	`verification_id` text NOT NULL,
	`created_at` integer NOT NULL, `swept_at` integer, `round` integer,
	PRIMARY KEY(`client_id`, `livemode`, `blind_index`)
);
--> statement-breakpoint
CREATE INDEX `person_claims_unswept_idx` ON `person_claims` (`created_at`) WHERE "person_claims"."swept_at" IS NULL;
--> statement-breakpoint
CREATE INDEX `person_claims_verification_idx` ON `person_claims` (`verification_id`);
--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`url` text NOT NULL,
	`description` text,
	`event_types` text,
	`secret` text NOT NULL,
	`previous_secret` text,
	`previous_secret_expires_at` integer,
	`disabled_at` integer,
	`disabled_reason` text,
	`failing_since` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL, `livemode` integer DEFAULT false NOT NULL, `slow_until` integer, `deleted_at` integer);
--> statement-breakpoint
CREATE INDEX `webhook_endpoints_client_idx` ON `webhook_endpoints` (`client_id`,`livemode`,`id`);
--> statement-breakpoint
CREATE INDEX `webhook_endpoints_deleted_idx` ON `webhook_endpoints` (`deleted_at`) WHERE "webhook_endpoints"."deleted_at" IS NOT NULL;
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`endpoint_id` text NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`generation` integer DEFAULT 1 NOT NULL,
	`owner` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_attempt_at` integer,
	`response_status` integer,
	`latency_ms` integer,
	`error_class` text,
	`error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL, `livemode` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`endpoint_id`) REFERENCES `webhook_endpoints`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_endpoint_idx` ON `webhook_deliveries` (`endpoint_id`,`id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_event_idx` ON `webhook_deliveries` (`endpoint_id`,`event_id`);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_overdue_idx` ON `webhook_deliveries` (`status`,`next_attempt_at`);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_status_idx` ON `webhook_deliveries` (`endpoint_id`,`status`,`id`);
