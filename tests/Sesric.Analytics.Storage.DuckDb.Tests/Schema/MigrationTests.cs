using Sesric.Analytics.Storage.DuckDb.Schema;
using Sesric.Analytics.Storage.DuckDb.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.DuckDb.Tests.Schema;

public sealed class MigrationTests : IDisposable
{
    private readonly TempFolder _folder = new("store");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_embedded_migrations_are_numbered_from_one_without_gaps()
    {
        Assert.Equal(Enumerable.Range(1, SchemaMigrator.All.Count), SchemaMigrator.All.Select(m => m.Version));
        Assert.Equal("001_initial", SchemaMigrator.All[0].Name);
        Assert.True(SchemaMigrator.LatestVersion >= 2);
    }

    [Fact]
    public async Task Opening_an_older_file_reports_each_upgrade_before_it_runs_and_a_new_file_reports_none()
    {
        var older = _folder.File("older.duckdb");
        using (var raw = RawDb.Open(older))
        {
            SchemaMigrator.Migrate(raw, older, targetVersion: SchemaMigrator.LatestVersion - 2);
        }
        var reports = new List<SchemaUpgrade>();
        var newer = new List<SchemaUpgrade>();

        await using (var store = await DuckDbAnalyticsStore.OpenAsync(older, new Reports(reports.Add)))
        {
            Assert.Equal(SchemaMigrator.LatestVersion, store.Description.SchemaVersion);
        }
        await using (await DuckDbAnalyticsStore.OpenAsync(_folder.File("new.duckdb"), new Reports(newer.Add)))
        {
        }

        var latest = SchemaMigrator.LatestVersion;
        Assert.Equal(
            [
                new SchemaUpgrade(older, latest - 2, latest - 1, SchemaMigrator.All[^2].Name),
                new SchemaUpgrade(older, latest - 1, latest, SchemaMigrator.All[^1].Name),
            ],
            reports);
        Assert.Equal($"upgrading the store '{older}' from schema version {latest - 1} to {latest} ({SchemaMigrator.All[^1].Name})", reports[1].ToString());
        Assert.Empty(newer);
    }

    [Fact]
    public async Task Opening_a_missing_file_creates_its_folder_and_migrates_to_the_latest_version()
    {
        var path = Path.Combine(_folder.Path, "nested", "deeper", "a.duckdb");
        await using (var store = await DuckDbAnalyticsStore.OpenAsync(path))
        {
            Assert.Equal(new StoreDescription("duckdb", path, SchemaMigrator.LatestVersion), store.Description);
            Assert.Equal(0, await store.CountParticipationsAsync());
            Assert.Empty(await store.GetEditionStatisticsAsync());
        }
        Assert.True(File.Exists(path));
        using var raw = RawDb.Open(path);
        Assert.Equal(SchemaMigrator.LatestVersion, raw.Scalar("SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(SchemaMigrator.LatestVersion, raw.Scalar("SELECT MAX(version) FROM schema_version"));
    }

    public static TheoryData<int> EarlierVersions()
    {
        var versions = new TheoryData<int>();
        for (var v = 1; v < SchemaMigrator.LatestVersion; v++)
        {
            versions.Add(v);
        }
        return versions;
    }

    [Theory]
    [MemberData(nameof(EarlierVersions))]
    public async Task A_file_at_an_earlier_version_is_migrated_forward_and_keeps_its_rows(int version)
    {
        var path = _folder.File($"v{version}.duckdb");
        using (var raw = RawDb.Open(path))
        {
            Assert.Equal(version, SchemaMigrator.Migrate(raw, path, targetVersion: version));
            raw.Execute(
                """
                INSERT INTO programme VALUES ('diplomacy-cab', 'Diplomacy-CaB', NULL, NULL, 2015, NULL);
                INSERT INTO country VALUES ('TUR', 'member', 'Türkiye', NULL, NULL, 1969, 'Asian Group', 'read', NULL, NULL, NULL);
                INSERT INTO edition VALUES ('diplomacy-cab', 1, 2015, DATE '2015-03-02', DATE '2015-03-06', 'in_person', 'Ankara', 'TUR',
                                            NULL, NULL, 1, 1, FALSE, NULL, NULL);
                INSERT INTO participation (participant_id, programme_id, edition_number, attendance, is_synthetic) VALUES ('p1', 'diplomacy-cab', 1, 'attended', FALSE);
                """);
            // From version 4 on, people carry a key and the store writes their fact rows itself.
            raw.Execute(version < 4
                ? "INSERT INTO participant VALUES ('p1', 'TUR', 'female', NULL, FALSE)"
                : $$"""
                  INSERT INTO participant VALUES ('p1', 'TUR', 'female', NULL, FALSE, 1{{(version >= 6 ? ", 12345" : "")}}{{(version >= 11 ? ", NULL" : "")}});
                  INSERT INTO participation_fact VALUES (1, 'diplomacy-cab', 1, 2015, 'in_person', 'TUR', DATE '2015-03-02', 'TUR', 'Asian Group',
                                                         'female', TRUE, FALSE, TRUE, TRUE{{(version >= 5 ? ", TRUE" : "")}}{{(version >= 6 ? ", 12345" : "")}}{{(version >= 9 ? ", 'attended'" : "")}});
                  """);
            if (version == 1)
            {
                Assert.Throws<DuckDB.NET.Data.DuckDBException>(() => raw.Scalar("SELECT COUNT(*) FROM participation_fact"));
            }
        }

        await using var store = await DuckDbAnalyticsStore.OpenAsync(path);

        Assert.Equal(SchemaMigrator.LatestVersion, store.Description.SchemaVersion);
        var stats = Assert.Single(await store.GetEditionStatisticsAsync());
        Assert.Equal((1L, 1L), (stats.RegistryParticipants, stats.RegistryMemberStates));
        Assert.Equal(Agreement.Agree, stats.Agreement);
        await store.DisposeAsync();
        // Version 6 gave the person a record key and copied it to their fact row.
        using var check = RawDb.Open(path);
        var key = check.Scalar("SELECT record_key FROM participant WHERE participant_id = 'p1'");
        Assert.InRange(key, 0, Model.RecordKey.Modulus - 1);
        Assert.Equal(key, check.Scalar("SELECT record_key FROM participation_fact"));
        // Version 9 copied the participation's attendance to its fact row.
        Assert.Equal(1L, check.Scalar("SELECT COUNT(*) FROM participation_fact WHERE attendance = 'attended'"));
    }

    [Fact]
    public async Task Reopening_is_idempotent()
    {
        var path = _folder.File("again.duckdb");
        await using (var store = await TestData.OpenWithCatalogueAsync(path))
        {
            await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
        }
        for (var i = 0; i < 2; i++)
        {
            await using var store = await DuckDbAnalyticsStore.OpenAsync(path);
            Assert.Equal(SchemaMigrator.LatestVersion, store.Description.SchemaVersion);
            Assert.Equal(TestData.Registry.Count, await store.CountParticipationsAsync());
        }
        using var raw = RawDb.Open(path);
        Assert.Equal(SchemaMigrator.LatestVersion, raw.Scalar("SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task A_file_from_a_newer_schema_is_refused_with_its_name_and_both_versions()
    {
        var path = _folder.File("future.duckdb");
        await (await DuckDbAnalyticsStore.OpenAsync(path)).DisposeAsync();
        using (var raw = RawDb.Open(path))
        {
            raw.Execute("INSERT INTO schema_version VALUES (99, '099_from_the_future', TIMESTAMP '2030-01-01 00:00:00')");
        }

        var e = await Assert.ThrowsAsync<StoreVersionException>(() => DuckDbAnalyticsStore.OpenAsync(path));

        Assert.Equal(path, e.Location);
        Assert.Equal(99, e.StoreVersion);
        Assert.Equal(SchemaMigrator.LatestVersion, e.SupportedVersion);
        Assert.Contains(path, e.Message);
        Assert.Contains("99", e.Message);
        Assert.Contains($"up to {SchemaMigrator.LatestVersion}", e.Message);
        using var check = RawDb.Open(path);
        Assert.Equal(99, check.Scalar("SELECT MAX(version) FROM schema_version"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_refused_naming_the_file()
    {
        var path = _folder.File("notes.duckdb");
        await File.WriteAllTextAsync(path, "this is a text file, not a database\n");

        // A StoreFaultException (an IOException) saying the file is damaged, or the plain "cannot open" one.
        var e = await Assert.ThrowsAnyAsync<IOException>(() => DuckDbAnalyticsStore.OpenAsync(path));

        Assert.Contains(path, e.Message);
        Assert.Equal("this is a text file, not a database\n", await File.ReadAllTextAsync(path));
    }

    /// <summary>Collects reports on the reporting thread (unlike <see cref="Progress{T}"/>, which posts them later).</summary>
    private sealed class Reports(Action<SchemaUpgrade> add) : IProgress<SchemaUpgrade>
    {
        public void Report(SchemaUpgrade value) => add(value);
    }
}
