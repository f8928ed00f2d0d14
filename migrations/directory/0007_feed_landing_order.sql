DROP INDEX `events_client_feed_idx`;--> statement-breakpoint
CREATE INDEX `events_client_feed_idx` ON `verification_events` (`client_id`,`livemode`,`status_change`);