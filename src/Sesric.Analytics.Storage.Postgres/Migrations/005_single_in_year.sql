-- PostgreSQL port of the DuckDB migration with the same number (src/Sesric.Analytics.Storage.DuckDb/Migrations): the
-- same tables, columns and version, so a schema version means one schema on both engines.
-- Schema version 5: participation_fact gains is_single_in_year, the person's only counted participation in
-- that year. In a statistic grouped by year, every cell lies within one year, so distinct people = these rows
-- + a distinct count over the other counted rows (a person flagged has no other row in the cell; a person not
-- flagged is in the distinct count only). People rarely attend two programmes in one year, so such a statistic
-- hashes almost nothing (version 4's is_single still leaves the 40 % of rows of people who came back in
-- another year).
-- Invariant: is_single_in_year = is_counted AND the person has exactly one counted row with that year. The
-- store keeps it: an import rewrites every row of a touched person (as for is_single), and a change to an
-- edition's year recomputes it for every person with a row in that edition.
-- The table is rebuilt rather than altered so the new column is NOT NULL like the others.

CREATE TABLE participation_fact_v5 (
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
    is_single_in_year  BOOLEAN NOT NULL
);

-- Columns named, not f.*, and both flags computed afresh from the rows (one window sort serves both, as in
-- the store's import): the new table depends only on the columns every version-4 file has.
INSERT INTO participation_fact_v5
SELECT
    f.participant_key, f.programme_id, f.edition_number, f.year, f.modality, f.host_country, f.reference_date,
    f.iso3, f.oic_group, f.gender, f.is_counted, f.is_synthetic, f.counts_as_member,
    f.is_counted AND COUNT(*) FILTER (WHERE f.is_counted) OVER (person_years ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) = 1,
    f.is_counted AND COUNT(*) FILTER (WHERE f.is_counted) OVER (person_years RANGE BETWEEN CURRENT ROW AND CURRENT ROW) = 1
FROM participation_fact f
WINDOW person_years AS (PARTITION BY f.participant_key ORDER BY f.year)
ORDER BY f.programme_id, f.edition_number, f.participant_key;

DROP TABLE participation_fact;

ALTER TABLE participation_fact_v5 RENAME TO participation_fact;
