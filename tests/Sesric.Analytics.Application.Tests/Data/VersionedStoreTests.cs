using Sesric.Analytics.Application.Tests.Support;
using Sesric.Analytics.Model;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Application.Tests.Data;

public sealed class VersionedStoreTests
{
    [Fact]
    public async Task Reads_leave_the_version_alone()
    {
        await using var seeded = await SeededStore.CreateAsync();
        var catalogue = await seeded.Store.LoadCatalogueAsync();
        await seeded.Store.CountParticipationsAsync();
        await seeded.Store.GetEditionStatisticsAsync();
        await foreach (var _ in seeded.Store.ReadParticipationsAsync(catalogue))
        {
        }
        Assert.Equal(0, seeded.Version.Current);
    }

    [Fact]
    public async Task The_fact_snapshot_passes_through_and_follows_writes()
    {
        await using var seeded = await SeededStore.CreateAsync();
        var source = Assert.IsAssignableFrom<IFactSnapshotSource>(seeded.Store);
        var counted = (await seeded.Store.QueryAsync(new Querying.SqlStatement("SELECT COUNT(*) AS n FROM participation_fact WHERE is_counted", []))).Rows[0][0];

        var before = await source.GetFactSnapshotAsync(100_000);
        Assert.NotNull(before);
        Assert.Equal(counted, (long)before.RowCount);
        Assert.Same(before, await source.GetFactSnapshotAsync(100_000));
        Assert.Null(await source.GetFactSnapshotAsync(10));

        var catalogue = await seeded.Store.LoadCatalogueAsync();
        await seeded.Store.ImportParticipationsAsync(NewRows(catalogue, "snapshot"), new ImportRequest("request-snapshot"));
        var after = await source.GetFactSnapshotAsync(100_000);

        Assert.NotNull(after);
        Assert.NotSame(before, after);
        Assert.Equal(before.RowCount + 3, after.RowCount);
    }

    [Fact]
    public async Task Every_kind_of_write_moves_the_version_on()
    {
        await using var seeded = await SeededStore.CreateAsync();
        var catalogue = await seeded.Store.LoadCatalogueAsync();

        await seeded.Store.UpsertProgrammesAsync([catalogue.Programmes[0]]);
        Assert.Equal(1, seeded.Version.Current);
        await seeded.Store.UpsertCountriesAsync([catalogue.Countries[0]]);
        Assert.Equal(2, seeded.Version.Current);
        await seeded.Store.UpsertEditionsAsync([catalogue.Editions[0]]);
        Assert.Equal(3, seeded.Version.Current);

        var outcome = await seeded.Store.ImportParticipationsAsync(NewRows(catalogue, "versioned"), new ImportRequest("request-1"));
        Assert.Equal(3, outcome.Participations.Inserted);
        Assert.Equal(4, seeded.Version.Current);

        var journal = Assert.IsAssignableFrom<IImportJournal>(seeded.Store);
        var imports = await journal.ListImportsAsync();
        Assert.Equal(4, seeded.Version.Current);
        await journal.UndoImportAsync(imports[^1].Id);
        Assert.Equal(5, seeded.Version.Current);
    }

    [Fact]
    public async Task A_replayed_import_changed_nothing_and_leaves_the_version_alone()
    {
        await using var seeded = await SeededStore.CreateAsync();
        var catalogue = await seeded.Store.LoadCatalogueAsync();
        var rows = NewRows(catalogue, "replayed");
        await seeded.Store.ImportParticipationsAsync(rows, new ImportRequest("request-2"));
        var after = seeded.Version.Current;

        var replay = await seeded.Store.ImportParticipationsAsync(rows, new ImportRequest("request-2"));

        Assert.True(replay.WasReplay);
        Assert.Equal(after, seeded.Version.Current);
    }

    [Fact]
    public async Task A_write_that_fails_still_moves_the_version_on_and_the_error_reaches_the_caller()
    {
        await using var seeded = await SeededStore.CreateAsync();
        var catalogue = await seeded.Store.LoadCatalogueAsync();
        var first = NewRows(catalogue, "conflict");
        await seeded.Store.ImportParticipationsAsync(first, new ImportRequest("request-3"));
        var after = seeded.Version.Current;

        // The same request id with other rows is refused by the store.
        await Assert.ThrowsAsync<ImportRequestConflictException>(() =>
            seeded.Store.ImportParticipationsAsync(NewRows(catalogue, "other"), new ImportRequest("request-3")));

        Assert.Equal(after + 1, seeded.Version.Current);
    }

    private static List<Participation> NewRows(Catalogue catalogue, string prefix)
    {
        var edition = catalogue.Editions[^1];
        var country = catalogue.Countries.First(c => c.Kind == CountryKind.Member);
        return [.. Enumerable.Range(0, 3).Select(i => catalogue.CreateParticipation(
            catalogue.CreateParticipant(ParticipantId.Parse($"{prefix}-{i}"), country.Code, Gender.Female, null, false),
            edition.Id, AttendanceStatus.Attended, false))];
    }
}
