-- PostgreSQL port of the DuckDB migration with the same number (src/Sesric.Analytics.Storage.DuckDb/Migrations): the
-- same columns, meaning and journal move, so a schema version means one schema on both engines.
-- Schema version 11: a registry row names the import that inserted it, and the journal keeps only updates.
--
-- Until now every row an import inserted was also copied into import_participant_change / import_participation_change
-- as an 'insert' row with its text ids, only so that undoing the import could find it again: on a 1M-row first import
-- that copy was most of the journal's cost, for rows almost never undone. The row itself now carries the number of the
-- import that inserted it, written by the same INSERT that creates it, so inserts cost the journal nothing and the
-- change tables hold only what an update replaced (which the row cannot keep).
--
-- inserted_by_import: import_batch.import_id of the import whose INSERT created the row. It is set once and never
-- changed: a later import that updates the row leaves it (the update is journalled under the later import, and
-- undoing that one restores the values while the row stays the first import's). NULL for a row no journalled import
-- inserted (rows from before version 7). Undoing import X deletes the rows whose inserted_by_import is X, and the
-- refusal "a later import changed the same people" reads later inserts here (inserted_by_import > X). No index: only an
-- undo reads it (one sequential scan per table), and an index would cost every import the time this column saves.
--
-- The existing journal moves over: each 'insert' row of the change tables becomes its row's inserted_by_import and is
-- deleted, so a store journalled before this version stays undoable exactly as before. An undone import left no change
-- rows, so each stored row matches at most one 'insert' row. Adding a nullable column without a default rewrites
-- nothing; the UPDATEs write a new version of each journalled row once (autovacuum reclaims the old ones).

ALTER TABLE participant ADD COLUMN inserted_by_import BIGINT;

ALTER TABLE participation ADD COLUMN inserted_by_import BIGINT;

UPDATE participant SET inserted_by_import = c.import_id
FROM import_participant_change c
WHERE c.change = 'insert' AND c.participant_id = participant.participant_id;

UPDATE participation SET inserted_by_import = c.import_id
FROM import_participation_change c
WHERE c.change = 'insert' AND c.participant_id = participation.participant_id
  AND c.programme_id = participation.programme_id AND c.edition_number = participation.edition_number;

DELETE FROM import_participant_change WHERE change = 'insert';

DELETE FROM import_participation_change WHERE change = 'insert';
