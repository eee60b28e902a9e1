using System.Diagnostics;
using System.Globalization;

using DuckDB.NET.Data;

using Sesric.Analytics.Storage.DuckDb;
using Sesric.Analytics.Storage.Sql;

namespace Sesric.Analytics.Benchmarks;

/// <summary>
/// A plain measurement run (<c>dotnet run -c Release -- --harness [rows]</c>) for figures BenchmarkDotNet does
/// not give: the peak resident memory of the process during the import (managed heap plus DuckDB's native
/// memory, from Linux's VmHWM after resetting it), GC counts, and how the time splits between parsing the CSV
/// and writing the store, phase by phase, beside DuckDB's own <c>read_csv</c> of the same file into a table.
/// </summary>
public static class Harness
{
    public static async Task<int> RunAsync(long rows, int seed, int runs)
    {
        var output = Console.Out;
        output.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {Environment.OSVersion}, .NET {Environment.Version}");
        var data = BenchmarkData.Prepare(rows, seed);
        output.WriteLine($"input: {data.ParticipationsCsv} ({new FileInfo(data.ParticipationsCsv).Length / 1_000_000.0:F1} MB, {rows:N0} rows)");
        var path = Path.Combine(data.Folder, "harness.duckdb");

        // Parsing and validation alone (no store), to show where the import's time goes.
        var parseCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var parse = Stopwatch.StartNew();
        long parsed = 0;
        using (var reader = new StreamReader(data.ParticipationsCsv))
        {
            foreach (var _ in Import.ParticipationCsv.Read(reader, data.Dataset.Catalogue, "participations.csv"))
            {
                parsed++;
            }
        }
        parse.Stop();
        output.WriteLine(Line("CSV read + validate only", parse.Elapsed, parsed) + Cpu(parseCpu));
        // The same with each row's own checks only, as the DuckDB store's file import reads it (it checks rows against each other in SQL).
        parseCpu = Process.GetCurrentProcess().TotalProcessorTime;
        parse.Restart();
        parsed = 0;
        using (var reader = new StreamReader(data.ParticipationsCsv))
        {
            foreach (var _ in Import.ParticipationCsvLines.Open(reader, data.Dataset.Catalogue, "participations.csv").Read())
            {
                parsed++;
            }
        }
        parse.Stop();
        output.WriteLine(Line("CSV read + each row's own checks only", parse.Elapsed, parsed) + Cpu(parseCpu));

        var imports = new List<(TimeSpan Wall, TimeSpan Cpu)>();
        for (var run = 1; run <= runs; run++)
        {
            var store = await data.CreateEmptyStoreAsync(path);
            // The import's DuckDB memory limit (DuckDbAnalyticsStore.ImportMemoryLimitBytes); the variable compares
            // another (0: DuckDB's own limit) in the same build.
            if (Environment.GetEnvironmentVariable("SESRIC_HARNESS_IMPORT_MEMORY_MB") is { Length: > 0 } megabytes)
            {
                store.ImportMemoryLimitBytes = long.Parse(megabytes, CultureInfo.InvariantCulture) * 1_048_576;
            }
            output.WriteLine(store.ImportMemoryLimitBytes == 0
                ? "    import memory limit: DuckDB's own"
                : string.Create(CultureInfo.InvariantCulture, $"    import memory limit: {store.ImportMemoryLimitBytes / 1_048_576} MiB"));
            var catalogue = await store.LoadCatalogueAsync();
            var phases = new PhaseClock();
            store.ImportPhases = phases;
            // Return what the runs before left committed (the parse-only run's per-person keys, an earlier import's heap),
            // so that the peak below is the import's, as in a process that only imports (the CLI).
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    resident before the import: {Environment.WorkingSet / 1_048_576.0:F0} MiB"));
            ResetPeakResident();
            var gen0 = GC.CollectionCount(0);
            var gen1 = GC.CollectionCount(1);
            var gen2 = GC.CollectionCount(2);
            var paused = GC.GetTotalPauseDuration();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(() => SamplePeaks(phases, sampling.Token));
            var clock = Stopwatch.StartNew();
            var outcome = await data.ImportAsync(store, catalogue);
            clock.Stop();
            await sampling.CancelAsync();
            var (peakManaged, peakResident, phasePeaks) = await sampler;
            var cpuText = Cpu(cpu);
            var peak = PeakResidentBytes();
            output.WriteLine(Line($"import run {run} (CSV → store, one transaction)", clock.Elapsed, outcome.Participations.Inserted) + cpuText);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    peak resident memory during import: {peak / 1_048_576.0:F0} MiB; managed allocated: {(GC.GetTotalAllocatedBytes(true) - allocated) / 1_048_576.0:F0} MiB; "
                + $"GCs gen0/1/2: {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2} "
                + $"({(GC.GetTotalPauseDuration() - paused).TotalSeconds:F2} s paused); "
                + $"participants: {outcome.Participants.Inserted:N0}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    sampled every 50 ms: peak managed heap committed {peakManaged / 1_048_576.0:F0} MiB, peak resident {peakResident / 1_048_576.0:F0} MiB"));
            var importCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            imports.Add((clock.Elapsed, importCpu));
            output.WriteLine("    phase wall / CPU (all threads) / peak managed heap (GC heap size) / peak resident, sampled:");
            for (var i = 0; i < phases.Phases.Count; i++)
            {
                var (phase, elapsed, phaseCpu) = phases.Phases[i];
                var (managed, resident) = phasePeaks.GetValueOrDefault(i);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {elapsed.TotalSeconds,6:F2} s / {phaseCpu.TotalSeconds,6:F2} s / {managed / 1_048_576.0,5:F0} MiB / {resident / 1_048_576.0,5:F0} MiB  {phase}"));
            }
            // What the phases do not cover: dropping the work tables, the request row and the commit, which writes
            // the rows' blocks and the primary-key indexes to the file.
            var rest = clock.Elapsed - phases.Phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Elapsed);
            var restCpu = importCpu - phases.Phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Cpu);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {rest.TotalSeconds,6:F2} s / {restCpu.TotalSeconds,6:F2} s  commit (and the rest)"));
            await store.DisposeAsync();
        }
        var loads = new List<(TimeSpan Wall, TimeSpan Cpu)>();
        for (var run = 1; run <= runs; run++)
        {
            GC.Collect();
            ResetPeakResident();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var elapsed = ReadCsvIntoTable(data.ParticipationsCsv, Path.Combine(data.Folder, "read-csv.duckdb"));
            var loadCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            loads.Add((elapsed, loadCpu));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"DuckDB read_csv into a table, run {run}: {elapsed.TotalSeconds:F2} s{Cpu(cpu)}; peak resident {PeakResidentBytes() / 1_048_576.0:F0} MiB"));
        }
        // The issue's yardstick: the import against DuckDB's own load of the same file, in the same run.
        var bestLoad = loads.Min(l => l.Wall);
        var bestLoadCpu = loads.Min(l => l.Cpu);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import ÷ read_csv (each run against the fastest read_csv): wall {string.Join(", ", imports.Select(i => $"{i.Wall / bestLoad:F2}×"))}; "
            + $"CPU {string.Join(", ", imports.Select(i => $"{i.Cpu / bestLoadCpu:F2}×"))}"));
        output.WriteLine($"store file after import: {new FileInfo(path).Length / 1_048_576.0:F0} MiB");

        if (runs < 2)
        {
            return 0;
        }
        var opens = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var open = Stopwatch.StartNew();
            var store = await DuckDbAnalyticsStore.OpenAsync(path);
            open.Stop();
            await store.DisposeAsync();
            opens.Add(open.Elapsed.TotalMilliseconds);
        }
        opens.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"open existing {rows:N0}-row store: median {opens[opens.Count / 2]:F1} ms (min {opens[0]:F1}, max {opens[^1]:F1}, 10 opens)"));
        return 0;
    }

    /// <summary>
    /// The largest managed heap (committed) and resident set seen while <paramref name="stop"/> is not cancelled, sampled
    /// every 50 ms; and per phase of <paramref name="phases"/> (by the index of the phase running when sampled), the largest
    /// managed heap in use (live objects and garbage not yet collected, <see cref="GC.GetTotalMemory"/>) and resident set: their difference is mostly DuckDB's native memory.
    /// </summary>
    private static async Task<(long Managed, long Resident, Dictionary<int, (long Managed, long Resident)> Phases)> SamplePeaks(PhaseClock phases, CancellationToken stop)
    {
        long managed = 0, resident = 0;
        var byPhase = new Dictionary<int, (long Managed, long Resident)>();
        while (!stop.IsCancellationRequested)
        {
            var info = GC.GetGCMemoryInfo();
            var residentNow = Environment.WorkingSet;
            managed = Math.Max(managed, info.TotalCommittedBytes);
            resident = Math.Max(resident, residentNow);
            // The phase running now is the one after the last marked (the list only grows; a stale count attributes a
            // sample to the phase just ended, which is near enough for 50 ms samples).
            var phase = phases.Phases.Count;
            var (m, r) = byPhase.GetValueOrDefault(phase);
            byPhase[phase] = (Math.Max(m, GC.GetTotalMemory(forceFullCollection: false)), Math.Max(r, residentNow));
            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return (managed, resident, byPhase);
    }

    /// <summary>DuckDB's own load of the file into a table of a new database file: the floor an import is compared with.</summary>
    internal static TimeSpan ReadCsvIntoTable(string csv, string database)
    {
        foreach (var file in new[] { database, database + ".wal" })
        {
            File.Delete(file);
        }
        using var connection = new DuckDBConnection($"Data Source={database}");
        connection.Open();
        var clock = Stopwatch.StartNew();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"CREATE TABLE participation AS SELECT * FROM read_csv('{csv.Replace("'", "''", StringComparison.Ordinal)}', header = true)";
            command.ExecuteNonQuery();
        }
        clock.Stop();
        return clock.Elapsed;
    }

    private static string Line(string what, TimeSpan elapsed, long count) =>
        string.Create(CultureInfo.InvariantCulture, $"{what}: {elapsed.TotalSeconds:F2} s, {count / elapsed.TotalSeconds:N0} rows/s");

    /// <summary>The process's CPU time (all threads) since <paramref name="start"/>: on a busy shared machine this, not the wall time, shows the work done.</summary>
    private static string Cpu(TimeSpan start) =>
        string.Create(CultureInfo.InvariantCulture, $"; CPU time {(Process.GetCurrentProcess().TotalProcessorTime - start).TotalSeconds:F2} s; load average {LoadAverage()}");

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Resets Linux's peak-RSS counter (VmHWM) so the next reading covers only what follows.</summary>
    private static void ResetPeakResident()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
            // Not Linux, or not allowed: the peak then covers the whole process.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static long PeakResidentBytes()
    {
        if (File.Exists("/proc/self/status"))
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
