-- Catch-up and throttle (docs/webhooks.md, "Catch-up" and "Throttle"): a delivery parked while its endpoint is
-- failing, the endpoint's catch-up state (its probe, the probe budget, the span of what is parked), its throttle (rate
-- and next free slot), and the indexes the probe, the release and the cron's look-up of lost catch-ups read.
ALTER TABLE `webhook_deliveries` ADD `parked_at` integer;--> statement-breakpoint
CREATE INDEX `webhook_deliveries_parked_idx` ON `webhook_deliveries` (`endpoint_id`,`id`) WHERE "webhook_deliveries"."parked_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `rate_limit` integer;--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `throttle_at` integer;--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `probe_at` integer;--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `probe_owner` text;--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `probes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `probe_credits` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `parked_until` integer;--> statement-breakpoint
CREATE INDEX `webhook_endpoints_probe_idx` ON `webhook_endpoints` (`probe_at`) WHERE "webhook_endpoints"."probe_at" IS NOT NULL;