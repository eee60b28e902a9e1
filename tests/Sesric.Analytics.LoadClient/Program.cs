using System.Diagnostics;
using System.Globalization;

using DuckDB.NET.Data;

using Grpc.Health.V1;

using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.LoadClient;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Storage.DuckDb;

// Load client: starts the service in this process on real Kestrel (127.0.0.1, free port), then measures
// StatsService.Query (a dashboard aggregate) beside grpc.health.v1 Check at concurrency 1, 16 and 64,
// first on the built-in dataset, then on synthetic participations (default 1,000,000).
// Usage: dotnet run -c Release --project tests/Sesric.Analytics.LoadClient -- [--rows N] [--seconds S] [--out FILE]
//        ... -- --telemetry-cost [--rounds R] [--seconds S] [--cache]: Query throughput with telemetry on and off, same run
//        (--cache: the cached Query only).
// --hotpath [--rounds R] [--seconds S] [--cache]: issue 18's per-call target alone: uncached (or cached) Query against
// health Check at concurrency 16, paired by round, with CPU and bytes allocated per call.
// --uncached-ratio [--rows N] [--rounds R] [--dimensions a,b]: issue 18's 1M-row target alone: the uncached gRPC
// Query's p50 against the engine in-process, alternating by round, with a breakdown of one call into layers.
// --tls instead measures the service's own TLS against h2c (new connections, and calls on an open connection).
// --replicas [--rows N] [--seconds S]: two replicas over one PostgreSQL this run starts (issue 16's figures): Query
// throughput cached and uncached with one and two replicas, and the time from a write on A to the new value on B.
var rows = 1_000_000L;
var seconds = 4.0;
var rounds = 3;
var telemetryCost = false;
string? outFile = null;
var tlsOnly = false;
var replicas = false;
var rowsGiven = false;
var hotPath = false;
var cached = false;
var uncachedRatio = false;
var roundsGiven = false;
string? dimensions = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--rows": rows = long.Parse(args[++i], CultureInfo.InvariantCulture); rowsGiven = true; break;
        case "--replicas": replicas = true; break;
        case "--seconds": seconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--out": outFile = args[++i]; break;
        case "--telemetry-cost": telemetryCost = true; break;
        case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); roundsGiven = true; break;
        case "--tls": tlsOnly = true; break;
        case "--hotpath": hotPath = true; break;
        case "--cache": cached = true; break;
        case "--uncached-ratio": uncachedRatio = true; break;
        case "--dimensions": dimensions = args[++i]; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}; use --rows N, --seconds S, --out FILE, --telemetry-cost [--rounds R] [--cache], --hotpath [--rounds R] [--cache], --uncached-ratio [--rows N] [--rounds R] [--dimensions a,b], --tls, --replicas"); return 2;
    }
}
if (replicas)
{
    // The built-in data unless --rows says otherwise: an uncached Query over 1M rows on PostgreSQL takes a quarter to
    // half a second, which leaves few calls to count in a phase.
    var replicaLines = await ReplicaFigures.MeasureAsync(rowsGiven ? rows : 0, TimeSpan.FromSeconds(seconds), [16]);
    foreach (var line in replicaLines)
    {
        Console.WriteLine(line);
    }
    if (outFile is not null)
    {
        await File.WriteAllLinesAsync(outFile, replicaLines);
    }
    return 0;
}
if (hotPath)
{
    var hotLines = await HotPathCost.MeasureAsync(rounds, TimeSpan.FromSeconds(seconds), cached);
    foreach (var line in hotLines)
    {
        Console.WriteLine(line);
    }
    if (outFile is not null)
    {
        await File.WriteAllLinesAsync(outFile, hotLines);
    }
    return 0;
}
if (uncachedRatio)
{
    var ratioLines = await UncachedRatio.MeasureAsync(rows, roundsGiven ? rounds : 12, callsPerBlock: 8, dimensions);
    foreach (var line in ratioLines)
    {
        Console.WriteLine(line);
    }
    if (outFile is not null)
    {
        await File.WriteAllLinesAsync(outFile, ratioLines);
    }
    return 0;
}
if (telemetryCost)
{
    var costLines = await TelemetryCost.MeasureAsync(rounds, TimeSpan.FromSeconds(seconds), cachedOnly: cached);
    foreach (var line in costLines)
    {
        Console.WriteLine(line);
    }
    if (outFile is not null)
    {
        await File.WriteAllLinesAsync(outFile, costLines);
    }
    return 0;
}

var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sesric-load", Guid.NewGuid().ToString("N"))).FullName;
if (tlsOnly)
{
    // --tls: the cost of the service's own TLS against h2c, on the built-in dataset.
    try
    {
        var tlsLines = await TlsCost.MeasureAsync(folder, seconds);
        tlsLines.Insert(0, $"TLS cost {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, server and client in one process, loopback; load average {File.ReadAllText("/proc/loadavg").Trim()}.");
        tlsLines.ForEach(Console.WriteLine);
        if (outFile is not null)
        {
            await File.WriteAllLinesAsync(outFile, tlsLines);
        }
        return 0;
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}
var notes = new List<string>();
var report = new List<string>
{
    $"Load run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, server and client in one process, loopback h2c, {seconds:F0} s per phase (after warm-up), at most 50,000 calls per phase.",
    "",
    "| data | call | concurrency | calls | errors | calls/s | p50 ms | p99 ms |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
};
try
{
    await MeasureAsync("built-in", Path.Combine(folder, "builtin.duckdb"), seed: true);

    var scalePath = Path.Combine(folder, "scale.duckdb");
    var load = Stopwatch.StartNew();
    await using (var store = await DuckDbAnalyticsStore.OpenAsync(scalePath))
    {
        await SyntheticData.ImportAsync(store, rows);
    }
    Console.WriteLine($"generated and imported {rows:N0} synthetic participations in {load.Elapsed.TotalSeconds:F1} s");
    await MeasureAsync($"{rows:N0} synthetic rows", scalePath, seed: false);
}
finally
{
    Directory.Delete(folder, recursive: true);
}

report.Add("");
report.AddRange(notes);
report.Add("");
report.Add($"Machine load average while measuring (1/5/15 min): {File.ReadAllText("/proc/loadavg").Trim()} (other work shares the 2 cores).");
report.Add(DashboardQuery.Description);
foreach (var line in report)
{
    Console.WriteLine(line);
}
if (outFile is not null)
{
    await File.WriteAllLinesAsync(outFile, report);
}
return 0;

async Task MeasureAsync(string data, string path, bool seed)
{
    await MeasureServerAsync(data, path, seed, cache: true);
    await MeasureServerAsync(data, path, seed: false, cache: false);
}

// With the result cache on (the default), a repeated dashboard query is served from memory; with it
// off, every call runs in DuckDB. The health Check is measured on the first server only.
async Task MeasureServerAsync(string data, string path, bool seed, bool cache)
{
    await using var server = await InProcessServer.StartAsync(path, seed, cache);
    using var channel = DashboardQuery.Channel(server.Address);
    var stats = new StatsService.StatsServiceClient(channel);
    var health = new Health.HealthClient(channel);
    var headers = DashboardQuery.ReaderHeaders();
    var query = DashboardQuery.Request();
    var sample = await stats.QueryAsync(query, headers);
    Console.WriteLine($"{data}: the dashboard query returns {sample.Rows.Count} rows over {sample.Columns.Count} columns");
    var calls = cache
        ? new (string Name, Func<Task> Call)[]
        {
            ("health Check", async () => await health.CheckAsync(new HealthCheckRequest())),
            ("Query (cache on)", async () => await stats.QueryAsync(query, headers)),
        }
        : [("Query (cache off)", async () => await stats.QueryAsync(query, headers))];
    // The same question asked of the engine in this process, on the service's own store, without gRPC or the
    // gate: the in-process time the uncached Query is held against (issue 18: p50 within 1.3x on 1M rows).
    var engine = new QueryEngine(server.Store);
    var semanticQuery = DashboardQuery.InProcess();
    foreach (var concurrency in new[] { 1, 16, 64 })
    {
        var phases = cache || concurrency != 1
            ? calls
            : [.. calls, ("engine in-process (cache off)", async () => await engine.ExecuteAsync(semanticQuery))];
        foreach (var (name, call) in phases)
        {
            var f = await LoadRun.MeasureAsync(call, concurrency, TimeSpan.FromSeconds(seconds), 50_000, TimeSpan.FromSeconds(1));
            var line = string.Create(CultureInfo.InvariantCulture,
                $"| {data} | {name} | {concurrency} | {f.Calls:N0} | {f.Errors}{(f.Errors > 0 ? " (" + f.ErrorCodes + ")" : "")} | {f.Throughput:N0} | {f.P50Ms:F2} | {f.P99Ms:F2} |");
            Console.WriteLine(line);
            report.Add(line);
        }
    }
    if (!cache)
    {
        // The p50s above come from phases seconds apart, which the shared machine's drift can tip either way; the same
        // comparison in short alternating blocks, paired by round, is the figure to read against issue 18's 1.3×.
        var (_, paired) = await UncachedRatio.CompareAsync(
            [("Query (cache off)", async () => await stats.QueryAsync(query, headers)), ("engine in-process", async () => await engine.ExecuteAsync(semanticQuery))],
            rounds: 12, callsPerBlock: 8);
        foreach (var line in paired)
        {
            Console.WriteLine($"{data}: {line}");
            notes.Add($"{data}: {line}");
        }
        await CompareThreadsAsync(data, path, async () => await stats.QueryAsync(query, headers));
    }
}

// The store runs DuckDB on one thread while its fact table fits in one row group (ThreadPolicy); the same uncached
// Query with DuckDB's default (one thread per core) in the same run shows what that choice is worth.
async Task CompareThreadsAsync(string data, string path, Func<Task> call)
{
    using var connection = new DuckDBConnection($"Data Source={Path.GetFullPath(path)}");
    connection.Open();
    using var setting = connection.CreateCommand();
    setting.CommandText = "SELECT current_setting('threads')";
    var chosen = Convert.ToInt64(setting.ExecuteScalar(), CultureInfo.InvariantCulture);
    if (chosen == Environment.ProcessorCount)
    {
        return;
    }
    using var set = connection.CreateCommand();
    set.CommandText = $"SET threads = {Environment.ProcessorCount}";
    set.ExecuteNonQuery();
    try
    {
        foreach (var concurrency in new[] { 1, 16 })
        {
            var f = await LoadRun.MeasureAsync(call, concurrency, TimeSpan.FromSeconds(seconds), 50_000, TimeSpan.FromSeconds(1));
            var line = string.Create(CultureInfo.InvariantCulture,
                $"| {data} | Query (cache off, DuckDB threads {Environment.ProcessorCount}, not {chosen}) | {concurrency} | {f.Calls:N0} | {f.Errors} | {f.Throughput:N0} | {f.P50Ms:F2} | {f.P99Ms:F2} |");
            Console.WriteLine(line);
            report.Add(line);
        }
    }
    finally
    {
        set.CommandText = $"SET threads = {chosen}";
        set.ExecuteNonQuery();
    }
}
