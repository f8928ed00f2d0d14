-- D1 sharded by client (docs/operators.md, "Shards"): this database becomes the directory (clients, API keys, each
-- client's shard). Clients from before shards keep their rows here, in the directory's own per-client tables, as
-- shard `DB`, until an operator moves them; new clients go to a shard binding. Additive: the release before this one
-- never reads the new columns.
ALTER TABLE `clients` ADD `shard` text DEFAULT 'DB' NOT NULL;--> statement-breakpoint
ALTER TABLE `clients` ADD `move` text;--> statement-breakpoint
CREATE INDEX `clients_shard_idx` ON `clients` (`shard`);