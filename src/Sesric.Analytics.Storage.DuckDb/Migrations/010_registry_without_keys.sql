-- Schema version 10: participant and participation lose their primary keys (DuckDB only; PostgreSQL keeps them).
-- DuckDB keeps a primary key as an ART index. An import's inserts build that index in memory that never spills to
-- disk, and the commit writes it out: at 1M rows the keys cost about a fifth of the import's CPU and most of its
-- memory, and a memory limit low enough to matter failed the import ("failed to pin block"). Nothing relies on the
-- keys: every write to these tables is the store's own import (seeding, copying a store, gRPC ingest and the command
-- line all go through it) or its undo, and the import inserts only what its classification found absent, after
-- grouping the batch by the natural key and refusing duplicates; the store serialises writes to one file within a
-- process and DuckDB locks the file against other processes. The invariant the keys enforced stays, kept by the store
-- and checked by the schema tests: one participant row per participant_id, one participation row per
-- (participant_id, programme_id, edition_number).
-- DuckDB cannot drop a constraint, so both tables are rebuilt with the same columns, order, types and nullability,
-- every row copied as it is (participant_key and record_key included). Neither table has other indexes, and no view
-- reads them.

CREATE TABLE participant_v10 (
    participant_id    VARCHAR NOT NULL,
    iso3              VARCHAR NOT NULL,
    gender            VARCHAR NOT NULL,          -- 'female' | 'male' | 'unknown'
    institution_type  VARCHAR,
    is_synthetic      BOOLEAN NOT NULL,
    participant_key   INTEGER,                   -- never null (migration 004 and the import); declared as before
    record_key        INTEGER                    -- never null (migration 006 and the import); declared as before
);

INSERT INTO participant_v10 (participant_id, iso3, gender, institution_type, is_synthetic, participant_key, record_key)
SELECT participant_id, iso3, gender, institution_type, is_synthetic, participant_key, record_key FROM participant;

DROP TABLE participant;

ALTER TABLE participant_v10 RENAME TO participant;

CREATE TABLE participation_v10 (
    participant_id  VARCHAR NOT NULL,
    programme_id    VARCHAR NOT NULL,
    edition_number  INTEGER NOT NULL,
    attendance      VARCHAR NOT NULL,            -- 'registered' | 'attended' | 'completed' | 'no_show'
    is_synthetic    BOOLEAN NOT NULL,
    nominated_on    DATE
);

INSERT INTO participation_v10 (participant_id, programme_id, edition_number, attendance, is_synthetic, nominated_on)
SELECT participant_id, programme_id, edition_number, attendance, is_synthetic, nominated_on FROM participation;

DROP TABLE participation;

ALTER TABLE participation_v10 RENAME TO participation;
