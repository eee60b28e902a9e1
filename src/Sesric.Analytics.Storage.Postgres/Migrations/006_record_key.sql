-- PostgreSQL port of the DuckDB migration with the same number (src/Sesric.Analytics.Storage.DuckDb/Migrations): the
-- same tables, columns and version, so a schema version means one schema on both engines.
-- Schema version 6: every participant carries a record key, a fixed random number in [0, 2^24) from which the
-- public disclosure policy derives each cell's key (the sum of its people's record keys modulo 2^24; see the
-- README's disclosure section and Sesric.Analytics.Model.RecordKey). The key is drawn once, here for the people
-- already stored and by the import for new people, and never changes: the same set of people then always gets
-- the same protected figure.
-- participation_fact repeats it per row (like iso3 and gender), so a statistic reads no other table; the store keeps
-- it equal to the participant's (an import rewrites every row of a touched person).
-- The fact table is rebuilt rather than altered so the new column is NOT NULL like the others. participant keeps
-- the column nullable in its declaration (DuckDB cannot add NOT NULL to a table with a primary key and updated rows
-- in one transaction); the store never writes a null there (invariant, checked by the schema tests).

ALTER TABLE participant ADD COLUMN record_key INTEGER;

UPDATE participant SET record_key = CAST(floor(random() * 16777216) AS INTEGER);

CREATE TABLE participation_fact_v6 (
    participant_key    INTEGER NOT NULL,
    programme_id       VARCHAR NOT NULL,
    edition_number     INTEGER NOT NULL,
    year               INTEGER NOT NULL,
    modality           VARCHAR NOT NULL,
    host_country       VARCHAR,
    reference_date     DATE NOT NULL,
    iso3               VARCHAR NOT NULL,
    oic_group          VARCHAR NOT NULL,
    gender             VARCHAR NOT NULL,
    is_counted         BOOLEAN NOT NULL,
    is_synthetic       BOOLEAN NOT NULL,
    counts_as_member   BOOLEAN NOT NULL,
    is_single          BOOLEAN NOT NULL,
    is_single_in_year  BOOLEAN NOT NULL,
    record_key         INTEGER NOT NULL
);

INSERT INTO participation_fact_v6
SELECT
    f.participant_key, f.programme_id, f.edition_number, f.year, f.modality, f.host_country, f.reference_date,
    f.iso3, f.oic_group, f.gender, f.is_counted, f.is_synthetic, f.counts_as_member, f.is_single, f.is_single_in_year,
    p.record_key
FROM participation_fact f
JOIN participant p ON p.participant_key = f.participant_key
ORDER BY f.programme_id, f.edition_number, f.participant_key;

DROP TABLE participation_fact;

ALTER TABLE participation_fact_v6 RENAME TO participation_fact;

-- PostgreSQL only: an import deletes and rewrites the fact rows of the people it touches, found by key.
CREATE INDEX participation_fact_by_person ON participation_fact (participant_key);
