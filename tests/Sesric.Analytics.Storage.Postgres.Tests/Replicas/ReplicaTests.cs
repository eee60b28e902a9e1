using System.Diagnostics;

using Grpc.Health.V1;

using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Model;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.Postgres.Tests.Replicas;

/// <summary>Two service replicas over one real PostgreSQL database.</summary>
[Trait("Category", "Postgres")]
public sealed class ReplicaTests
{
    [Fact]
    public async Task A_write_through_one_replica_reaches_the_other_replicas_cached_answer_within_one_second()
    {
        var address = PostgresCluster.Shared.CreateUniqueDatabase("replicas");
        await using var a = await ReplicaHost.StartAsync(address);
        await using var b = await ReplicaHost.StartAsync(address);
        var query = new QueryRequest { Measures = { "participations" }, Policy = DisclosurePolicy.Internal };
        var stats = new StatsService.StatsServiceClient(b.Channel);
        var before = await TotalAsync(stats, query, b);
        // Asked twice: the second answer comes from B's result cache.
        Assert.Equal(before, await TotalAsync(stats, query, b));

        var catalogue = await a.Store.GetCatalogueAsync(CancellationToken.None);
        var edition = catalogue.Editions[^1];
        var country = catalogue.Countries.First(c => c.Kind == Model.CountryKind.Member);
        var rows = Enumerable.Range(0, 3).Select(i => catalogue.CreateParticipation(
            catalogue.CreateParticipant(ParticipantId.Parse($"replica-test-{i}"), country.Code, Model.Gender.Female, null, false),
            edition.Id, Model.AttendanceStatus.Attended, false)).ToList();
        await a.Store.Store.ImportParticipationsAsync(rows, Storage.ImportRequest.Default);

        var clock = Stopwatch.StartNew();
        long now;
        do
        {
            now = await TotalAsync(stats, query, b);
        }
        while (now == before && clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(before + 3, now);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"replica B answered the new value after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Health_is_not_serving_while_the_database_is_down_and_serving_again_by_itself_when_it_returns()
    {
        // A cluster of its own: stopping the shared one would fail the other classes' tests.
        using var cluster = PostgresCluster.Start(durable: false);
        var address = cluster.CreateDatabase("health");
        await using var replica = await ReplicaHost.StartAsync(address);
        var health = new Health.HealthClient(replica.Channel);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);

        cluster.Stop();
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, await StatusWithinAsync(health, HealthCheckResponse.Types.ServingStatus.NotServing, TimeSpan.FromSeconds(10)));
        var stats = new StatsService.StatsServiceClient(replica.Channel);
        var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(
            () => stats.QueryAsync(new QueryRequest { Measures = { "participants" }, Dimensions = { "gender" } }, replica.Headers).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.Unavailable, refused.StatusCode);

        cluster.Restart();
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await StatusWithinAsync(health, HealthCheckResponse.Types.ServingStatus.Serving, TimeSpan.FromSeconds(60)));
        Assert.NotEmpty((await stats.QueryAsync(new QueryRequest { Measures = { "participants" }, Dimensions = { "gender" } }, replica.Headers)).Rows);
    }

    private static async Task<HealthCheckResponse.Types.ServingStatus> StatusWithinAsync(Health.HealthClient health, HealthCheckResponse.Types.ServingStatus wanted, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var status = (await health.CheckAsync(new HealthCheckRequest())).Status;
            if (status == wanted || clock.Elapsed > limit)
            {
                return status;
            }
            await Task.Delay(100);
        }
    }

    private static async Task<long> TotalAsync(StatsService.StatsServiceClient stats, QueryRequest query, ReplicaHost host)
    {
        var response = await stats.QueryAsync(query, host.Headers);
        return response.Rows.Single().Cells[0].IntegerValue;
    }
}
