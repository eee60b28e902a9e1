using System.Diagnostics;

using Grpc.Health.V1;

using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Testing;

using Xunit.Abstractions;

using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Sesric.Analytics.Storage.Postgres.Tests.Replicas;

/// <summary>
/// A replica through a database outage of half a minute, with callers calling throughout. Slow (about a minute): besides
/// Category=Postgres it carries Category=Slow, so <c>dotnet test --filter "Category!=Slow"</c> leaves it out; CI runs it.
/// </summary>
[Trait("Category", "Postgres")]
[Trait("Category", "Slow")]
public sealed class OutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    /// <summary>How soon after the database is back the replica must serve again ("a few seconds").</summary>
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_replica_is_not_serving_through_a_30_second_outage_and_serves_again_within_seconds_without_a_restart()
    {
        // A cluster of its own: stopping the shared one would fail the other classes' tests.
        using var cluster = PostgresCluster.Start(durable: false);
        var address = cluster.CreateDatabase("outage");
        await using var replica = await ReplicaHost.StartAsync(address);
        var health = new Health.HealthClient(replica.Channel);
        var stats = new StatsService.StatsServiceClient(replica.Channel);
        var query = new QueryRequest { Measures = { "participants" }, Dimensions = { "gender" }, Policy = DisclosurePolicy.Internal };
        var before = (await stats.QueryAsync(query, replica.Headers)).Rows.ToString();
        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);

        cluster.Stop();
        var down = Stopwatch.StartNew();
        var seen = new List<(TimeSpan At, ServingStatus Status)>();
        while (down.Elapsed < Outage)
        {
            seen.Add((down.Elapsed, (await health.CheckAsync(new HealthCheckRequest())).Status));
            // Callers keep calling through the outage, as a balancer's clients do: each a query not in the result cache, refused.
            var uncached = new QueryRequest(query) { Filter = $"year >= {1900 + seen.Count}" };
            var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => stats.QueryAsync(uncached, replica.Headers).ResponseAsync);
            Assert.Equal(Grpc.Core.StatusCode.Unavailable, refused.StatusCode);
            await Task.Delay(500);
        }
        // pg_ctl stop -m fast returns once the server is down, so every check during the outage must say so.
        Assert.All(seen, s => Assert.True(s.Status == ServingStatus.NotServing, $"health said {s.Status} {s.At.TotalSeconds:F1} s into the outage"));

        cluster.Restart();
        var back = Stopwatch.StartNew();
        var status = ServingStatus.Unknown;
        while (back.Elapsed < Recovery + TimeSpan.FromSeconds(60) && (status = (await health.CheckAsync(new HealthCheckRequest())).Status) != ServingStatus.Serving)
        {
            await Task.Delay(100);
        }
        var recovered = back.Elapsed;
        output.WriteLine($"serving again {recovered.TotalSeconds:F2} s after pg_ctl start returned; {seen.Count} health checks and refused calls during the outage");
        Assert.Equal(ServingStatus.Serving, status);
        Assert.True(recovered < Recovery, $"the replica served again {recovered.TotalSeconds:F1} s after the database was back (limit {Recovery.TotalSeconds} s)");
        Assert.Equal(before, (await stats.QueryAsync(query, replica.Headers)).Rows.ToString());
    }
}
