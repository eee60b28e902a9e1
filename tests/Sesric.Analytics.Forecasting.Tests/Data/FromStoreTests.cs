using Sesric.Analytics.Dataset;
using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Forecasting.Tests.Fixtures;
using Sesric.Analytics.Storage.DuckDb;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Forecasting.Tests.Data;

/// <summary>The dataset read from a real DuckDB store seeded with the built-in data.</summary>
public sealed class FromStoreTests
{
    [Fact]
    public async Task AStoreSeededWithTheBuiltInDataGivesTheSameHistoryWithRegistryCounts()
    {
        using var folder = new TempFolder("forecast");
        await using var store = await DuckDbAnalyticsStore.OpenAsync(Path.Combine(folder.Path, "analytics.duckdb"));
        Assert.True(await StoreSeeder.EnsureSeededAsync(store));

        var fromStore = await ForecastDataset.FromStoreAsync(store);
        var fromCatalogue = PublishedEditions.Dataset();

        // The synthetic registry reproduces every published total, so the figures (and the hash) agree.
        Assert.Equal(fromCatalogue.Hash, fromStore.Hash);
        var seed = fromStore.EditionsOf(PublishedEditions.Diplomacy).Single(e => e.Year == 2020);
        Assert.Equal((81, 29, AttendanceSource.Registry), (seed.Participants!.Value, seed.MemberStates!.Value, seed.ParticipantsSource));

        // Unknown editions stay gaps; OIC-StatCom 2012's member states come from the published total (no registry rows).
        Assert.All(fromStore.EditionsOf(PublishedEditions.Diplomacy).Where(e => e.Year is 2018 or 2019), e => Assert.Equal(AttendanceSource.None, e.ParticipantsSource));
        var statCom2012 = fromStore.EditionsOf(PublishedEditions.StatCom).Single(e => e.Year == 2012);
        Assert.Equal((null, 40, AttendanceSource.Published), (statCom2012.Participants, statCom2012.MemberStates!.Value, statCom2012.MemberStatesSource));
    }
}
