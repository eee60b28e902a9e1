namespace Sesric.Analytics.Testing;

/// <summary>SQL that turns a current store file back into one an older release wrote, for upgrade tests.</summary>
public static class OlderStore
{
    /// <summary>
    /// Undoes DuckDB's 012_fixed_codes_as_enums: the ENUM columns become VARCHAR again and the types are dropped. DuckDB
    /// only (PostgreSQL's 012 changes nothing, and it refuses to retype a column a view reads). Every row is kept.
    /// </summary>
    public const string UndoDuckDb012Sql =
        "DELETE FROM schema_version WHERE version = 12; "
        + "ALTER TABLE participant ALTER gender TYPE VARCHAR; "
        + "ALTER TABLE participation ALTER attendance TYPE VARCHAR; "
        + "ALTER TABLE edition ALTER modality TYPE VARCHAR; "
        + "ALTER TABLE participation_fact ALTER modality TYPE VARCHAR; "
        + "ALTER TABLE participation_fact ALTER gender TYPE VARCHAR; "
        + "ALTER TABLE participation_fact ALTER attendance TYPE VARCHAR; "
        + "DROP TYPE gender_code; DROP TYPE attendance_code; DROP TYPE modality_code; ";

    /// <summary>
    /// Undoes 011_inserted_by_import (DuckDB file or PostgreSQL database alike), journalling each row's
    /// <c>inserted_by_import</c> as an 'insert' change row of that import again (as a version-10 import wrote them) and
    /// dropping the column. Every other row and column is kept. On a DuckDB file, run <see cref="UndoDuckDb012Sql"/> first.
    /// </summary>
    public const string Undo011Sql =
        "DELETE FROM schema_version WHERE version = 11; "
        + "INSERT INTO import_participant_change (import_id, participant_id, change) "
        + "SELECT inserted_by_import, participant_id, 'insert' FROM participant WHERE inserted_by_import IS NOT NULL; "
        + "INSERT INTO import_participation_change (import_id, participant_id, programme_id, edition_number, change) "
        + "SELECT inserted_by_import, participant_id, programme_id, edition_number, 'insert' FROM participation WHERE inserted_by_import IS NOT NULL; "
        + "ALTER TABLE participant DROP COLUMN inserted_by_import; "
        + "ALTER TABLE participation DROP COLUMN inserted_by_import; ";

    /// <summary>Back to a version-10 DuckDB file: undoes 012 and 011.</summary>
    public const string DuckDbBackToVersion10Sql = UndoDuckDb012Sql + Undo011Sql;

    /// <summary>Back to a version-10 PostgreSQL database: forgets 012 (which changed nothing there) and undoes 011.</summary>
    public const string PostgresBackToVersion10Sql = "DELETE FROM schema_version WHERE version = 12; " + Undo011Sql;

    /// <summary>
    /// Back to a version-9 DuckDB file: undoes 012 and 011 (<see cref="DuckDbBackToVersion10Sql"/>) and 010_registry_without_keys, rebuilding
    /// <c>participant</c> and <c>participation</c> with the primary keys they had (a table is copied aside and refilled
    /// rather than renamed: the rebuilt tables carry an index). Every row and column is kept.
    /// </summary>
    public const string BackToVersion9Sql =
        DuckDbBackToVersion10Sql
        + "DELETE FROM schema_version WHERE version = 10; "
        + "CREATE TEMP TABLE participant_v9 AS SELECT participant_id, iso3, gender, institution_type, is_synthetic, participant_key, record_key FROM participant; "
        + "DROP TABLE participant; "
        + "CREATE TABLE participant (participant_id VARCHAR PRIMARY KEY, iso3 VARCHAR NOT NULL, gender VARCHAR NOT NULL, institution_type VARCHAR, "
        + "is_synthetic BOOLEAN NOT NULL, participant_key INTEGER, record_key INTEGER); "
        + "INSERT INTO participant SELECT * FROM participant_v9; DROP TABLE participant_v9; "
        + "CREATE TEMP TABLE participation_v9 AS SELECT participant_id, programme_id, edition_number, attendance, is_synthetic, nominated_on FROM participation; "
        + "DROP TABLE participation; "
        + "CREATE TABLE participation (participant_id VARCHAR NOT NULL, programme_id VARCHAR NOT NULL, edition_number INTEGER NOT NULL, "
        + "attendance VARCHAR NOT NULL, is_synthetic BOOLEAN NOT NULL, nominated_on DATE, PRIMARY KEY (participant_id, programme_id, edition_number)); "
        + "INSERT INTO participation SELECT * FROM participation_v9; DROP TABLE participation_v9; ";

    /// <summary>
    /// Back to a version-4 file (what stop 9 released): undoes every later migration's change. A new migration
    /// must add its undo step here, newest first.
    /// </summary>
    public const string BackToVersion4Sql =
        // 012_fixed_codes_as_enums and 011_inserted_by_import (in BackToVersion9Sql): text codes, and the rows' import
        // numbers go back into the journal.
        // 010_registry_without_keys: the primary keys of participant and participation.
        BackToVersion9Sql
        // 009_fact_attendance: the attendance code's copy in the fact table.
        + "DELETE FROM schema_version WHERE version = 9; ALTER TABLE participation_fact DROP COLUMN attendance; "
        // 008_nominated_on: the nomination date and its journal copy.
        + "DELETE FROM schema_version WHERE version = 8; ALTER TABLE import_participation_change DROP COLUMN prior_nominated_on; ALTER TABLE participation DROP COLUMN nominated_on; "
        // 007_import_journal: what the store remembers about itself, and the import journal.
        + "DELETE FROM schema_version WHERE version = 7; DROP TABLE store_info; DROP TABLE import_batch; DROP TABLE import_participant_change; DROP TABLE import_participation_change; "
        // 006_record_key: the participant's record key and its copy in the fact table.
        + "DELETE FROM schema_version WHERE version = 6; ALTER TABLE participation_fact DROP COLUMN record_key; ALTER TABLE participant DROP COLUMN record_key; "
        // 005_single_in_year: one flag.
        + "DELETE FROM schema_version WHERE version = 5; ALTER TABLE participation_fact DROP COLUMN is_single_in_year";
}
