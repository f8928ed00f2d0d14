-- Every statement's cost bounded by what it returns, not by the history (docs/architecture.md, "Bounded reads"):
-- the cron's cursors, claims marked once the unprojected sweep has seen them, one feed index per filter (partial:
-- status changes only), the deliveries log by status in id order, endpoints deleted in place (the prune removes
-- their log in batches), and the verification list filtered by reference and status at once.
CREATE TABLE `cron_state` (
	`job` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `person_claims_created_idx`;--> statement-breakpoint
ALTER TABLE `person_claims` ADD `swept_at` integer;--> statement-breakpoint
CREATE INDEX `person_claims_unswept_idx` ON `person_claims` (`created_at`) WHERE "person_claims"."swept_at" IS NULL;--> statement-breakpoint
-- Claims of verifications already projected need no look: only the others wait for the sweep.
UPDATE `person_claims` SET `swept_at` = `created_at` WHERE `verification_id` IN (SELECT `id` FROM `verifications`);--> statement-breakpoint
DROP INDEX `events_client_feed_idx`;--> statement-breakpoint
CREATE INDEX `events_feed_idx` ON `verification_events` (`client_id`,`livemode`) WHERE "verification_events"."status_change" = 1;--> statement-breakpoint
CREATE INDEX `events_feed_type_idx` ON `verification_events` (`client_id`,`livemode`,`type`) WHERE "verification_events"."status_change" = 1;--> statement-breakpoint
CREATE INDEX `events_feed_created_idx` ON `verification_events` (`client_id`,`livemode`,`created_at`) WHERE "verification_events"."status_change" = 1;--> statement-breakpoint
CREATE INDEX `events_feed_type_created_idx` ON `verification_events` (`client_id`,`livemode`,`type`,`created_at`) WHERE "verification_events"."status_change" = 1;--> statement-breakpoint
DROP INDEX `webhook_deliveries_status_idx`;--> statement-breakpoint
CREATE INDEX `webhook_deliveries_status_idx` ON `webhook_deliveries` (`endpoint_id`,`status`,`id`);--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `deleted_at` integer;--> statement-breakpoint
CREATE INDEX `webhook_endpoints_deleted_idx` ON `webhook_endpoints` (`deleted_at`) WHERE "webhook_endpoints"."deleted_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `verifications_client_reference_status_idx` ON `verifications` (`client_id`,`livemode`,`reference`,`status`,`id`) WHERE "verifications"."reference" IS NOT NULL;