DROP INDEX `verifications_blind_idx`;--> statement-breakpoint
DROP INDEX `verifications_client_reference_idx`;--> statement-breakpoint
DROP INDEX `verifications_wake_idx`;--> statement-breakpoint
CREATE INDEX `verifications_client_reference_idx` ON `verifications` (`client_id`,`livemode`,`reference`,`id`) WHERE "verifications"."reference" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `verifications_wake_idx` ON `verifications` (`next_wake_at`) WHERE "verifications"."next_wake_at" IS NOT NULL;--> statement-breakpoint
DROP INDEX `webhook_deliveries_event_id_idx`;--> statement-breakpoint
-- The duplicate guard reads person_claims now: no copy of the person fingerprint stays in the projection.
UPDATE `verifications` SET `blind_index` = NULL WHERE `blind_index` IS NOT NULL;