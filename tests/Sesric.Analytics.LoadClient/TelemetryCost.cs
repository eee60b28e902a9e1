using System.Globalization;

using Grpc.Core;
using Grpc.Net.Client;

using Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.LoadClient;

/// <summary>
/// The cost of telemetry: StatsService.Query throughput on the built-in data with telemetry on (metrics, Prometheus
/// listener, traces sampled at the default ratio) and off, cached and uncached, in one run. On and off alternate
/// within each round (and swap order between rounds) so that other work on the shared machine hits both alike;
/// the report gives each round and the median per setting.
/// </summary>
internal static class TelemetryCost
{
    public static async Task<List<string>> MeasureAsync(int rounds, TimeSpan phase)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sesric-load", Guid.NewGuid().ToString("N"))).FullName;
        var path = Path.Combine(folder, "builtin.duckdb");
        var lines = new List<string>
        {
            $"Telemetry cost {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, built-in data, Query at concurrency 16, {phase.TotalSeconds:F0} s per phase after 1 s warm-up, {rounds} rounds.",
            "",
            "| cache | round | telemetry | calls/s | p50 ms | p99 ms | CPU µs per call |",
            "|---|---:|---|---:|---:|---:|---:|",
        };
        var results = new Dictionary<(bool Cache, bool Telemetry), List<double>>();
        var cpu = new Dictionary<(bool Cache, bool Telemetry), List<double>>();
        try
        {
            // Seed once, so that every server opens the same file.
            await using (await InProcessServer.StartAsync(path, seed: true, cache: true, telemetry: false))
            {
            }
            foreach (var cache in new[] { true, false })
            {
                for (var round = 1; round <= rounds; round++)
                {
                    foreach (var telemetry in round % 2 == 1 ? new[] { true, false } : [false, true])
                    {
                        var (f, cpuPerCall) = await OnePhaseAsync(path, cache, telemetry, phase);
                        (results.TryGetValue((cache, telemetry), out var list) ? list : results[(cache, telemetry)] = []).Add(f.Throughput);
                        (cpu.TryGetValue((cache, telemetry), out var cpuList) ? cpuList : cpu[(cache, telemetry)] = []).Add(cpuPerCall);
                        var line = string.Create(CultureInfo.InvariantCulture,
                            $"| {(cache ? "on" : "off")} | {round} | {(telemetry ? "on" : "off")} | {f.Throughput:N0}{(f.Errors > 0 ? $" ({f.Errors} errors)" : "")} | {f.P50Ms:F2} | {f.P99Ms:F2} | {cpuPerCall:F0} |");
                        Console.WriteLine(line);
                        lines.Add(line);
                    }
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        lines.Add("");
        foreach (var cache in new[] { true, false })
        {
            // Paired within each round (on and off ran back to back), so drift in the machine's speed over the run
            // cancels; the spread of these ratios is the run's own noise, against which the 5 % target is read.
            var paired = results[(cache, true)].Zip(results[(cache, false)], (on, off) => on / off - 1).Order().ToList();
            var pairedCpu = cpu[(cache, true)].Zip(cpu[(cache, false)], (on, off) => on / off - 1).Order().ToList();
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"Cache {(cache ? "on" : "off")}, paired by round: throughput with telemetry {Median(paired) * 100:+0.0;-0.0} % (rounds {paired[0] * 100:+0.0;-0.0} to {paired[^1] * 100:+0.0;-0.0} %), "
                + $"CPU per call {Median(pairedCpu) * 100:+0.0;-0.0} % (rounds {pairedCpu[0] * 100:+0.0;-0.0} to {pairedCpu[^1] * 100:+0.0;-0.0} %)."));
        }
        foreach (var cache in new[] { true, false })
        {
            var on = Median(results[(cache, true)]);
            var off = Median(results[(cache, false)]);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"Cache {(cache ? "on" : "off")}: median {on:N0} calls/s with telemetry, {off:N0} without: {(on / off - 1) * 100:+0.0;-0.0} %; "
                + $"CPU per call {Median(cpu[(cache, true)]):F0} µs with, {Median(cpu[(cache, false)]):F0} µs without: {(Median(cpu[(cache, true)]) / Median(cpu[(cache, false)]) - 1) * 100:+0.0;-0.0} %."));
        }
        lines.Add($"Machine load average (1/5/15 min): {File.ReadAllText("/proc/loadavg").Trim()} (other work shares the cores).");
        return lines;
    }

    // CPU per call counts this process (server and client) over the phase and its warm-up, shared pro rata by the
    // calls measured: less sensitive than throughput to other work on a shared machine.
    private static async Task<(LoadFigures Figures, double CpuMicrosecondsPerCall)> OnePhaseAsync(string path, bool cache, bool telemetry, TimeSpan phase)
    {
        await using var server = await InProcessServer.StartAsync(path, seed: false, cache, telemetry);
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });
        var stats = new StatsService.StatsServiceClient(channel);
        var headers = new Metadata { { "x-api-key", InProcessServer.ReaderKey } };
        var query = new QueryRequest
        {
            Measures = { "participants", "member_states", "female_share" },
            Dimensions = { "year", "oic_group" },
            Filter = "year >= 2015",
        };
        var warmup = TimeSpan.FromSeconds(1);
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var figures = await LoadRun.MeasureAsync(async () => await stats.QueryAsync(query, headers), 16, phase, 200_000, warmup);
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var calls = figures.Calls * (phase + warmup).TotalSeconds / figures.Seconds;
        return (figures, cpu.TotalMicroseconds / Math.Max(1, calls));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
