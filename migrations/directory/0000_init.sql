CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`prefix` text NOT NULL,
	`hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_idx` ON `api_keys` (`hash`);--> statement-breakpoint
CREATE INDEX `api_keys_client_idx` ON `api_keys` (`client_id`);--> statement-breakpoint
CREATE TABLE `clients` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`client_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`verification_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`client_id`, `key`)
);
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
);
--> statement-breakpoint
CREATE INDEX `events_verification_idx` ON `verification_events` (`verification_id`,`id`);--> statement-breakpoint
CREATE INDEX `events_client_feed_idx` ON `verification_events` (`client_id`,`status_change`,`id`);--> statement-breakpoint
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
);
--> statement-breakpoint
CREATE INDEX `verifications_client_id_idx` ON `verifications` (`client_id`,`id`);--> statement-breakpoint
CREATE INDEX `verifications_client_status_idx` ON `verifications` (`client_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `verifications_client_reference_idx` ON `verifications` (`client_id`,`reference`,`id`);--> statement-breakpoint
CREATE INDEX `verifications_wake_idx` ON `verifications` (`next_wake_at`);--> statement-breakpoint
CREATE INDEX `verifications_blind_idx` ON `verifications` (`client_id`,`blind_index`);