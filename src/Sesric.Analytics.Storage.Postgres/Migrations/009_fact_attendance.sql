-- PostgreSQL port of the DuckDB migration with the same number (src/Sesric.Analytics.Storage.DuckDb/Migrations): the
-- same tables, columns and version, so a schema version means one schema on both engines.
-- Schema version 9: participation_fact carries the participation's attendance code (registered, attended,
-- completed, no_show), so the semantic model's attendance dimension reads it and a model file can define measures
-- restricted to it. The store keeps it equal to participation.attendance: an import or its undo rewrites every fact
-- row of a touched person from the participation rows.
-- PostgreSQL can add the column, fill it and then make it NOT NULL in one transaction, so the table (and its index
-- by person) is kept rather than rebuilt.

ALTER TABLE participation_fact ADD COLUMN attendance VARCHAR;

UPDATE participation_fact f
SET attendance = pn.attendance
FROM participant p, participation pn
WHERE p.participant_key = f.participant_key
  AND pn.participant_id = p.participant_id AND pn.programme_id = f.programme_id AND pn.edition_number = f.edition_number;

ALTER TABLE participation_fact ALTER COLUMN attendance SET NOT NULL;
