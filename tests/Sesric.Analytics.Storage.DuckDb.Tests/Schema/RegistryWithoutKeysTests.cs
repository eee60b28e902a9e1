using Sesric.Analytics.Storage.DuckDb.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.DuckDb.Tests.Schema;

/// <summary>
/// Migration 010: <c>participant</c> and <c>participation</c> lose their primary keys (an import's ART index memory never
/// spills), every row and key kept, and the store's own classification keeps one row per natural key without them.
/// </summary>
public sealed class RegistryWithoutKeysTests : IDisposable
{
    private readonly TempFolder _folder = new("store");

    public void Dispose() => _folder.Dispose();

    private string Path => _folder.File("s.duckdb");

    [Fact]
    public async Task A_version_9_store_with_data_migrates_to_10_keeping_every_row_record_key_and_journal_entry()
    {
        await using (var store = await TestData.OpenWithCatalogueAsync(Path))
        {
            await store.ImportParticipationsAsync(TestData.Registry, new ImportRequest("first") { Source = "registry.csv" });
            await store.ImportParticipationsAsync(TestData.Many(300), ImportRequest.Default with { Source = "many.csv" });
            // An update, so the journal holds replaced values too.
            await store.ImportParticipationsAsync([TestData.Row("p6", "MYS", TestData.D1)], ImportRequest.Default);
        }
        using (var raw = RawDb.Open(Path))
        {
            raw.Execute(OlderStore.BackToVersion9Sql);
            Assert.Equal(9, raw.Scalar("SELECT MAX(version) FROM schema_version"));
            Assert.Equal(["participant", "participation"], PrimaryKeyTables(raw, "participant", "participation"));
        }
        var before = RawDb.DumpRegistry(Path);
        Assert.Contains("p7|MYS|", before, StringComparison.Ordinal);

        // Up to version 10 only, so that the file is compared with what 010 alone makes of it (011 has its own tests).
        var upgrades = new List<SchemaUpgrade>();
        using (var raw = RawDb.Open(Path))
        {
            Assert.Equal(10, DuckDb.Schema.SchemaMigrator.Migrate(raw, Path, targetVersion: 10, new Reports(upgrades.Add)));
        }

        Assert.Equal([new SchemaUpgrade(Path, 9, 10, "010_registry_without_keys")], upgrades);
        Assert.Equal(before, RawDb.DumpRegistry(Path));
        using var check = RawDb.Open(Path);
        Assert.Empty(PrimaryKeyTables(check, "participant", "participation"));
        Assert.Equal(0, check.Scalar("SELECT COUNT(*) FROM duckdb_indexes() WHERE table_name IN ('participant', 'participation')"));
        // The other tables keep theirs.
        Assert.Equal(["edition", "ingest_request", "store_info"], PrimaryKeyTables(check, "edition", "ingest_request", "store_info"));
        // Columns, their order and nullability as version 9 declared them.
        Assert.Equal(
            "participant_id:VARCHAR:NO|iso3:VARCHAR:NO|gender:VARCHAR:NO|institution_type:VARCHAR:YES|is_synthetic:BOOLEAN:NO|participant_key:INTEGER:YES|record_key:INTEGER:YES",
            Columns(check, "participant"));
        Assert.Equal(
            "participant_id:VARCHAR:NO|programme_id:VARCHAR:NO|edition_number:INTEGER:NO|attendance:VARCHAR:NO|is_synthetic:BOOLEAN:NO|nominated_on:DATE:YES",
            Columns(check, "participation"));
    }

    [Fact]
    public async Task Without_the_keys_every_write_path_keeps_one_row_per_natural_key()
    {
        var rows = TestData.Registry.Concat(TestData.Many(200)).ToList();
        await using (var store = await TestData.OpenWithCatalogueAsync(Path))
        {
            var first = await store.ImportParticipationsAsync(rows, ImportRequest.Default);
            // The same rows again, and a retried request, and an update of one row: nothing is inserted twice.
            var again = await store.ImportParticipationsAsync(rows, ImportRequest.Default);
            Assert.Equal(0, again.Participations.Inserted + again.Participants.Inserted);
            var fix = await store.ImportParticipationsAsync([TestData.Row("p6", "MYS", TestData.D1)], new ImportRequest("fix"));
            var retry = await store.ImportParticipationsAsync([TestData.Row("p6", "MYS", TestData.D1)], new ImportRequest("fix"));
            Assert.True(retry.WasReplay);
            // Undo the correction and make it again.
            var undone = await store.UndoImportAsync(fix.ImportId!.Value);
            Assert.True(undone.IsUndone);
            await store.ImportParticipationsAsync([TestData.Row("p6", "MYS", TestData.D1)], ImportRequest.Default);
            Assert.Equal(first.Participations.Inserted, await store.CountParticipationsAsync());
        }
        AssertUnique(Path);
    }

    [Fact]
    public async Task Two_store_objects_on_one_file_in_one_process_import_the_same_new_people_once()
    {
        // Without the keys, two writers that both classify a person as new would both insert them; the store
        // serialises writes per file, not per object (DuckDB shares one database instance per file in a process).
        await (await TestData.OpenWithCatalogueAsync(Path)).DisposeAsync();
        await using var one = await DuckDbAnalyticsStore.OpenAsync(Path);
        await using var two = await DuckDbAnalyticsStore.OpenAsync(Path);
        var rows = TestData.Many(2_000).ToList();

        var outcomes = await Task.WhenAll(
            Task.Run(() => one.ImportParticipationsAsync(rows, ImportRequest.Default)),
            Task.Run(() => two.ImportParticipationsAsync(rows, ImportRequest.Default)));

        Assert.Equal(rows.Count, outcomes.Sum(o => o.Participations.Inserted));
        Assert.Equal(rows.Count, await one.CountParticipationsAsync());
        await one.DisposeAsync();
        await two.DisposeAsync();
        AssertUnique(Path);
    }

    /// <summary>One row per participant_id and per participation key, and one fact row per participation.</summary>
    private static void AssertUnique(string path)
    {
        using var raw = RawDb.Open(path);
        Assert.Equal(0, raw.Scalar("SELECT COUNT(*) FROM (SELECT participant_id FROM participant GROUP BY ALL HAVING COUNT(*) > 1)"));
        Assert.Equal(0, raw.Scalar("SELECT COUNT(*) FROM (SELECT participant_key FROM participant GROUP BY ALL HAVING COUNT(*) > 1)"));
        Assert.Equal(0, raw.Scalar(
            "SELECT COUNT(*) FROM (SELECT participant_id, programme_id, edition_number FROM participation GROUP BY ALL HAVING COUNT(*) > 1)"));
        Assert.Equal(raw.Scalar("SELECT COUNT(*) FROM participation"), raw.Scalar("SELECT COUNT(*) FROM participation_fact"));
        Assert.Equal(0, raw.Scalar("SELECT COUNT(*) FROM participant WHERE participant_key IS NULL OR record_key IS NULL"));
    }

    private static List<string> PrimaryKeyTables(DuckDB.NET.Data.DuckDBConnection raw, params string[] tables)
    {
        using var command = raw.CreateCommand();
        command.CommandText =
            $"SELECT DISTINCT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' AND table_name IN ({string.Join(", ", tables.Select(t => $"'{t}'"))}) ORDER BY table_name";
        using var reader = command.ExecuteReader();
        var found = new List<string>();
        while (reader.Read())
        {
            found.Add(reader.GetString(0));
        }
        return found;
    }

    private static string Columns(DuckDB.NET.Data.DuckDBConnection raw, string table)
    {
        using var command = raw.CreateCommand();
        command.CommandText =
            $"SELECT column_name || ':' || data_type || ':' || is_nullable FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position";
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }
        return string.Join("|", columns);
    }

    /// <summary>Collects reports on the reporting thread.</summary>
    private sealed class Reports(Action<SchemaUpgrade> add) : IProgress<SchemaUpgrade>
    {
        public void Report(SchemaUpgrade value) => add(value);
    }
}
