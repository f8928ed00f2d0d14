-- Added to the directory's migrations (0015) and to the shard's (0001), the same statements (src/db/shards.ts).
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
CREATE INDEX `webhook_endpoints_probe_idx` ON `webhook_endpoints` (`probe_at`) WHERE "webhook_endpoints"."probe_at" IS NOT NULL;--> statement-breakpoint
-- Events in the feed that are not status changes (docs/webhooks.md, "Events"): `verification.redacted` and the
-- operational `webhook_endpoint.*` events are rows marked `feed`; the feed's four partial indexes (one per filter)
-- now cover `status_change = 1 OR feed = 1`, built before the old ones (status changes only) are dropped, so the feed
-- is served by an index throughout. Older rows need no rewrite: a status change is in the feed by `status_change`.
-- An endpoint counts its failed attempts and remembers when its failing streak was announced.
ALTER TABLE `verification_events` ADD `feed` integer;--> statement-breakpoint
CREATE INDEX `events_feed_all_idx` ON `verification_events` (`client_id`,`livemode`) WHERE ("verification_events"."status_change" = 1 OR "verification_events"."feed" = 1);--> statement-breakpoint
CREATE INDEX `events_feed_all_type_idx` ON `verification_events` (`client_id`,`livemode`,`type`) WHERE ("verification_events"."status_change" = 1 OR "verification_events"."feed" = 1);--> statement-breakpoint
CREATE INDEX `events_feed_all_created_idx` ON `verification_events` (`client_id`,`livemode`,`created_at`) WHERE ("verification_events"."status_change" = 1 OR "verification_events"."feed" = 1);--> statement-breakpoint
CREATE INDEX `events_feed_all_type_created_idx` ON `verification_events` (`client_id`,`livemode`,`type`,`created_at`) WHERE ("verification_events"."status_change" = 1 OR "verification_events"."feed" = 1);--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `failures` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `failing_event_at` integer;--> statement-breakpoint
DROP INDEX `events_feed_idx`;--> statement-breakpoint
DROP INDEX `events_feed_type_idx`;--> statement-breakpoint
DROP INDEX `events_feed_created_idx`;--> statement-breakpoint
DROP INDEX `events_feed_type_created_idx`;
