-- PostgreSQL port of the DuckDB migration with the same number (src/Sesric.Analytics.Storage.DuckDb/Migrations): the
-- same tables, columns and version, so a schema version means one schema on both engines.
-- Schema version 7: what a store remembers about itself, and a journal of participation imports so that one
-- import can be undone.
--
-- store_info: one row per fact about the store. 'seed' says how the store was filled when it was created:
-- 'built-in' (the built-in dataset), 'pending' (seeding began and has not finished: the next opener finishes
-- it), 'none' (created empty on purpose, --no-seed: never seeded later), 'unknown' (a store from before version 7
-- that already held data), 'new' (an empty file whose creator has not said yet, or an empty store from before
-- version 7: the service seeds it, the command line, which says at creation, never seeds an existing file).
--
-- import_batch: one row per participations import that changed something, numbered 1, 2, … in the order they
-- committed. The two change tables keep, for every participant and participation the import inserted or
-- updated, what it did and the values it replaced, so undoing restores exactly the rows before it. They have no
-- keys or indexes: an import appends to them in one pass, and only an undo reads them back (by import_id).
-- Undoing deletes the batch's change rows and stamps undone_at; the batch row stays as history.

CREATE TABLE store_info (
    name   VARCHAR PRIMARY KEY,
    value  VARCHAR NOT NULL
);

INSERT INTO store_info (name, value)
SELECT 'seed', CASE WHEN EXISTS (SELECT 1 FROM programme) OR EXISTS (SELECT 1 FROM participation) THEN 'unknown' ELSE 'new' END;

CREATE TABLE import_batch (
    import_id                BIGINT PRIMARY KEY,
    source                   VARCHAR,
    request_id               VARCHAR,
    imported_at              TIMESTAMP NOT NULL,
    participations_inserted  BIGINT NOT NULL,
    participations_updated   BIGINT NOT NULL,
    participants_inserted    BIGINT NOT NULL,
    participants_updated     BIGINT NOT NULL,
    undone_at                TIMESTAMP
);

CREATE TABLE import_participant_change (
    import_id               BIGINT NOT NULL,
    participant_id          VARCHAR NOT NULL,
    change                  VARCHAR NOT NULL,     -- 'insert' | 'update'
    prior_iso3              VARCHAR,              -- the values an update replaced (NULL for an insert)
    prior_gender            VARCHAR,
    prior_institution_type  VARCHAR,
    prior_is_synthetic      BOOLEAN
);

CREATE TABLE import_participation_change (
    import_id           BIGINT NOT NULL,
    participant_id      VARCHAR NOT NULL,
    programme_id        VARCHAR NOT NULL,
    edition_number      INTEGER NOT NULL,
    change              VARCHAR NOT NULL,         -- 'insert' | 'update'
    prior_attendance    VARCHAR,
    prior_is_synthetic  BOOLEAN
);

-- PostgreSQL only: an undo reads one import's change rows (DuckDB scans; PostgreSQL would read every import's).
CREATE INDEX import_participant_change_by_import ON import_participant_change (import_id);
CREATE INDEX import_participation_change_by_import ON import_participation_change (import_id);
