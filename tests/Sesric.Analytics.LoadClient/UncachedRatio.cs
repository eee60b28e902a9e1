using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;

using Google.Protobuf;

using Microsoft.Extensions.DependencyInjection;

using Sesric.Analytics.Api.Mapping;
using Sesric.Analytics.Application.Statistics;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.LoadClient;

/// <summary>
/// Issue 18's target on the large store, alone and robustly: the uncached gRPC Query's p50 at concurrency 1 held
/// against the same question asked of the engine in this process, on one server over a synthetic store (1M rows by
/// default). Three paths alternate within each round (order reversed every other round, so drift hits them alike): the
/// gRPC call; the service's own statistics engine called in-process with the query the service builds (gate, options
/// and model as the service has them, no transport); and a bare <see cref="QueryEngine"/> on the store (what the load
/// run's "engine in-process" line measures). The report gives each round, the ratios paired by round with their median
/// and range, and a breakdown of one call into layers: the engine's spans (plan, SQL, assembly, disclosure), the server's
/// request span, and the mapping, serialising and gzip of the response timed on their own.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project tests/Sesric.Analytics.LoadClient -- --uncached-ratio [--rows N] [--rounds R] [--seconds S]</c>.</remarks>
internal static class UncachedRatio
{
    private const string Grpc = "gRPC Query";
    private const string Service = "service engine in-process";
    private const string Bare = "bare engine in-process";

    public static async Task<List<string>> MeasureAsync(long rows, int rounds, int callsPerBlock, string? dimensions)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sesric-load", Guid.NewGuid().ToString("N"))).FullName;
        var dims = (dimensions ?? "year,oic_group").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var lines = new List<string>();
        try
        {
            var path = Path.Combine(folder, "scale.duckdb");
            var load = Stopwatch.StartNew();
            await using (var store = await DuckDbAnalyticsStore.OpenAsync(path))
            {
                await SyntheticData.ImportAsync(store, rows);
            }
            Console.WriteLine($"generated and imported {rows:N0} synthetic participations in {load.Elapsed.TotalSeconds:F1} s");
            lines.Add($"Uncached Query against the engine in-process {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {rows:N0} synthetic rows, server and client in one process, "
                + $"loopback h2c, concurrency 1; {rounds} rounds, each a block of {callsPerBlock} calls per path (the first of each block not counted), the paths in turn (A B C, then C B A); load average at start {LoadAverage()}.");
            lines.Add($"Query: measures participants, member_states, female_share; dimensions {string.Join(", ", dims)}; filter year >= 2015; policy public; result cache off.");
            lines.Add("");

            await using var server = await InProcessServer.StartAsync(path, seed: false, cache: false);
            using var channel = DashboardQuery.Channel(server.Address);
            var stats = new StatsService.StatsServiceClient(channel);
            var headers = DashboardQuery.ReaderHeaders();
            var request = DashboardQuery.Request(dims);
            // The query as StatsGrpcService builds it (page size 1000, public policy) for the service's engine; the bare
            // engine gets the query the load run's in-process line asks.
            var serviceQuery = SemanticQuery.FromText(request.Measures, request.Dimensions, request.Filter, limit: 1000, offset: 0, policy: Semantic.DisclosurePolicy.PublicDefault);
            var bareQuery = DashboardQuery.InProcess(dims);
            var serviceEngine = server.Services.GetRequiredService<IStatisticsEngine>();
            var bareEngine = new QueryEngine(server.Store);

            var sample = await stats.QueryAsync(request, headers);
            Console.WriteLine($"the query returns {sample.Rows.Count} rows over {sample.Columns.Count} columns, {sample.CalculateSize():N0} bytes");
            var paths = new (string Name, Func<Task> Call)[]
            {
                (Grpc, async () => await stats.QueryAsync(request, headers)),
                (Service, async () => await serviceEngine.ExecuteAsync(serviceQuery)),
                (Bare, async () => await bareEngine.ExecuteAsync(bareQuery)),
            };
            var (table, summary) = await CompareAsync(paths, rounds, callsPerBlock);
            lines.AddRange(table);
            lines.Add("");
            lines.AddRange(summary);
            lines.Add("");
            lines.AddRange(await BreakdownAsync(paths, sample, await serviceEngine.ExecuteAsync(serviceQuery)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        lines.Add($"Load average at the end (1/5/15 min): {LoadAverage()} (other work shares the cores).");
        return lines;
    }

    /// <summary>
    /// Runs <paramref name="paths"/> (the first is held against each of the others) in <paramref name="rounds"/> rounds, each a
    /// block of <paramref name="callsPerBlock"/> sequential calls per path, in turn (A B C, then C B A); returns the rounds as
    /// a table, and per other path the first's p50 divided by its p50 paired by round (median, middle half and range) with the
    /// same for CPU per call.
    /// </summary>
    /// <remarks>Blocks rather than single calls, so that what a path leaves behind (a thread still spinning, garbage) weighs on
    /// its own next call; short blocks rather than seconds-long phases, so that the shared machine's drift hits every path alike.</remarks>
    public static async Task<(List<string> Table, List<string> Summary)> CompareAsync((string Name, Func<Task> Call)[] paths, int rounds, int callsPerBlock)
    {
        // Warm every path (JIT, DuckDB's caches, the connection) before anything counts.
        foreach (var (_, call) in paths)
        {
            for (var i = 0; i < 3; i++)
            {
                await call();
            }
        }
        var table = new List<string> { "| round | path | calls | p50 ms | max ms | CPU ms per call |", "|---:|---|---:|---:|---:|---:|" };
        var p50 = paths.ToDictionary(p => p.Name, _ => new List<double>());
        var cpu = paths.ToDictionary(p => p.Name, _ => new List<double>());
        for (var round = 1; round <= rounds; round++)
        {
            var order = round % 2 == 1 ? paths : [.. paths.Reverse()];
            foreach (var (name, call) in order)
            {
                var (times, cpuMs) = await BlockAsync(call, callsPerBlock);
                p50[name].Add(Median(times));
                cpu[name].Add(cpuMs);
                var line = string.Create(CultureInfo.InvariantCulture, $"| {round} | {name} | {times.Count} | {Median(times):F2} | {times.Max():F2} | {cpuMs:F2} |");
                Console.WriteLine(line);
                table.Add(line);
            }
        }
        var first = paths[0].Name;
        var summary = new List<string>();
        foreach (var (against, _) in paths.Skip(1))
        {
            var ratios = Paired(p50[first], p50[against]);
            var cpuRatios = Paired(cpu[first], cpu[against]);
            summary.Add(string.Create(CultureInfo.InvariantCulture,
                $"{first} p50 ÷ {against} p50, paired by round ({rounds} rounds of {callsPerBlock} calls): median {Median(ratios):F2}× (middle half {Quartile(ratios, 1):F2} to {Quartile(ratios, 3):F2}×, rounds {ratios[0]:F2} to {ratios[^1]:F2}×); "
                + $"CPU per call {Median(cpuRatios):F2}× (middle half {Quartile(cpuRatios, 1):F2} to {Quartile(cpuRatios, 3):F2}×)."));
        }
        summary.Add(string.Create(CultureInfo.InvariantCulture,
            $"Median of the rounds' p50: {string.Join(", ", paths.Select(p => $"{p.Name} {Median(p50[p.Name]):F2} ms"))}. Target (issue 18): the uncached gRPC Query within 1.3× of the engine in-process."));
        return (table, summary);
    }

    /// <summary>
    /// One call of each path taken apart: every span recorded (a listener that samples all of them, for this phase only),
    /// the paths called in turn (A B C, C B A, ...) so that drift hits them alike, and medians by span (named by its chain
    /// of parents) over the calls; then the response's mapping, serialising, gzip and parsing timed alone.
    /// </summary>
    private static async Task<List<string>> BreakdownAsync((string Name, Func<Task> Call)[] paths, QueryResponse sample, ResultTable table)
    {
        const int calls = 40;
        var lines = new List<string>
        {
            $"Layers of one call (median over {calls} calls per path, the paths in turn, every span recorded for this phase only; a span's name follows its parents'):",
            "",
            "| path | layer | median ms |",
            "|---|---|---:|",
        };
        var spans = new System.Collections.Concurrent.ConcurrentQueue<(string Name, bool Root, double Ms, string? Sql)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Sesric.Analytics" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                var name = activity.OperationName;
                for (var parent = activity.Parent; parent is not null; parent = parent.Parent)
                {
                    name = parent.OperationName + " > " + name;
                }
                spans.Enqueue((name, activity.Parent is null, activity.Duration.TotalMilliseconds, activity.GetTagItem("db.query.text") as string));
            },
        };
        ActivitySource.AddActivityListener(listener);
        var byPath = paths.ToDictionary(p => p.Name, _ => new List<(string Name, bool Root, double Ms, string? Sql)>());
        var totals = paths.ToDictionary(p => p.Name, _ => new List<double>());
        var outsideServer = new List<double>();
        var outsideEngine = new List<double>();
        foreach (var (_, call) in paths)
        {
            await call(); // warm the recorded path
        }
        await Task.Delay(100);
        spans.Clear();
        for (var i = 0; i < calls; i++)
        {
            foreach (var (name, call) in i % 2 == 0 ? paths : [.. paths.Reverse()])
            {
                var t0 = Stopwatch.GetTimestamp();
                await call();
                totals[name].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                // The server's request span may stop just after the caller has its answer: wait for the root span.
                var waited = Stopwatch.StartNew();
                while (!spans.Any(s => s.Root) && waited.ElapsedMilliseconds < 200)
                {
                    await Task.Delay(1);
                }
                var callSpans = new List<(string Name, bool Root, double Ms, string? Sql)>();
                while (spans.TryDequeue(out var span))
                {
                    callSpans.Add(span);
                }
                byPath[name].AddRange(callSpans);
                // Per call, the time outside the server's request span (client, HTTP/2 on loopback) and inside it but
                // outside the engine's span (middleware, interceptors, mapping, serialising, gzip).
                var root = callSpans.FirstOrDefault(s => s.Root);
                var query = callSpans.FirstOrDefault(s => s.Name.EndsWith("sesric.query", StringComparison.Ordinal));
                if (root.Name is not null && query.Name is not null && !ReferenceEquals(root.Name, query.Name))
                {
                    outsideServer.Add(totals[name][^1] - root.Ms);
                    outsideEngine.Add(root.Ms - query.Ms);
                }
            }
        }
        foreach (var (name, _) in paths)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"| {name} | whole call, as the caller sees it | {Median(totals[name]):F2} |"));
            foreach (var group in byPath[name].GroupBy(s => s.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var each = group.Select(s => s.Ms).ToList();
                var perCall = each.Count != calls ? $" ({each.Count / (double)calls:F1} per call)" : "";
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"| {name} | {group.Key}{perCall} | {Median(each):F2} |"));
            }
        }
        if (outsideServer.Count > 0)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"| {paths[0].Name} | per call: outside the server's request span (client, loopback HTTP/2) | {Median(outsideServer):F2} |"));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"| {paths[0].Name} | per call: in the request span, outside the engine's (middleware, interceptors, mapping, serialising, gzip) | {Median(outsideEngine):F2} |"));
        }
        // Whether every path ran the same statement (a difference there would explain a difference in time).
        var statements = paths.Select(p => string.Join(" ; ", byPath[p.Name].Where(s => s.Sql is not null).Select(s => s.Sql).Distinct())).ToList();
        lines.Add("");
        lines.Add(statements.Distinct().Count() == 1
            ? $"Every path ran the same statement ({statements[0].Length:N0} characters)."
            : "The paths ran different statements: " + string.Join(" | ", paths.Select((p, i) => $"{p.Name}: {statements[i]}")));
        lines.Add("");
        lines.Add("| response (alone) | step | median ms |");
        lines.Add("|---|---|---:|");
        // The response's own costs, each alone: building the message from the table (the service's mapping), its bytes,
        // gzip at the service's level (Fastest) and parsing on the client.
        var bytes = sample.ToByteArray();
        var gzipped = Gzip(bytes);
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"| response | map the table to the message | {Time(() => Map(table).Rows.Count):F3} |"));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"| response | serialise ({bytes.Length:N0} bytes) | {Time(() => sample.ToByteArray().Length):F3} |"));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"| response | gzip Fastest (to {gzipped.Length:N0} bytes) | {Time(() => Gzip(bytes).Length):F3} |"));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"| response | parse on the client | {Time(() => QueryResponse.Parser.ParseFrom(bytes).Rows.Count):F3} |"));
        return lines;
    }

    /// <summary>The message StatsGrpcService builds from a table (first page, no token).</summary>
    private static QueryResponse Map(ResultTable table)
    {
        var response = new QueryResponse { Metadata = ResultMapper.Metadata(table.Metadata) };
        response.Columns.AddRange(ResultMapper.Columns(table));
        response.Rows.AddRange(ResultMapper.Rows(table, 0, 1000));
        return response;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }
        return output.ToArray();
    }

    /// <summary>Median milliseconds of <paramref name="work"/> over 200 runs (after 20 to warm up).</summary>
    private static double Time(Func<int> work)
    {
        for (var i = 0; i < 20; i++)
        {
            work();
        }
        var times = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            work();
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        return Median(times);
    }

    /// <summary>
    /// <paramref name="calls"/> sequential calls: the latency of each but the first (which pays for whatever the previous
    /// block left behind) and the CPU time of this process (server, client and DuckDB's threads) per counted call.
    /// </summary>
    private static async Task<(List<double> Times, double CpuMsPerCall)> BlockAsync(Func<Task> call, int calls)
    {
        await call();
        var times = new List<double>(calls);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        for (var i = 1; i < calls; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            await call();
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        return (times, (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / times.Count);
    }

    /// <summary>The lower (1) or upper (3) quartile of sorted <paramref name="sorted"/>.</summary>
    private static double Quartile(List<double> sorted, int quartile) =>
        sorted[Math.Clamp((int)Math.Round((sorted.Count - 1) * quartile / 4.0), 0, sorted.Count - 1)];

    private static List<double> Paired(List<double> a, List<double> b) => [.. a.Zip(b, (x, y) => x / y).Order()];

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Trim();
}
