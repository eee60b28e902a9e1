-- PostgreSQL port of the DuckDB migration with the same number (src/Sesric.Analytics.Storage.DuckDb/Migrations): the
-- same tables, columns and version, so a schema version means one schema on both engines.
-- Schema version 4: participation_fact becomes a table, kept by the store, with an integer participant key.
-- Version 3's view joined every participation to its participant on the text id (about 750k people in a
-- 1M-row registry) on every query, and counted distinct text ids: a third of a second per statistic before
-- any grouping. The table holds the same columns (plus participant_key) and is written in the same
-- transaction as the rows it is derived from. It keeps only what statistics read (the participant's text id,
-- institution, attendance and country kind stay in the base tables: writing them again cost a third of an
-- import's time):
--   * an import rewrites the fact rows of every participant it inserts or changes;
--   * writing editions, countries or suspensions refreshes the edition- and country-derived columns
--     (year, modality, host_country, reference_date, oic_group, counts_as_member).
-- Invariant: for every participation there is exactly one fact row, equal to what version 3's view gave for
-- these columns (with participant_key for participant_id).
-- participant_key numbers participants 1..n in the order they were first stored; it is not exposed outside
-- the store's SQL and never reused.

ALTER TABLE participant ADD COLUMN participant_key INTEGER;

UPDATE participant SET participant_key = k.participant_key
FROM (SELECT participant_id, CAST(row_number() OVER (ORDER BY participant_id) AS INTEGER) AS participant_key FROM participant) k
WHERE participant.participant_id = k.participant_id;

DROP VIEW participation_fact;

CREATE TABLE participation_fact (
    participant_key   INTEGER NOT NULL,
    programme_id      VARCHAR NOT NULL,
    edition_number    INTEGER NOT NULL,
    year              INTEGER NOT NULL,
    modality          VARCHAR NOT NULL,
    host_country      VARCHAR,
    reference_date    DATE NOT NULL,
    iso3              VARCHAR NOT NULL,
    oic_group         VARCHAR NOT NULL,
    gender            VARCHAR NOT NULL,
    is_counted        BOOLEAN NOT NULL,
    is_synthetic      BOOLEAN NOT NULL,
    counts_as_member  BOOLEAN NOT NULL,
    -- The person's only counted participation. Such a person falls in one cell of any grouping, so distinct
    -- people = these rows + a distinct count over the other counted rows (most people attend once; this
    -- roughly halves the rows a distinct count must hash).
    is_single         BOOLEAN NOT NULL
);

-- The edition- and country-derived columns for each (edition, country) pair, in one place: the initial fill
-- below, the store's import and its reference-data refresh all read them from here.
CREATE VIEW fact_reference AS
SELECT
    e.programme_id,
    e.edition_number,
    c.iso3,
    e.year,
    e.modality,
    e.host_country,
    COALESCE(e.start_date, make_date(e.year, 7, 1)) AS reference_date,
    c.oic_group,
    m.counts_as_member
FROM edition e
JOIN edition_membership m ON m.programme_id = e.programme_id AND m.edition_number = e.edition_number
JOIN country c ON c.iso3 = m.iso3;

INSERT INTO participation_fact
SELECT
    pt.participant_key,
    pn.programme_id,
    pn.edition_number,
    r.year,
    r.modality,
    r.host_country,
    r.reference_date,
    pt.iso3,
    r.oic_group,
    pt.gender,
    (pn.attendance IN ('attended', 'completed')),
    (pn.is_synthetic OR pt.is_synthetic),
    r.counts_as_member,
    (pn.attendance IN ('attended', 'completed'))
        AND COUNT(*) FILTER (WHERE pn.attendance IN ('attended', 'completed')) OVER (PARTITION BY pn.participant_id) = 1
FROM participation pn
JOIN participant pt ON pt.participant_id = pn.participant_id
JOIN fact_reference r ON r.programme_id = pn.programme_id AND r.edition_number = pn.edition_number AND r.iso3 = pt.iso3
ORDER BY pn.programme_id, pn.edition_number, pn.participant_id;

-- PostgreSQL only: DuckDB finds rows by zone maps, PostgreSQL needs an index to find a person's rows by key
-- (an import rewrites every row of the people it touches).
CREATE INDEX participant_by_key ON participant (participant_key);
