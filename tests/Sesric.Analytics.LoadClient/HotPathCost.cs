using System.Globalization;

using Grpc.Health.V1;

using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.LoadClient;

/// <summary>
/// Issue 18's per-call target on the built-in data, alone and quickly: uncached Query against health Check at
/// concurrency 16 on one server (telemetry as deployed), alternating within each round (order swapped between
/// rounds) so that other work on a shared machine hits both alike. Per phase it gives throughput, CPU per call
/// (server and client, this process) and bytes allocated per call; the ratios paired by round are what to read
/// on a loaded machine. It closes with the uncached Query's p50 at concurrency 1 and the engine's in-process p50.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project tests/Sesric.Analytics.LoadClient -- --hotpath [--rounds R] [--seconds S] [--cache]</c>
/// (<c>--cache</c> measures the cached Query instead).</remarks>
internal static class HotPathCost
{
    public static async Task<List<string>> MeasureAsync(int rounds, TimeSpan phase, bool cache)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sesric-load", Guid.NewGuid().ToString("N"))).FullName;
        var queryName = cache ? "Query (cache on)" : "Query (cache off)";
        var lines = new List<string>
        {
            $"Hot path {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, built-in data, server and client in one process, loopback h2c, concurrency 16, {phase.TotalSeconds:F0} s per phase after 1 s warm-up, {rounds} rounds; load average at start {LoadAverage()}.",
            "",
            "| round | call | calls/s | p50 ms | p99 ms | CPU µs per call | bytes allocated per call |",
            "|---:|---|---:|---:|---:|---:|---:|",
        };
        var ratios = new List<double>();
        var cpuRatios = new List<double>();
        try
        {
            await using var server = await InProcessServer.StartAsync(Path.Combine(folder, "builtin.duckdb"), seed: true, cache);
            using var channel = DashboardQuery.Channel(server.Address);
            var stats = new StatsService.StatsServiceClient(channel);
            var health = new Health.HealthClient(channel);
            var headers = DashboardQuery.ReaderHeaders();
            var query = DashboardQuery.Request();
            Func<Task> healthCall = async () => await health.CheckAsync(new HealthCheckRequest());
            Func<Task> queryCall = async () => await stats.QueryAsync(query, headers);
            if (Environment.GetEnvironmentVariable("SESRIC_HOTPATH_ONLY") is { } only)
            {
                // For a profiler: only one phase ("query" or "health"), for as long as asked.
                var isQuery = only == "query";
                var (f, cpu, bytes) = await OnePhaseAsync(isQuery ? queryCall : healthCall, 16, phase);
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"| 1 | {(isQuery ? queryName : "health Check")} | {f.Throughput:N0} | {f.P50Ms:F2} | {f.P99Ms:F2} | {cpu:F0} | {bytes:N0} |"));
                return lines;
            }
            for (var round = 1; round <= rounds; round++)
            {
                var order = round % 2 == 1 ? new[] { true, false } : [false, true];
                var figures = new Dictionary<bool, (LoadFigures Figures, double Cpu, double Bytes)>();
                foreach (var isQuery in order)
                {
                    var measured = await OnePhaseAsync(isQuery ? queryCall : healthCall, 16, phase);
                    figures[isQuery] = measured;
                    var (f, cpu, bytes) = measured;
                    var line = string.Create(CultureInfo.InvariantCulture,
                        $"| {round} | {(isQuery ? queryName : "health Check")} | {f.Throughput:N0}{(f.Errors > 0 ? $" ({f.Errors} errors: {f.ErrorCodes})" : "")} | {f.P50Ms:F2} | {f.P99Ms:F2} | {cpu:F0} | {bytes:N0} |");
                    Console.WriteLine(line);
                    lines.Add(line);
                }
                ratios.Add(figures[true].Figures.Throughput / figures[false].Figures.Throughput);
                cpuRatios.Add(figures[false].Cpu / figures[true].Cpu);
            }
            var single = await LoadRun.MeasureAsync(queryCall, 1, phase, 50_000, TimeSpan.FromSeconds(1));
            var engine = new QueryEngine(server.Store);
            var semanticQuery = DashboardQuery.InProcess();
            var inProcess = await LoadRun.MeasureAsync(async () => await engine.ExecuteAsync(semanticQuery), 1, phase, 50_000, TimeSpan.FromSeconds(1));
            // Bytes the engine alone allocates per call (sequential calls on an otherwise idle process).
            var engineBytesBefore = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < 200; i++)
            {
                await engine.ExecuteAsync(semanticQuery);
            }
            var engineBytes = (GC.GetTotalAllocatedBytes(precise: true) - engineBytesBefore) / 200.0;
            lines.Add("");
            ratios.Sort();
            cpuRatios.Sort();
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{queryName} throughput ÷ health Check's, paired by round: median {Median(ratios) * 100:F1} % (rounds {ratios[0] * 100:F1} to {ratios[^1] * 100:F1} %); "
                + $"health's CPU per call ÷ Query's: median {Median(cpuRatios) * 100:F1} % (rounds {cpuRatios[0] * 100:F1} to {cpuRatios[^1] * 100:F1} %). Target (issue 18, uncached): at least 25 %."));
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{queryName} at concurrency 1: p50 {single.P50Ms:F2} ms, p99 {single.P99Ms:F2} ms ({single.Throughput:N0} calls/s); the engine in-process: p50 {inProcess.P50Ms:F2} ms, {engineBytes:N0} bytes allocated per call."));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        lines.Add($"Load average at the end (1/5/15 min): {LoadAverage()} (other work shares the cores).");
        return lines;
    }

    // CPU and allocations count this process (server and client) over the measured window only: the warm-up's first
    // calls (JIT, connection set-up, first plans) would otherwise be shared out over the measured calls.
    private static async Task<(LoadFigures Figures, double CpuMicrosecondsPerCall, double BytesPerCall)> OnePhaseAsync(Func<Task> call, int concurrency, TimeSpan phase)
    {
        var cpuBefore = TimeSpan.Zero;
        var bytesBefore = 0L;
        var figures = await LoadRun.MeasureAsync(call, concurrency, phase, 1_000_000, TimeSpan.FromSeconds(1), () =>
        {
            cpuBefore = Environment.CpuUsage.TotalTime;
            bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        });
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var calls = Math.Max(1, figures.Calls);
        return (figures, cpu.TotalMicroseconds / calls, bytes / calls);
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Trim();
}
