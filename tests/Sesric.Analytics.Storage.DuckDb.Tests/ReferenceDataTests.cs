using Sesric.Analytics.Model;
using Sesric.Analytics.Storage.DuckDb.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.DuckDb.Tests;

public sealed class ReferenceDataTests : IDisposable
{
    private readonly TempFolder _folder = new("store");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Upserts_count_new_changed_and_unchanged_rows()
    {
        await using var store = await DuckDbAnalyticsStore.OpenAsync(_folder.File("s.duckdb"));

        Assert.Equal(new WriteOutcome(2, 0, 0), await store.UpsertProgrammesAsync(TestData.Programmes));
        Assert.Equal(new WriteOutcome(0, 0, 2), await store.UpsertProgrammesAsync(TestData.Programmes));
        var renamed = TestData.Programmes[1] with { Name = new LocalizedText("Stat-CaB", null, "CaB statistique") };
        Assert.Equal(new WriteOutcome(0, 1, 0), await store.UpsertProgrammesAsync([renamed]));

        Assert.Equal(new WriteOutcome(5, 0, 0), await store.UpsertCountriesAsync(TestData.Countries));
        Assert.Equal(new WriteOutcome(0, 0, 5), await store.UpsertCountriesAsync(TestData.Countries));
        Assert.Equal(new WriteOutcome(3, 0, 0), await store.UpsertEditionsAsync(TestData.Editions));
        Assert.Equal(new WriteOutcome(0, 0, 3), await store.UpsertEditionsAsync(TestData.Editions));

        var catalogue = await store.LoadCatalogueAsync();
        Assert.True(catalogue.TryGetProgramme(TestData.Statistics, out var stat));
        Assert.Equal(renamed, stat);
    }

    [Fact]
    public async Task The_catalogue_round_trips_every_field()
    {
        await using var store = await TestData.OpenWithCatalogueAsync(_folder.File("s.duckdb"));

        var loaded = await store.LoadCatalogueAsync();

        Assert.Equal(TestData.Catalogue.Programmes, loaded.Programmes);
        Assert.Equal(TestData.Catalogue.Countries.Count, loaded.Countries.Count);
        foreach (var (expected, actual) in TestData.Catalogue.Countries.Zip(loaded.Countries))
        {
            Assert.Equal(
                (expected.Code, expected.Kind, expected.Name, expected.AccessionYear, expected.Group, expected.GroupBasis, expected.ObserverSince, expected.SourceUrl, expected.Notes),
                (actual.Code, actual.Kind, actual.Name, actual.AccessionYear, actual.Group, actual.GroupBasis, actual.ObserverSince, actual.SourceUrl, actual.Notes));
            Assert.Equal(expected.Suspensions, actual.Suspensions);
        }
        foreach (var (expected, actual) in TestData.Catalogue.Editions.Zip(loaded.Editions))
        {
            Assert.Equal(
                (expected.Id, expected.Year, expected.Dates, expected.Modality, expected.HostCity, expected.HostCountry, expected.Theme, expected.Published, expected.Notes),
                (actual.Id, actual.Year, actual.Dates, actual.Modality, actual.HostCity, actual.HostCountry, actual.Theme, actual.Published, actual.Notes));
            Assert.Equal(expected.Partners, actual.Partners);
        }
        Assert.False(loaded.TryGetCountry(CountryCode.Parse("SYR"), out var syria) && syria.IsMemberOn(new DateOnly(2020, 1, 1)));
    }

    [Fact]
    public async Task Changing_only_a_suspension_counts_as_an_update()
    {
        await using var store = await TestData.OpenWithCatalogueAsync(_folder.File("s.duckdb"));
        var syria = TestData.Countries.Single(c => c.Code.Value == "SYR");
        var restoredEarlier = new Country(syria.Code, syria.Kind, syria.Name, syria.AccessionYear, syria.Group, syria.GroupBasis,
            [new MembershipSuspension(new DateOnly(2012, 8, 15), new DateOnly(2024, 1, 1))], notes: syria.Notes);

        Assert.Equal(new WriteOutcome(0, 1, 0), await store.UpsertCountriesAsync([restoredEarlier]));
        Assert.Equal(new WriteOutcome(0, 0, 1), await store.UpsertCountriesAsync([restoredEarlier]));

        var loaded = await store.LoadCatalogueAsync();
        Assert.True(loaded.TryGetCountry(syria.Code, out var back));
        Assert.Equal(new DateOnly(2024, 1, 1), Assert.Single(back.Suspensions).Until);
    }

    [Fact]
    public async Task An_edition_of_an_unknown_programme_writes_nothing_and_names_the_programme()
    {
        await using var store = await DuckDbAnalyticsStore.OpenAsync(_folder.File("s.duckdb"));
        await store.UpsertProgrammesAsync([TestData.Programmes[0]]);

        // The first edition is valid and would be written first: the transaction must take it back.
        var e = await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertEditionsAsync(TestData.Editions));

        Assert.Contains("stat-cab", e.Message);
        Assert.Empty((await store.LoadCatalogueAsync()).Editions);
    }
}
