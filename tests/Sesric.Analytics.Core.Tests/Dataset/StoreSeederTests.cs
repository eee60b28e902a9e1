using Sesric.Analytics.Dataset;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Core.Tests.Dataset;

public sealed class StoreSeederTests
{
    [Fact]
    public async Task Seeds_an_empty_store_with_the_built_in_dataset_once()
    {
        await using var store = new InMemoryAnalyticsStore();
        Assert.True(await StoreSeeder.EnsureSeededAsync(store));

        var builtIn = BuiltInDataset.Load();
        var catalogue = await store.LoadCatalogueAsync();
        Assert.Equal(builtIn.Catalogue.Programmes, catalogue.Programmes);
        Assert.Equal(62, catalogue.Countries.Count);
        Assert.Equal(builtIn.Catalogue.Editions.Count, catalogue.Editions.Count);
        Assert.Equal(builtIn.Participations.Count, await store.CountParticipationsAsync());
        var writes = store.Writes;

        Assert.False(await StoreSeeder.EnsureSeededAsync(store));
        Assert.Equal(writes, store.Writes);
    }

    [Fact]
    public async Task Leaves_a_store_that_already_holds_data_alone()
    {
        await using var store = new InMemoryAnalyticsStore();
        await store.UpsertProgrammesAsync([new Programme(ProgrammeId.Parse("mine"), new LocalizedText("Mine"), 2024)]);
        Assert.False(await StoreSeeder.EnsureSeededAsync(store));
        Assert.Equal(0, await store.CountParticipationsAsync());
        Assert.Single((await store.LoadCatalogueAsync()).Programmes);
    }
}
