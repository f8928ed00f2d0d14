CREATE TABLE `person_claims` (
	`client_id` text NOT NULL,
	`livemode` integer NOT NULL,
	`blind_index` text NOT NULL,
	`verification_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`client_id`, `livemode`, `blind_index`)
);
--> statement-breakpoint
CREATE INDEX `person_claims_verification_idx` ON `person_claims` (`verification_id`);--> statement-breakpoint
CREATE INDEX `person_claims_created_idx` ON `person_claims` (`created_at`);--> statement-breakpoint
-- Verifications still active when this lands keep their duplicate protection.
INSERT OR IGNORE INTO `person_claims` (`client_id`, `livemode`, `blind_index`, `verification_id`, `created_at`)
SELECT `client_id`, `livemode`, `blind_index`, `id`, `created_at` FROM `verifications`
WHERE `blind_index` IS NOT NULL AND `status` IN ('submitted', 'processing', 'requires_action');
