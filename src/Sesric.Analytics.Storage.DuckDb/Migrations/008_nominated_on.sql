-- Schema version 8: the day a member state nominated each participant, where recorded (the participations file's
-- optional nominated_on column). Nullable: history before this version has no nomination dates, and the store
-- never invents one. The nomination forecast learns show-up from participations that have it.
-- The import journal keeps the date an update replaced, so undoing an import restores it.

ALTER TABLE participation ADD COLUMN nominated_on DATE;

ALTER TABLE import_participation_change ADD COLUMN prior_nominated_on DATE;
