ALTER TABLE `idempotency_keys` ADD `key_id` text;--> statement-breakpoint
CREATE INDEX `idempotency_keys_key_idx` ON `idempotency_keys` (`key_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `verifications` ADD `key_id` text;--> statement-breakpoint
CREATE INDEX `verifications_unredacted_idx` ON `verifications` (`id`) WHERE "verifications"."redacted_at" IS NULL;--> statement-breakpoint
CREATE INDEX `verifications_key_idx` ON `verifications` (`key_id`) WHERE "verifications"."redacted_at" IS NULL;