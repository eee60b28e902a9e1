using System.Diagnostics;
using System.Globalization;

using Grpc.Core;
using Grpc.Net.Client;

using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Storage.Postgres;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.LoadClient;

/// <summary>
/// Issue 16's replica figures (<c>--replicas</c>): two service replicas on real Kestrel ports over one PostgreSQL 15
/// database that this run starts (durable settings). StatsService.Query throughput with the result cache on and off,
/// sent to one replica and then spread over both (round robin per call, as the deploy folder's Envoy does); and the
/// time from an import through replica A (its answer, after the commit) to replica B answering the new value from
/// its cached query.
/// </summary>
/// <remarks>Both replicas, the client and PostgreSQL share this machine's cores, so a second replica adds no CPU: the
/// figures show what a second process costs or gains here, not what a second machine would.</remarks>
internal static class ReplicaFigures
{
    private const int WriteProbes = 15;

    public static async Task<List<string>> MeasureAsync(long rows, TimeSpan phase, int[] concurrencies)
    {
        var lines = new List<string>();
        using var cluster = PostgresCluster.Start(durable: true);
        var address = cluster.CreateDatabase("replica_figures");
        var data = rows > 0 ? $"{rows:N0} synthetic participations" : "the built-in data";
        if (rows > 0)
        {
            var load = Stopwatch.StartNew();
            await using (var store = await PostgresAnalyticsStore.OpenAsync(address))
            {
                await SyntheticData.ImportAsync(store, rows);
            }
            Console.WriteLine($"imported {rows:N0} synthetic participations into PostgreSQL in {load.Elapsed.TotalSeconds:F1} s");
        }
        else
        {
            // The first replica seeds the built-in data; the others open what it wrote.
            await using (await InProcessServer.StartAsync(address, seed: true, cache: true))
            {
            }
        }

        lines.Add($"Replica figures {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores shared by PostgreSQL 15 (durable settings, port {cluster.Port}), "
            + $"both replicas (in this process, each on its own Kestrel port) and the client; {data}; {phase.TotalSeconds:F0} s per phase after 1 s warm-up.");
        lines.Add("");
        lines.Add("| Query | replicas | concurrency | calls | errors | calls/s | p50 ms | p99 ms |");
        lines.Add("|---|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
        foreach (var cache in new[] { true, false })
        {
            await using var a = await InProcessServer.StartAsync(address, seed: false, cache);
            await using var b = await InProcessServer.StartAsync(address, seed: false, cache);
            using var channelA = Channel(a);
            using var channelB = Channel(b);
            StatsService.StatsServiceClient[] both = [new(channelA), new(channelB)];
            foreach (var concurrency in concurrencies)
            {
                foreach (var replicas in new[] { 1, 2 })
                {
                    long next = 0;
                    var f = await LoadRun.MeasureAsync(
                        async () =>
                        {
                            var client = both[replicas == 1 ? 0 : (int)(Interlocked.Increment(ref next) % 2)];
                            await client.QueryAsync(DashboardQuery.Request(), ReaderHeaders);
                        },
                        concurrency, phase, 50_000, TimeSpan.FromSeconds(1));
                    var line = string.Create(CultureInfo.InvariantCulture,
                        $"| {(cache ? "cached" : "uncached")} | {replicas} | {concurrency} | {f.Calls:N0} | {f.Errors}{(f.Errors > 0 ? " (" + f.ErrorCodes + ")" : "")} | {f.Throughput:N0} | {f.P50Ms:F2} | {f.P99Ms:F2} |");
                    Console.WriteLine(line);
                    lines.Add(line);
                }
            }
            if (cache)
            {
                lines.Add("");
                lines.AddRange(await WriteToVisibleAsync(channelA, both[1]));
                lines.Add("");
                lines.Add("| Query | replicas | concurrency | calls | errors | calls/s | p50 ms | p99 ms |");
                lines.Add("|---|---:|---:|---:|---:|---:|---:|---:|");
            }
        }
        lines.Add("");
        lines.Add($"Machine load average at the end (1/5/15 min): {File.ReadAllText("/proc/loadavg").Trim()}.");
        lines.Add(DashboardQuery.Description);
        return lines;
    }

    /// <summary>
    /// Imports one new participation through replica A, <see cref="WriteProbes"/> times, and each time polls replica
    /// B's cached Query (which answered the old total just before) until it answers the new total.
    /// </summary>
    private static async Task<List<string>> WriteToVisibleAsync(GrpcChannel channelA, StatsService.StatsServiceClient statsB)
    {
        var query = new QueryRequest { Measures = { "participations" } };
        var afterCommit = new List<double>();
        var afterSend = new List<double>();
        var ingestA = new IngestService.IngestServiceClient(channelA);
        var edition = await AnEditionAsync(new CatalogService.CatalogServiceClient(channelA));
        for (var probe = 0; probe < WriteProbes; probe++)
        {
            var before = await TotalAsync(statsB, query);
            // Asked again: this answer comes from B's result cache, the one A's write must empty.
            if (await TotalAsync(statsB, query) != before)
            {
                throw new InvalidOperationException("replica B's total changed with no write");
            }
            var sent = Stopwatch.StartNew();
            using (var call = ingestA.ImportParticipations(AdminHeaders))
            {
                await call.RequestStream.WriteAsync(new ImportParticipationsRequest
                {
                    RequestId = $"replica-figures-{Guid.NewGuid():N}",
                    Rows =
                    {
                        new ParticipationRow
                        {
                            ParticipantId = $"replica-figure-{probe}-{Guid.NewGuid():N}"[..40],
                            MemberState = "TUR",
                            Edition = edition,
                            Gender = Gender.Female,
                            AttendanceStatus = AttendanceStatus.Attended,
                        },
                    },
                });
                await call.RequestStream.CompleteAsync();
                var answer = await call.ResponseAsync;
                if (answer.ParticipationsInserted != 1)
                {
                    throw new InvalidOperationException($"the import through replica A inserted {answer.ParticipationsInserted} rows, not 1");
                }
            }
            var committed = sent.Elapsed;
            var deadline = TimeSpan.FromSeconds(10);
            while (await TotalAsync(statsB, query) == before)
            {
                if (sent.Elapsed > deadline)
                {
                    throw new InvalidOperationException($"replica B still answered the old total {deadline.TotalSeconds:F0} s after the write through A");
                }
                await Task.Delay(2);
            }
            afterSend.Add(sent.Elapsed.TotalMilliseconds);
            afterCommit.Add((sent.Elapsed - committed).TotalMilliseconds);
        }
        return
        [
            string.Create(CultureInfo.InvariantCulture,
                $"Write on replica A to the new value on replica B ({WriteProbes} one-row imports through A's IngestService, B's cached Query polled every 2 ms): "
                + $"after A answered (committed) median {Median(afterCommit):F1} ms, max {afterCommit.Max():F1} ms; "
                + $"from sending the import median {Median(afterSend):F1} ms, max {afterSend.Max():F1} ms."),
        ];
    }

    /// <summary>The resource name of an edition in the catalogue (the probes write there).</summary>
    private static async Task<string> AnEditionAsync(CatalogService.CatalogServiceClient catalog)
    {
        var page = await catalog.ListEditionsAsync(new ListEditionsRequest { Parent = "programmes/-", PageSize = 1 }, AdminHeaders);
        return page.Editions.Single().Name;
    }

    private static async Task<long> TotalAsync(StatsService.StatsServiceClient stats, QueryRequest query) =>
        (await stats.QueryAsync(query, AdminHeaders)).Rows.Single().Cells[0].IntegerValue;

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static GrpcChannel Channel(InProcessServer server) => DashboardQuery.Channel(server.Address);

    private static Metadata ReaderHeaders => new() { { "x-api-key", InProcessServer.ReaderKey } };

    private static Metadata AdminHeaders => new() { { "x-api-key", InProcessServer.AdminKey } };

}
