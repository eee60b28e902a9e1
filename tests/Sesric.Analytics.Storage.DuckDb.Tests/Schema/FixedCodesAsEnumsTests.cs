using DuckDB.NET.Data;

using Sesric.Analytics.Model;
using Sesric.Analytics.Storage.DuckDb.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.DuckDb.Tests.Schema;

/// <summary>
/// Migration 012: gender, attendance and modality are DuckDB ENUMs whose labels are the core model's codes in byte order,
/// so every code can be stored and ordering by one gives what ordering the text gave; a version-11 file keeps every row.
/// </summary>
public sealed class FixedCodesAsEnumsTests : IDisposable
{
    private readonly TempFolder _folder = new("store");

    public void Dispose() => _folder.Dispose();

    private string Path => _folder.File("s.duckdb");

    [Fact]
    public async Task Each_type_lists_every_code_of_the_core_model_in_byte_order_and_types_its_columns()
    {
        await (await DuckDbAnalyticsStore.OpenAsync(Path)).DisposeAsync();
        using var raw = RawDb.Open(Path);

        Assert.Equal(Codes(Enum.GetValues<Gender>().Select(g => g.Code())), Labels(raw, "gender_code"));
        Assert.Equal(Codes(Enum.GetValues<AttendanceStatus>().Select(a => a.Code())), Labels(raw, "attendance_code"));
        Assert.Equal(Codes(Enum.GetValues<Modality>().Select(m => m.Code())), Labels(raw, "modality_code"));
        var gender = EnumTypeName(Codes(Enum.GetValues<Gender>().Select(g => g.Code())));
        var attendance = EnumTypeName(Codes(Enum.GetValues<AttendanceStatus>().Select(a => a.Code())));
        var modality = EnumTypeName(Codes(Enum.GetValues<Modality>().Select(m => m.Code())));
        Assert.Equal(
            $"edition.modality:{modality}|fact_reference.modality:{modality}|participant.gender:{gender}|participation.attendance:{attendance}"
            + $"|participation_fact.attendance:{attendance}|participation_fact.gender:{gender}|participation_fact.modality:{modality}",
            Single(raw,
                """
                SELECT string_agg(table_name || '.' || column_name || ':' || data_type, '|' ORDER BY table_name, column_name)
                FROM information_schema.columns WHERE column_name IN ('gender', 'attendance', 'modality') AND table_schema = 'main'
                """));
    }

    [Fact]
    public async Task A_version_11_store_with_data_migrates_to_12_keeping_every_row_and_the_text_order()
    {
        await using (var store = await TestData.OpenWithCatalogueAsync(Path))
        {
            await store.ImportParticipationsAsync(TestData.Registry, new ImportRequest("first") { Source = "registry.csv" });
            await store.ImportParticipationsAsync(TestData.Many(300), ImportRequest.Default with { Source = "many.csv" });
            // An update, so the journal holds a replaced gender too.
            await store.ImportParticipationsAsync([TestData.Row("p6", "MYS", TestData.D1)], ImportRequest.Default);
        }
        string textOrder;
        using (var raw = RawDb.Open(Path))
        {
            raw.Execute(OlderStore.UndoDuckDb012Sql);
            Assert.Equal(11, raw.Scalar("SELECT MAX(version) FROM schema_version"));
            Assert.Equal("VARCHAR", Single(raw, "SELECT data_type FROM information_schema.columns WHERE table_name = 'participation_fact' AND column_name = 'gender'"));
            textOrder = Single(raw, OrderedCodes);
        }
        var before = RawDb.DumpRegistry(Path);
        Assert.Contains("|female|", before, StringComparison.Ordinal);

        await (await DuckDbAnalyticsStore.OpenAsync(Path)).DisposeAsync();

        Assert.Equal(before, RawDb.DumpRegistry(Path));
        using var check = RawDb.Open(Path);
        Assert.Equal(12, check.Scalar("SELECT MAX(version) FROM schema_version"));
        Assert.StartsWith("ENUM(", Single(check, "SELECT data_type FROM information_schema.columns WHERE table_name = 'participation_fact' AND column_name = 'gender'"), StringComparison.Ordinal);
        Assert.Equal(textOrder, Single(check, OrderedCodes));
    }

    [Fact]
    public async Task A_file_whose_process_stopped_after_the_migration_and_before_a_checkpoint_replays_it_and_opens()
    {
        await using (var store = await TestData.OpenWithCatalogueAsync(Path))
        {
            await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
        }
        using (var raw = RawDb.Open(Path))
        {
            raw.Execute(OlderStore.UndoDuckDb012Sql);
            raw.Execute("CHECKPOINT");
        }
        var stopped = _folder.File("stopped.duckdb");
        using (var raw = RawDb.Open(Path))
        {
            Assert.Equal(12, DuckDb.Schema.SchemaMigrator.Migrate(raw, Path, DuckDb.Schema.SchemaMigrator.LatestVersion));
            // What a process killed now leaves: the file as of the last checkpoint, and the migration in the log only.
            Assert.True(File.Exists(Path + ".wal"), "the migration should still be in the write-ahead log");
            File.Copy(Path, stopped);
            File.Copy(Path + ".wal", stopped + ".wal");
        }

        await using (var reopened = await DuckDbAnalyticsStore.OpenAsync(stopped))
        {
            Assert.Equal(12, reopened.Description.SchemaVersion);
            Assert.Equal(TestData.Registry.Count, await reopened.CountParticipationsAsync());
        }
        Assert.Equal(RawDb.DumpRegistry(Path), RawDb.DumpRegistry(stopped));
    }

    [Fact]
    public async Task A_value_outside_a_type_fails_the_migration_naming_it_and_the_store_stays_at_11()
    {
        await using (var store = await TestData.OpenWithCatalogueAsync(Path))
        {
            await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
        }
        using (var raw = RawDb.Open(Path))
        {
            raw.Execute(OlderStore.UndoDuckDb012Sql);
            raw.Execute("UPDATE participant SET gender = 'femme' WHERE participant_id = 'p1'");
        }

        var e = await Assert.ThrowsAnyAsync<Exception>(async () => await (await DuckDbAnalyticsStore.OpenAsync(Path)).DisposeAsync());

        Assert.Contains("schema version 12", e.Message, StringComparison.Ordinal);
        Assert.Contains("stays at version 11", e.Message, StringComparison.Ordinal);
        Assert.Contains("femme", e.Message, StringComparison.Ordinal);
        using var check = RawDb.Open(Path);
        Assert.Equal(11, check.Scalar("SELECT MAX(version) FROM schema_version"));
        Assert.Equal("VARCHAR", Single(check, "SELECT data_type FROM information_schema.columns WHERE table_name = 'participant' AND column_name = 'gender'"));
    }

    /// <summary>Each code column's distinct values in the order the store sorts them, and their smallest and largest.</summary>
    private const string OrderedCodes =
        """
        SELECT (SELECT string_agg(g, ',') FROM (SELECT DISTINCT gender AS g FROM participation_fact ORDER BY 1))
            || ';' || (SELECT string_agg(a, ',') FROM (SELECT DISTINCT attendance AS a FROM participation ORDER BY 1))
            || ';' || (SELECT string_agg(m, ',') FROM (SELECT DISTINCT modality AS m FROM participation_fact ORDER BY 1))
            || ';' || (SELECT MIN(gender) || ',' || MAX(gender) || ',' || MIN(attendance) || ',' || MAX(attendance) FROM participation_fact)
        """;

    private static List<string> Codes(IEnumerable<string> codes) => codes.Order(StringComparer.Ordinal).ToList();

    /// <summary>How DuckDB names an ENUM type with these labels.</summary>
    private static string EnumTypeName(IEnumerable<string> labels) => $"ENUM({string.Join(", ", labels.Select(l => $"'{l}'"))})";

    private static List<string> Labels(DuckDBConnection raw, string type)
    {
        using var command = raw.CreateCommand();
        command.CommandText = $"SELECT CAST(unnest(enum_range(CAST(NULL AS {type}))) AS VARCHAR)";
        using var reader = command.ExecuteReader();
        var labels = new List<string>();
        while (reader.Read())
        {
            labels.Add(reader.GetString(0));
        }
        return labels;
    }

    private static string Single(DuckDBConnection raw, string sql)
    {
        using var command = raw.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
