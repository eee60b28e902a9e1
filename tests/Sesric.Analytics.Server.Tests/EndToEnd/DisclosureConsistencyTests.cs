using Grpc.Core;

using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Dataset;
using Sesric.Analytics.Server.Tests.Infrastructure;
using Sesric.Analytics.Storage;
using Sesric.Analytics.Storage.DuckDb;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>
/// One cell of the public policy, asked over gRPC in several ways and again after the service restarts, on a store
/// whose record keys were drawn at random by its own import (not derived): the value lives in the store, not in the process.
/// </summary>
public sealed class DisclosureConsistencyTests : IDisposable
{
    private static readonly Metadata Reader = TestKeys.Headers(TestKeys.Reader);
    private readonly TempFolder _folder = new("disclosure");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_cell_has_one_public_value_across_queries_pages_streams_and_restarts()
    {
        var path = _folder.File("random-keys.duckdb");
        var data = ScaleGenerator.Generate(new ScaleOptions(3_000, Seed: 5, Programmes: 2, EditionsPerProgramme: 4));
        await using (var store = await DuckDbAnalyticsStore.OpenAsync(path))
        {
            await store.UpsertProgrammesAsync(data.Catalogue.Programmes.ToArray());
            await store.UpsertCountriesAsync(data.Catalogue.Countries.ToArray());
            await store.UpsertEditionsAsync(data.Catalogue.Editions.ToArray());
            // Without their generated keys, so the store draws random ones.
            var unkeyed = data.Participations.Select(p => data.Catalogue.CreateParticipation(
                data.Catalogue.CreateParticipant(p.Participant.Id, p.Participant.Country, p.Participant.Gender, p.Participant.InstitutionType, p.Participant.IsSynthetic),
                p.Edition, p.Status, p.IsSynthetic));
            await store.ImportParticipationsAsync(unkeyed, ImportRequest.Default);
        }
        var settings = new Dictionary<string, string?> { ["Sesric:DatabasePath"] = path };

        Dictionary<string, long> first;
        await using (var host = await ServiceHost.StartInMemoryAsync(settings))
        {
            first = await CellsAsync(host.Stats);
            Assert.Contains(first.Values, v => v is 0 or >= 3);
            foreach (var (cell, value) in first.Take(15))
            {
                var parts = cell.Split('|');
                var filtered = await host.Stats.QueryAsync(new QueryRequest
                {
                    Measures = { "participants" },
                    Filter = $"edition = \"{parts[0]}\" AND member_state = \"{parts[1]}\" AND gender = \"{parts[2]}\"",
                }, Reader);
                Assert.Equal(value, Assert.Single(filtered.Rows).Cells[0].IntegerValue);

                using var stream = host.Stats.StreamQuery(new StreamQueryRequest
                {
                    Measures = { "participants" },
                    Dimensions = { "gender" },
                    Filter = $"edition = \"{parts[0]}\" AND member_state = \"{parts[1]}\"",
                    BatchSize = 1,
                }, Reader);
                var streamed = new List<ResultRow>();
                await foreach (var message in stream.ResponseStream.ReadAllAsync())
                {
                    streamed.AddRange(message.Rows);
                }
                Assert.Equal(value, streamed.Single(r => r.Cells[0].StringValue == parts[2]).Cells[1].IntegerValue);
            }
        }

        await using (var again = await ServiceHost.StartInMemoryAsync(settings))
        {
            Assert.Equal(first, await CellsAsync(again.Stats));
        }
    }

    private static async Task<Dictionary<string, long>> CellsAsync(StatsService.StatsServiceClient stats)
    {
        var cells = new Dictionary<string, long>();
        var request = new QueryRequest { Measures = { "participants" }, Dimensions = { "edition", "member_state", "gender" }, OrderBy = "participants desc", PageSize = 50 };
        do
        {
            var page = await stats.QueryAsync(request, Reader);
            foreach (var row in page.Rows)
            {
                cells[$"{row.Cells[0].StringValue}|{row.Cells[1].StringValue}|{row.Cells[2].StringValue}"] = row.Cells[3].IntegerValue;
            }
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken != "");
        return cells;
    }
}
