-- Schema version 9: participation_fact carries the participation's attendance code (registered, attended,
-- completed, no_show), so the semantic model's attendance dimension reads it and a model file can define measures
-- restricted to it (completion_rate = participants[attendance = "completed"] / participants) without a join to
-- participation per query. The store keeps it equal to participation.attendance: an import or its undo rewrites
-- every fact row of a touched person from the participation rows.
-- The table is rebuilt rather than altered so the new column is NOT NULL like the others.

CREATE TABLE participation_fact_v9 (
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
    record_key         INTEGER NOT NULL,
    attendance         VARCHAR NOT NULL
);

INSERT INTO participation_fact_v9
SELECT
    f.participant_key, f.programme_id, f.edition_number, f.year, f.modality, f.host_country, f.reference_date,
    f.iso3, f.oic_group, f.gender, f.is_counted, f.is_synthetic, f.counts_as_member, f.is_single, f.is_single_in_year,
    f.record_key, pn.attendance
FROM participation_fact f
JOIN participant p ON p.participant_key = f.participant_key
JOIN participation pn ON pn.participant_id = p.participant_id AND pn.programme_id = f.programme_id AND pn.edition_number = f.edition_number
ORDER BY f.programme_id, f.edition_number, f.participant_key;

DROP TABLE participation_fact;

ALTER TABLE participation_fact_v9 RENAME TO participation_fact;
