-- PostgreSQL port of the DuckDB migration with the same number (src/Sesric.Analytics.Storage.DuckDb/Migrations): the
-- same tables, columns and version, so a schema version means one schema on both engines.
-- Schema version 2: the star-schema fact view the statistics and the semantic engine read.
-- One row per participation, with every dimension attribute and whether the participant's country
-- counted as a represented member state on the edition's reference date (start date, else 1 July):
-- observers never do, and neither does a member during a suspension (Syria, Aug 2012 - Mar 2025).

CREATE VIEW participation_fact AS
SELECT
    pn.participant_id,
    pn.programme_id,
    pn.edition_number,
    e.year,
    e.modality,
    e.host_country,
    COALESCE(e.start_date, make_date(e.year, 7, 1)) AS reference_date,
    pt.iso3,
    c.kind AS country_kind,
    c.oic_group,
    pt.gender,
    pt.institution_type,
    pn.attendance,
    (pn.attendance IN ('attended', 'completed')) AS is_counted,
    (pn.is_synthetic OR pt.is_synthetic) AS is_synthetic,
    (c.kind = 'member'
        AND c.accession_year <= e.year
        AND NOT EXISTS (
            SELECT 1 FROM membership_suspension s
            WHERE s.iso3 = pt.iso3
              AND s.suspended_from <= COALESCE(e.start_date, make_date(e.year, 7, 1))
              AND (s.restored_on IS NULL OR s.restored_on > COALESCE(e.start_date, make_date(e.year, 7, 1)))
        )) AS counts_as_member
FROM participation pn
JOIN participant pt ON pt.participant_id = pn.participant_id
JOIN edition e ON e.programme_id = pn.programme_id AND e.edition_number = pn.edition_number
JOIN country c ON c.iso3 = pt.iso3;
