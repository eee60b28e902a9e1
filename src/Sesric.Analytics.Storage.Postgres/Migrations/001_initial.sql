-- PostgreSQL port of the DuckDB migration with the same number (src/Sesric.Analytics.Storage.DuckDb/Migrations): the
-- same tables, columns and version, so a schema version means one schema on both engines.
-- Schema version 1: reference data, the participant registry, and the ingest request log.
-- Portable SQL (DuckDB and PostgreSQL): no engine-specific types or functions.

CREATE TABLE programme (
    programme_id   VARCHAR PRIMARY KEY,
    name_en        VARCHAR NOT NULL,
    name_ar        VARCHAR,
    name_fr        VARCHAR,
    start_year     INTEGER,
    source_url     VARCHAR
);

CREATE TABLE country (
    iso3            VARCHAR PRIMARY KEY,
    kind            VARCHAR NOT NULL,          -- 'member' | 'observer'
    name_en         VARCHAR NOT NULL,
    name_ar         VARCHAR,
    name_fr         VARCHAR,
    accession_year  INTEGER,
    oic_group       VARCHAR NOT NULL,          -- 'African Group' | 'Arab Group' | 'Asian Group' | 'Unknown'
    group_basis     VARCHAR NOT NULL,          -- 'read' | 'inferred' | 'unknown'
    observer_since  INTEGER,
    source_url      VARCHAR,
    notes           VARCHAR
);

CREATE TABLE membership_suspension (
    iso3            VARCHAR NOT NULL,
    suspended_from  DATE NOT NULL,
    restored_on     DATE,
    PRIMARY KEY (iso3, suspended_from)
);

CREATE TABLE edition (
    programme_id              VARCHAR NOT NULL,
    edition_number            INTEGER NOT NULL,
    year                      INTEGER NOT NULL,
    start_date                DATE,
    end_date                  DATE,
    modality                  VARCHAR NOT NULL,  -- 'in_person' | 'virtual' | 'hybrid' | 'unknown'
    host_city                 VARCHAR,
    host_country              VARCHAR,
    partners                  VARCHAR,           -- '; '-separated, in the source's order
    theme                     VARCHAR,
    published_participants    INTEGER,
    published_member_states   INTEGER,
    published_is_lower_bound  BOOLEAN NOT NULL,
    source_url                VARCHAR,
    notes                     VARCHAR,
    PRIMARY KEY (programme_id, edition_number)
);

CREATE TABLE participant (
    participant_id    VARCHAR PRIMARY KEY,
    iso3              VARCHAR NOT NULL,
    gender            VARCHAR NOT NULL,          -- 'female' | 'male' | 'unknown'
    institution_type  VARCHAR,
    is_synthetic      BOOLEAN NOT NULL
);

CREATE TABLE participation (
    participant_id  VARCHAR NOT NULL,
    programme_id    VARCHAR NOT NULL,
    edition_number  INTEGER NOT NULL,
    attendance      VARCHAR NOT NULL,            -- 'registered' | 'attended' | 'completed' | 'no_show'
    is_synthetic    BOOLEAN NOT NULL,
    PRIMARY KEY (participant_id, programme_id, edition_number)
);

-- One row per completed ingest call that carried a request id, written in the same transaction as
-- its rows, so a retried call finds it and returns the first answer instead of writing twice.
CREATE TABLE ingest_request (
    request_id    VARCHAR PRIMARY KEY,
    fingerprint   VARCHAR NOT NULL,
    outcome_json  VARCHAR NOT NULL,
    completed_at  TIMESTAMP NOT NULL
);
