-- Live and test mode on every deployment: every row records its mode; existing data becomes test mode.
DROP INDEX `events_client_feed_idx`;--> statement-breakpoint
ALTER TABLE `verification_events` ADD `livemode` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `events_client_feed_idx` ON `verification_events` (`client_id`,`livemode`,`status_change`,`id`);--> statement-breakpoint
DROP INDEX `verifications_client_id_idx`;--> statement-breakpoint
DROP INDEX `verifications_client_status_idx`;--> statement-breakpoint
DROP INDEX `verifications_client_reference_idx`;--> statement-breakpoint
ALTER TABLE `verifications` ADD `livemode` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `verifications_client_id_idx` ON `verifications` (`client_id`,`livemode`,`id`);--> statement-breakpoint
CREATE INDEX `verifications_client_status_idx` ON `verifications` (`client_id`,`livemode`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `verifications_client_reference_idx` ON `verifications` (`client_id`,`livemode`,`reference`,`id`);--> statement-breakpoint
DROP INDEX `webhook_endpoints_client_idx`;--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `livemode` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `webhook_endpoints_client_idx` ON `webhook_endpoints` (`client_id`,`livemode`,`id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_idempotency_keys` (
	`client_id` text NOT NULL,
	`livemode` integer DEFAULT false NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`verification_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`client_id`, `livemode`, `key`)
);
--> statement-breakpoint
INSERT INTO `__new_idempotency_keys`("client_id", "livemode", "key", "request_hash", "verification_id", "created_at") SELECT "client_id", 0, "key", "request_hash", "verification_id", "created_at" FROM `idempotency_keys`;--> statement-breakpoint
DROP TABLE `idempotency_keys`;--> statement-breakpoint
ALTER TABLE `__new_idempotency_keys` RENAME TO `idempotency_keys`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `livemode` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- The key's name is its mode (kyc_live_… is live); every existing verification, event, endpoint and delivery becomes test mode.
UPDATE `api_keys` SET `livemode` = 1 WHERE `prefix` LIKE 'kyc_live_%';--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `livemode` integer DEFAULT false NOT NULL;