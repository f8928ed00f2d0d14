-- The round each duplicate-guard claim was made for, so a release fences on it (src/records/person-claims.ts).
-- Additive and nullable: the release before this one inserts claims without it (null counts as round 1) and runs on it.
ALTER TABLE `person_claims` ADD `round` integer;
