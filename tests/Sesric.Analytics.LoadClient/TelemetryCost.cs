using System.Globalization;

using Grpc.Net.Client;

using Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.LoadClient;

/// <summary>
/// The cost of telemetry: StatsService.Query throughput on the built-in data with telemetry on (metrics, Prometheus
/// listener, traces sampled at the default ratio) and off, cached and uncached, in one run. Each phase runs on a server of
/// its own (telemetry is process-wide: an OpenTelemetry provider listens to every server in the process, so the two
/// settings cannot share one). After a warm-up pair that does not count (JIT tiering, DuckDB's caches), on and off
/// alternate as ABBA pairs (on-off, off-on, ...) so that drift in the shared machine's speed cancels within each pair. The
/// report gives each phase and, per pair, the ratio of throughput, of CPU per call and of bytes allocated per call, with
/// their median, middle half and range: CPU and allocations per call are what a loaded machine distorts least.
/// </summary>
internal static class TelemetryCost
{
    public static async Task<List<string>> MeasureAsync(int rounds, TimeSpan phase, bool cachedOnly = false)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sesric-load", Guid.NewGuid().ToString("N"))).FullName;
        var path = Path.Combine(folder, "builtin.duckdb");
        var lines = new List<string>
        {
            $"Telemetry cost {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, built-in data, Query at concurrency 16, {phase.TotalSeconds:F1} s per phase after 1 s warm-up, "
                + $"{rounds} pairs per cache setting (ABBA) after one warm-up pair; load average at start {LoadAverage()}.",
            "",
            "| cache | pair | telemetry | calls/s | p50 ms | p99 ms | CPU µs per call | bytes allocated per call |",
            "|---|---:|---|---:|---:|---:|---:|---:|",
        };
        var results = new Dictionary<(bool Cache, bool Telemetry), List<PhaseFigures>>();
        bool[] settings = cachedOnly ? [true] : [true, false];
        string spans;
        string measurements;
        try
        {
            // Seed once, so that every server opens the same file.
            await using (await InProcessServer.StartAsync(path, seed: true, cache: true, telemetry: false))
            {
            }
            foreach (var cache in settings)
            {
                // Round 0 warms up both settings (tiered JIT promotes the hot methods within the first seconds) and does not count.
                for (var round = 0; round <= rounds; round++)
                {
                    foreach (var telemetry in round % 2 == 1 ? new[] { true, false } : [false, true])
                    {
                        var figures = await OnePhaseAsync(path, cache, telemetry, round == 0 ? TimeSpan.FromSeconds(Math.Min(2, phase.TotalSeconds)) : phase);
                        if (round > 0)
                        {
                            (results.TryGetValue((cache, telemetry), out var list) ? list : results[(cache, telemetry)] = []).Add(figures);
                        }
                        var f = figures.Load;
                        var line = string.Create(CultureInfo.InvariantCulture,
                            $"| {(cache ? "on" : "off")} | {(round == 0 ? "warm-up" : round)} | {(telemetry ? "on" : "off")} | {f.Throughput:N0}{(f.Errors > 0 ? $" ({f.Errors} errors)" : "")} | {f.P50Ms:F2} | {f.P99Ms:F2} | {figures.CpuMicroseconds:F0} | {figures.Bytes:N0} |");
                        Console.WriteLine(line);
                        lines.Add(line);
                    }
                }
            }
            spans = await SpansPerCallAsync(path);
            measurements = await MeasurementsPerCallAsync(path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        lines.Add("");
        lines.Add(spans);
        lines.Add(measurements);
        foreach (var cache in settings)
        {
            // Paired within each round (on and off ran back to back), so drift in the machine's speed over the run
            // cancels; the spread of these ratios is the run's own noise, against which the 5 % target is read.
            var on = results[(cache, true)];
            var off = results[(cache, false)];
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"Cache {(cache ? "on" : "off")}, telemetry on against off, paired: throughput {Describe(on, off, f => f.Load.Throughput)}; "
                + $"CPU per call {Describe(on, off, f => f.CpuMicroseconds)}; bytes allocated per call {Describe(on, off, f => f.Bytes)}."));
        }
        foreach (var cache in settings)
        {
            var on = results[(cache, true)];
            var off = results[(cache, false)];
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"Cache {(cache ? "on" : "off")}, medians: {Median(on.Select(f => f.Load.Throughput)):N0} calls/s with telemetry, {Median(off.Select(f => f.Load.Throughput)):N0} without; "
                + $"CPU per call {Median(on.Select(f => f.CpuMicroseconds)):F0} µs with, {Median(off.Select(f => f.CpuMicroseconds)):F0} µs without; "
                + $"{Median(on.Select(f => f.Bytes)):N0} bytes allocated per call with, {Median(off.Select(f => f.Bytes)):N0} without."));
        }
        lines.Add($"Load average at the end (1/5/15 min): {LoadAverage()} (other work shares the cores). Target (issue 20): throughput at most 5 % lower with telemetry on.");
        return lines;
    }

    /// <summary>
    /// What tracing creates per uncached call with telemetry on, counted (not timed): spans started and spans recorded, by
    /// source, over sequential calls. Unsampled calls should start the server's span only (it carries the trace context) and
    /// none of the engine's.
    /// </summary>
    private static async Task<string> SpansPerCallAsync(string path)
    {
        const int Calls = 1000;
        await using var server = await InProcessServer.StartAsync(path, seed: false, cache: false, telemetry: true);
        using var channel = GrpcChannel.ForAddress(server.Address);
        var stats = new StatsService.StatsServiceClient(channel);
        var headers = DashboardQuery.ReaderHeaders();
        var query = DashboardQuery.Request();
        await stats.QueryAsync(query, headers);
        var started = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var recorded = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        // Listens without sampling anything itself (None), so the service's sampler alone decides what is created.
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name is "Sesric.Analytics" or "Microsoft.AspNetCore",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.None,
            ActivityStarted = activity =>
            {
                started.AddOrUpdate(activity.Source.Name, 1, (_, n) => n + 1);
                if (activity.Recorded)
                {
                    recorded.AddOrUpdate(activity.Source.Name, 1, (_, n) => n + 1);
                }
            },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        for (var i = 0; i < Calls; i++)
        {
            await stats.QueryAsync(query, headers);
        }
        await Task.Delay(200); // the last server span ends just after its answer
        static string PerCall(System.Collections.Concurrent.ConcurrentDictionary<string, int> counts, string source) =>
            (counts.GetValueOrDefault(source) / (double)Calls).ToString("0.00", CultureInfo.InvariantCulture);
        return $"Spans per uncached call with telemetry on (sampling as deployed, {Calls:N0} sequential calls): the server's (Microsoft.AspNetCore) {PerCall(started, "Microsoft.AspNetCore")} started, "
            + $"{PerCall(recorded, "Microsoft.AspNetCore")} recorded; the engine's (Sesric.Analytics) {PerCall(started, "Sesric.Analytics")} started, {PerCall(recorded, "Sesric.Analytics")} recorded.";
    }

    /// <summary>
    /// What metrics record per cached call with telemetry on, counted (not timed): measurements by meter over sequential
    /// calls, on the instruments the service's OpenTelemetry provider listens to (this listener takes only those already
    /// enabled, so it adds none of its own). Each measurement is a tag-set lookup and an update in the SDK.
    /// </summary>
    private static async Task<string> MeasurementsPerCallAsync(string path)
    {
        const int Calls = 1000;
        await using var server = await InProcessServer.StartAsync(path, seed: false, cache: true, telemetry: true);
        using var channel = GrpcChannel.ForAddress(server.Address);
        var stats = new StatsService.StatsServiceClient(channel);
        var headers = DashboardQuery.ReaderHeaders();
        var query = DashboardQuery.Request();
        await stats.QueryAsync(query, headers);
        var counts = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var counting = false;
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Enabled)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Count(System.Diagnostics.Metrics.Instrument instrument)
        {
            if (Volatile.Read(ref counting))
            {
                counts.AddOrUpdate($"{instrument.Meter.Name} {instrument.Name}", 1, (_, n) => n + 1);
            }
        }
        listener.SetMeasurementEventCallback<long>((instrument, _, _, _) => Count(instrument));
        listener.SetMeasurementEventCallback<int>((instrument, _, _, _) => Count(instrument));
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => Count(instrument));
        listener.Start();
        Volatile.Write(ref counting, true);
        for (var i = 0; i < Calls; i++)
        {
            await stats.QueryAsync(query, headers);
        }
        await Task.Delay(200); // the last call's hosting metrics are recorded just after its answer
        Volatile.Write(ref counting, false);
        var total = counts.Values.Sum() / (double)Calls;
        var byInstrument = string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value / (double)Calls:0.00}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"Metric measurements per cached call with telemetry on ({Calls:N0} sequential calls): {total:0.00} ({(byInstrument.Length > 0 ? byInstrument : "none")}).");
    }

    /// <summary>One phase's load figures, with CPU time (µs) and bytes allocated per call.</summary>
    private sealed record PhaseFigures(LoadFigures Load, double CpuMicroseconds, double Bytes);

    /// <summary>The per-pair change with telemetry (on ÷ off − 1) of <paramref name="value"/>: median, middle half and range.</summary>
    private static string Describe(List<PhaseFigures> on, List<PhaseFigures> off, Func<PhaseFigures, double> value)
    {
        var ratios = on.Zip(off, (a, b) => value(a) / value(b) - 1).Order().ToList();
        static string Percent(double r) => (r * 100).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " %";
        var lower = ratios[(int)Math.Round((ratios.Count - 1) / 4.0)];
        var upper = ratios[(int)Math.Round((ratios.Count - 1) * 3 / 4.0)];
        return $"median {Percent(Median(ratios))} (middle half {Percent(lower)} to {Percent(upper)}, pairs {Percent(ratios[0])} to {Percent(ratios[^1])})";
    }

    // CPU and allocations count this process (server and client) over the measured window, divided by the calls it
    // completed: less sensitive than throughput to other work on a shared machine. Allocations barely move with load.
    private static async Task<PhaseFigures> OnePhaseAsync(string path, bool cache, bool telemetry, TimeSpan phase)
    {
        await using var server = await InProcessServer.StartAsync(path, seed: false, cache, telemetry);
        using var channel = DashboardQuery.Channel(server.Address);
        var stats = new StatsService.StatsServiceClient(channel);
        var headers = DashboardQuery.ReaderHeaders();
        var query = DashboardQuery.Request();
        var cpuBefore = TimeSpan.Zero;
        var bytesBefore = 0L;
        var figures = await LoadRun.MeasureAsync(async () => await stats.QueryAsync(query, headers), 16, phase, 1_000_000, TimeSpan.FromSeconds(1), () =>
        {
            cpuBefore = Environment.CpuUsage.TotalTime;
            bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        });
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var calls = Math.Max(1, figures.Calls);
        return new PhaseFigures(figures, cpu.TotalMicroseconds / calls, bytes / calls);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Trim();
}
