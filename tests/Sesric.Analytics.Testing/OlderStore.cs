namespace Sesric.Analytics.Testing;

/// <summary>SQL that turns a current store file back into one an older release wrote, for upgrade tests.</summary>
public static class OlderStore
{
    /// <summary>
    /// Back to a version-4 file (what stop 9 released): undoes every later migration's change. A new migration
    /// must add its undo step here, newest first.
    /// </summary>
    public const string BackToVersion4Sql =
        // 009_fact_attendance: the attendance code's copy in the fact table.
        "DELETE FROM schema_version WHERE version = 9; ALTER TABLE participation_fact DROP COLUMN attendance; "
        // 008_nominated_on: the nomination date and its journal copy.
        + "DELETE FROM schema_version WHERE version = 8; ALTER TABLE import_participation_change DROP COLUMN prior_nominated_on; ALTER TABLE participation DROP COLUMN nominated_on; "
        // 007_import_journal: what the store remembers about itself, and the import journal.
        + "DELETE FROM schema_version WHERE version = 7; DROP TABLE store_info; DROP TABLE import_batch; DROP TABLE import_participant_change; DROP TABLE import_participation_change; "
        // 006_record_key: the participant's record key and its copy in the fact table.
        + "DELETE FROM schema_version WHERE version = 6; ALTER TABLE participation_fact DROP COLUMN record_key; ALTER TABLE participant DROP COLUMN record_key; "
        // 005_single_in_year: one flag.
        + "DELETE FROM schema_version WHERE version = 5; ALTER TABLE participation_fact DROP COLUMN is_single_in_year";
}
