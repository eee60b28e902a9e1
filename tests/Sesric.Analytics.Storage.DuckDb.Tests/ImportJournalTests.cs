using Sesric.Analytics.Model;
using Sesric.Analytics.Storage.DuckDb.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.DuckDb.Tests;

/// <summary>The import journal: each import that changes something is numbered and can be undone exactly.</summary>
public sealed class ImportJournalTests : IDisposable
{
    private readonly TempFolder _folder = new("store");

    public void Dispose() => _folder.Dispose();

    private string Path => _folder.File("s.duckdb");

    /// <summary>Changes of every kind: a new person, a new participation of a known person, a corrected attendance and a corrected gender.</summary>
    private static readonly Participation[] Changes =
    [
        TestData.Row("p6", "MYS", TestData.D1, AttendanceStatus.Attended),        // no-show corrected to attended
        TestData.Row("p8", "TUR", TestData.D2),                                   // new participant
        TestData.Row("p3", "EGY", TestData.D2, gender: Gender.Unknown),           // known person, new edition
        TestData.Row("p2", "EGY", TestData.D1, gender: Gender.Female),            // participant corrected
        TestData.Row("p5", "BIH", TestData.D1, gender: Gender.Male),              // unchanged
    ];

    [Fact]
    public async Task Undoing_an_import_restores_every_table_row_and_statistic_to_what_it_was_before()
    {
        await using (var store = await TestData.OpenWithCatalogueAsync(Path))
        {
            var first = await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default with { Source = "registry.csv" });
            Assert.Equal(1, first.ImportId);
        }
        var tablesBefore = Dump(Path);
        var (statisticsBefore, countBefore) = await StatisticsAsync();

        long id;
        await using (var store = await DuckDbAnalyticsStore.OpenAsync(Path))
        {
            var outcome = await store.ImportParticipationsAsync(Changes, new ImportRequest("req-2") { Source = "changes.csv" });
            Assert.Equal(new WriteOutcome(2, 1, 2), outcome.Participations);
            id = outcome.ImportId!.Value;
            Assert.Equal(2, id);
        }
        Assert.NotEqual(tablesBefore, Dump(Path));
        Assert.NotEqual(statisticsBefore, (await StatisticsAsync()).Statistics);

        await using (var store = await DuckDbAnalyticsStore.OpenAsync(Path))
        {
            var undone = await store.UndoImportAsync(id);
            Assert.True(undone.IsUndone);
            Assert.Equal("changes.csv", undone.Source);
            Assert.Equal(new WriteOutcome(2, 1, 0), undone.Participations);
            Assert.Equal(new WriteOutcome(1, 1, 0), undone.Participants);
        }

        Assert.Equal(tablesBefore, Dump(Path));
        Assert.Equal((statisticsBefore, countBefore), await StatisticsAsync());
        await using (var store = await DuckDbAnalyticsStore.OpenAsync(Path))
        {
            var imports = await store.ListImportsAsync();
            Assert.Equal([1L, 2L], imports.Select(i => i.Id));
            Assert.False(imports[0].IsUndone);
            Assert.True(imports[1].IsUndone);
            // The request id no longer stands for rows in the store: the same call imports again.
            var again = await store.ImportParticipationsAsync(Changes, new ImportRequest("req-2"));
            Assert.False(again.WasReplay);
            Assert.Equal(3, again.ImportId);
        }
    }

    [Fact]
    public async Task An_import_under_a_later_one_that_touched_the_same_people_is_refused_and_nothing_changes()
    {
        await using var store = await TestData.OpenWithCatalogueAsync(Path);
        await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
        await store.ImportParticipationsAsync(Changes, ImportRequest.Default);
        var count = await store.CountParticipationsAsync();

        var refused = await Assert.ThrowsAsync<ImportJournalException>(() => store.UndoImportAsync(1));

        Assert.Contains("later import(s) 2", refused.Message);
        Assert.Equal(count, await store.CountParticipationsAsync());
        await store.UndoImportAsync(2);
        await store.UndoImportAsync(1);
        Assert.Equal(0, await store.CountParticipationsAsync());
        Assert.All(await store.GetEditionStatisticsAsync(), e => Assert.Equal(0, e.RegistryParticipants));
    }

    [Fact]
    public async Task Unknown_and_already_undone_imports_are_refused_by_name_and_a_no_op_import_gets_no_number()
    {
        await using var store = await TestData.OpenWithCatalogueAsync(Path);
        await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
        var repeat = await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
        Assert.Null(repeat.ImportId);

        Assert.Contains("no import 7", (await Assert.ThrowsAsync<ImportJournalException>(() => store.UndoImportAsync(7))).Message);
        await store.UndoImportAsync(1);
        Assert.Contains("already undone", (await Assert.ThrowsAsync<ImportJournalException>(() => store.UndoImportAsync(1))).Message);
        Assert.Single(await store.ListImportsAsync());
    }

    [Fact]
    public async Task A_preview_store_reports_the_real_outcome_and_commits_nothing()
    {
        await using (var store = await TestData.OpenWithCatalogueAsync(Path))
        {
            await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
        }
        var before = Dump(Path);

        await using (var preview = await DuckDbAnalyticsStore.OpenAsync(Path, StoreAccessMode.Preview, upgrades: null))
        {
            var outcome = await preview.ImportParticipationsAsync(Changes, ImportRequest.Default);
            Assert.Equal(new WriteOutcome(2, 1, 2), outcome.Participations);
            Assert.Equal(9, await preview.CountParticipationsAsync());
        }

        Assert.Equal(before, Dump(Path));
        await Assert.ThrowsAsync<IOException>(() => DuckDbAnalyticsStore.OpenAsync(_folder.File("missing.duckdb"), StoreAccessMode.Preview, null));
        Assert.False(File.Exists(_folder.File("missing.duckdb")));
    }

    [Fact]
    public async Task A_read_only_store_reads_and_refuses_writes_and_an_older_one_asks_for_an_upgrade()
    {
        await using (var store = await TestData.OpenWithCatalogueAsync(Path))
        {
            await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
        }

        await using (var reader = await DuckDbAnalyticsStore.OpenAsync(Path, StoreAccessMode.ReadOnly, upgrades: null))
        {
            Assert.Equal(9, await reader.CountParticipationsAsync());
            await Assert.ThrowsAnyAsync<Exception>(() => reader.ImportParticipationsAsync(Changes, ImportRequest.Default));
        }

        var older = _folder.File("older.duckdb");
        using (var raw = RawDb.Open(older))
        {
            DuckDb.Schema.SchemaMigrator.Migrate(raw, older, targetVersion: DuckDb.Schema.SchemaMigrator.LatestVersion - 1);
        }
        await Assert.ThrowsAsync<StoreUpgradeRequiredException>(() => DuckDbAnalyticsStore.OpenAsync(older, StoreAccessMode.ReadOnly, null));
    }

    [Fact]
    public async Task The_seed_state_is_new_for_a_new_file_and_kept_once_set()
    {
        await using (var store = await DuckDbAnalyticsStore.OpenAsync(Path))
        {
            Assert.Equal(StoreSeedState.New, await store.GetSeedStateAsync());
            await store.SetSeedStateAsync(StoreSeedState.Pending);
            await store.SetSeedStateAsync(StoreSeedState.BuiltIn);
        }
        await using (var store = await DuckDbAnalyticsStore.OpenAsync(Path))
        {
            Assert.Equal(StoreSeedState.BuiltIn, await store.GetSeedStateAsync());
        }
    }

    private async Task<(string Statistics, long Count)> StatisticsAsync()
    {
        await using var store = await DuckDbAnalyticsStore.OpenAsync(Path);
        var statistics = string.Join("\n", (await store.GetEditionStatisticsAsync()).Select(s => s.ToString()));
        return (statistics, await store.CountParticipationsAsync());
    }

    /// <summary>Every row of the registry and fact tables, in key order, as text.</summary>
    private static string Dump(string path) => RawDb.Dump(
        path,
            ("participant", "participant_id"),
            ("participation", "participant_id, programme_id, edition_number"),
            ("participation_fact", "participant_key, programme_id, edition_number"));
}
