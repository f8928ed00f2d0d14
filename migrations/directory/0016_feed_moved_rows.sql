-- Added to the directory's migrations (0016) and to the shard's (0002), the same statement (src/db/shards.ts).
-- A feed row a client move copied late carries the target's last rowid before the switch, so a feed poller whose
-- cursor is that row resumes from there (docs/operators.md, "Moving a client").
ALTER TABLE `verification_events` ADD `moved` integer;
