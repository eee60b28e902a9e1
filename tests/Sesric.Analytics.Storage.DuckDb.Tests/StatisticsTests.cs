using Sesric.Analytics.Model;
using Sesric.Analytics.Storage.DuckDb.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.DuckDb.Tests;

public sealed class StatisticsTests : IDisposable
{
    private readonly TempFolder _folder = new("store");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Statistics_count_members_in_good_standing_and_keep_editions_without_a_registry()
    {
        await using var store = await TestData.OpenWithCatalogueAsync(_folder.File("s.duckdb"));
        await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);

        var stats = await store.GetEditionStatisticsAsync();

        Assert.Equal([TestData.D1, TestData.D2, TestData.S1], stats.Select(s => s.Edition));
        var d1 = stats[0];
        // p1..p5 attended (p6 was a no-show); TUR and EGY represented; Syria (suspended) and the observer are not.
        Assert.Equal((2015, 5L, 2L, 2L, 0L), (d1.Year, d1.RegistryParticipants, d1.RegistryMemberStates, d1.RegistryObserverParticipants, d1.SyntheticParticipations));
        Assert.Equal(new PublishedTotals(6, 3, "https://example.org/d1"), d1.Published);
        Assert.Equal(Agreement.Differ, d1.Agreement);
        var d2 = stats[1];
        Assert.Equal((3L, 2L, 1L), (d2.RegistryParticipants, d2.RegistryMemberStates, d2.RegistryObserverParticipants));
        Assert.True(d2.Published.ParticipantsIsLowerBound);
        var s1 = stats[2];
        Assert.Equal((0L, 0L, 0L, 0L), (s1.RegistryParticipants, s1.RegistryMemberStates, s1.RegistryObserverParticipants, s1.SyntheticParticipations));
        Assert.Equal(Agreement.NotComparable, s1.Agreement);
    }

    [Fact]
    public async Task The_observer_count_comes_with_the_cell_key_of_those_very_people()
    {
        await using var store = await TestData.OpenWithCatalogueAsync(_folder.File("keys.duckdb"));
        await store.ImportParticipationsAsync(TestData.Registry, ImportRequest.Default);
        var catalogue = await store.LoadCatalogueAsync();
        var rows = new List<Participation>();
        await foreach (var p in store.ReadParticipationsAsync(catalogue))
        {
            rows.Add(p);
        }

        var stats = await store.GetEditionStatisticsAsync();

        foreach (var edition in stats)
        {
            var observers = rows.Where(p => p.Edition == edition.Edition && p.Status.CountsAsParticipation()
                && !(catalogue.TryGetCountry(p.Participant.Country, out var c) && c.IsMemberOn(catalogue.Editions.Single(e => e.Id == p.Edition).ReferenceDate)));
            Assert.Equal(observers.Count(), edition.RegistryObserverParticipants);
            Assert.Equal(observers.Sum(p => (long)p.Participant.RecordKey!.Value) % RecordKey.Modulus, edition.ObserverParticipantsCellKey);
        }
        Assert.Contains(stats, s => s.RegistryObserverParticipants > 0);
    }

    [Fact]
    public async Task Synthetic_rows_are_counted_per_edition()
    {
        await using var store = await TestData.OpenWithCatalogueAsync(_folder.File("s.duckdb"));
        await store.ImportParticipationsAsync(TestData.Many(10), ImportRequest.Default);

        var stats = await store.GetEditionStatisticsAsync();

        Assert.Equal(10, stats[0].SyntheticParticipations);
        Assert.Equal(5, stats[1].SyntheticParticipations);
        // Members among the 10: TUR, EGY, MYS (SYR suspended, BIH observer): 3 states; 2 of every 5 participants are not counted as members.
        Assert.Equal((10L, 3L, 4L), (stats[0].RegistryParticipants, stats[0].RegistryMemberStates, stats[0].RegistryObserverParticipants));
    }
}
