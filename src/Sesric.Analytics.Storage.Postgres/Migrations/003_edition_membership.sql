-- PostgreSQL port of the DuckDB migration with the same number (src/Sesric.Analytics.Storage.DuckDb/Migrations): the
-- same tables, columns and version, so a schema version means one schema on both engines.
-- Schema version 3: membership judged once per (edition, country), not once per participation row.
-- Version 2's fact view ran a correlated NOT EXISTS over membership_suspension for every participation;
-- on large registries that dominated every statistics query. The rules are unchanged: a member counts
-- from its accession year, except while suspended on the edition's reference date (start date, else
-- 1 July); observers never count. Editions x countries is small (hundreds x 62), so this view is cheap
-- and the fact view becomes plain equi-joins.

DROP VIEW participation_fact;

CREATE VIEW edition_membership AS
SELECT
    e.programme_id,
    e.edition_number,
    c.iso3,
    (c.kind = 'member'
        AND c.accession_year <= e.year
        AND NOT EXISTS (
            SELECT 1 FROM membership_suspension s
            WHERE s.iso3 = c.iso3
              AND s.suspended_from <= COALESCE(e.start_date, make_date(e.year, 7, 1))
              AND (s.restored_on IS NULL OR s.restored_on > COALESCE(e.start_date, make_date(e.year, 7, 1)))
        )) AS counts_as_member
FROM edition e
CROSS JOIN country c;

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
    m.counts_as_member
FROM participation pn
JOIN participant pt ON pt.participant_id = pn.participant_id
JOIN edition e ON e.programme_id = pn.programme_id AND e.edition_number = pn.edition_number
JOIN country c ON c.iso3 = pt.iso3
JOIN edition_membership m
  ON m.programme_id = pn.programme_id AND m.edition_number = pn.edition_number AND m.iso3 = pt.iso3;
