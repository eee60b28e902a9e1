using System.Net;

using Grpc.Core;
using Grpc.Health.V1;

using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Faults.Tests.Support;

namespace Sesric.Analytics.Faults.Tests.Store;

[Trait("Category", "Fault")]
public sealed class FullDiskTests
{
    private static readonly QueryRequest Total = new() { Measures = { "participations" } };

    [RootFact]
    public async Task A_full_disk_stops_serving_with_resource_exhausted_naming_the_disk_and_serves_again_once_space_is_freed()
    {
        using var disk = Tmpfs.Mount(megabytes: 20);
        var path = Path.Combine(disk.Path, "analytics.duckdb");
        // A reopening delay long enough to observe the window in which the service does not serve.
        await using var host = await FaultHost.StartAsync(path, new Dictionary<string, string?> { ["Sesric:StoreReopenDelayMilliseconds"] = "3000" });
        var health = new Health.HealthClient(host.Channel);
        using var json = new HttpClient { BaseAddress = new Uri(host.JsonAddress) };
        json.DefaultRequestHeaders.Add("x-api-key", FaultHost.AdminKey);
        var before = (await host.Stats.QueryAsync(Total, FaultHost.Admin)).Rows[0].Cells[0].IntegerValue;
        var filler = disk.Fill(leaveBytes: 64 * 1024);

        var e = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(host, rows: 100_000));

        Assert.True(e.StatusCode is StatusCode.ResourceExhausted, $"{e.StatusCode}: {e.Status.Detail}\n{host.Log.Text}");
        Assert.Contains(disk.Path, e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("is full", e.Status.Detail, StringComparison.Ordinal);
        var whileFull = await health.CheckAsync(new HealthCheckRequest());
        // A question not asked before, so no cached answer can hide the store's state.
        var query = await Assert.ThrowsAsync<RpcException>(() => host.Stats.QueryAsync(new QueryRequest { Measures = { "participants" }, Dimensions = { "year" } }, FaultHost.Admin).ResponseAsync);
        var jsonWhileFull = await json.GetAsync("/v1/stats:query?measures=member_states");
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, whileFull.Status);
        Assert.True(query.StatusCode is StatusCode.ResourceExhausted or StatusCode.Unavailable, $"{query.StatusCode}: {query.Status.Detail}");
        Assert.True(jsonWhileFull.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable, $"JSON answered {jsonWhileFull.StatusCode}");

        File.Delete(filler);
        await WaitUntilServingAsync(health, TimeSpan.FromSeconds(30));
        var after = (await host.Stats.QueryAsync(new QueryRequest { Measures = { "participations" }, Dimensions = { "programme" } }, FaultHost.Admin)).Rows.Sum(r => r.Cells[1].IntegerValue);
        Assert.Equal(before, after);
        Assert.Equal(HttpStatusCode.OK, (await json.GetAsync("/v1/stats:query?measures=member_states")).StatusCode);
        Assert.DoesNotContain("failed unexpectedly", host.Log.Text, StringComparison.Ordinal);
    }

    internal static async Task ImportAsync(FaultHost host, int rows)
    {
        using var call = host.Ingest.ImportParticipations(FaultHost.Admin);
        const int PerMessage = 5_000;
        for (var start = 0; start < rows; start += PerMessage)
        {
            var message = new ImportParticipationsRequest();
            for (var i = start; i < start + PerMessage; i++)
            {
                message.Rows.Add(new ParticipationRow { ParticipantId = $"fill-{i:D7}", MemberState = "TUR", Edition = "programmes/diplomacy-cab/editions/6" });
            }
            await call.RequestStream.WriteAsync(message);
        }
        await call.RequestStream.CompleteAsync();
        await call.ResponseAsync;
    }

    private static async Task WaitUntilServingAsync(Health.HealthClient health, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while ((await health.CheckAsync(new HealthCheckRequest(), cancellationToken: deadline.Token)).Status != HealthCheckResponse.Types.ServingStatus.Serving)
        {
            await Task.Delay(100, deadline.Token);
        }
    }
}
