using Sesric.Analytics.Application.Statistics;
using Sesric.Analytics.Application.Tests.Support;
using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Application.Tests.Statistics;

public sealed class CachingStatisticsEngineTests
{
    private static readonly SemanticQuery Total = SemanticQuery.Of("participations").WithPolicy(DisclosurePolicy.Internal);

    [Fact]
    public async Task A_repeated_query_is_served_from_memory_while_the_data_is_unchanged()
    {
        await using var seeded = await SeededStore.CreateAsync();
        var engine = Engine(seeded, cacheEntries: 16);

        var first = await engine.ExecuteAsync(Total);
        var second = await engine.ExecuteAsync(Total);

        Assert.Same(first, second);
    }

    [Fact]
    public async Task A_write_through_the_store_makes_the_next_answer_new_without_anyone_saying_so()
    {
        await using var seeded = await SeededStore.CreateAsync();
        var engine = Engine(seeded, cacheEntries: 16);
        var before = Value(await engine.ExecuteAsync(Total));

        var catalogue = await seeded.Store.LoadCatalogueAsync();
        var country = catalogue.Countries.First(c => c.Kind == CountryKind.Member);
        var rows = Enumerable.Range(0, 4).Select(i => catalogue.CreateParticipation(
            catalogue.CreateParticipant(ParticipantId.Parse($"cache-test-{i}"), country.Code, Gender.Male, null, false),
            catalogue.Editions[^1].Id, AttendanceStatus.Attended, false)).ToList();
        await seeded.Store.ImportParticipationsAsync(rows, ImportRequest.Default);

        Assert.Equal(before + 4, Value(await engine.ExecuteAsync(Total)));
    }

    [Fact]
    public async Task With_the_cache_off_every_query_runs_again()
    {
        await using var seeded = await SeededStore.CreateAsync();
        var engine = Engine(seeded, cacheEntries: 0);

        var first = await engine.ExecuteAsync(Total);
        var second = await engine.ExecuteAsync(Total);

        Assert.NotSame(first, second);
        Assert.Equal(Value(first), Value(second));
    }

    private static CachingStatisticsEngine Engine(SeededStore seeded, int cacheEntries) =>
        new(new SemanticStatisticsEngine(seeded, SemanticModel.Default), seeded.Version, new QueryRunnerOptions(cacheEntries, MaxConcurrentQueries: 2));

    private static double Value(ResultTable table) => table.Rows[0][table.IndexOf("participations")].AsDouble() ?? double.NaN;
}
