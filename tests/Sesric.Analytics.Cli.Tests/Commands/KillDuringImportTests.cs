using System.Diagnostics;

using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Storage.DuckDb;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Commands;

/// <summary>
/// Kills a real <c>sesric</c> process in the middle of a large import, then checks that the store opens and
/// holds all or none of that import: never a part.
/// </summary>
public sealed class KillDuringImportTests : IDisposable
{
    private const int Rows = 300_000;

    private readonly TempFolder _folder = new("cli");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Killing_the_process_mid_import_leaves_the_store_readable_with_all_or_none_of_the_rows()
    {
        var data = _folder.File("gen");
        var db = _folder.File("store.duckdb");
        await CliRun.SucceedAsync("generate", "--participations", Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "11", "--out", data);
        await CliRun.SucceedAsync("import", "programmes", Path.Combine(data, "programmes.csv"), "--db", db);
        await CliRun.SucceedAsync("import", "editions", Path.Combine(data, "editions.csv"), "--db", db);
        long before;
        await using (var store = await DuckDbAnalyticsStore.OpenAsync(db))
        {
            before = await store.CountParticipationsAsync();
        }

        var (exitCode, killed, stderr) = await RunAndKillAfterFirstProgressAsync(
            "import", "participations", Path.Combine(data, "participations.csv"), "--db", db, "--progress", "always");

        await using (var store = await DuckDbAnalyticsStore.OpenAsync(db))
        {
            var after = await store.CountParticipationsAsync();
            Assert.True(after == before || after == before + Rows,
                $"after the kill the store holds {after} participations: neither {before} (none) nor {before + Rows} (all). exit {exitCode}, stderr:\n{stderr}");
            Assert.NotEmpty(await store.GetEditionStatisticsAsync());
            if (killed)
            {
                Assert.NotEqual(0, exitCode);
            }
        }
        // The interrupted import can simply be run again, and ends with every row exactly once.
        var retry = await CliRun.SucceedAsync("import", "participations", Path.Combine(data, "participations.csv"), "--db", db);
        Assert.Contains("participations", retry.Out);
        await using (var store = await DuckDbAnalyticsStore.OpenAsync(db))
        {
            Assert.Equal(before + Rows, await store.CountParticipationsAsync());
        }
    }

    /// <summary>Starts <c>dotnet sesric.dll ARGS</c>, kills it (whole tree) when the first progress line appears.</summary>
    private static async Task<(int ExitCode, bool Killed, string Stderr)> RunAndKillAfterFirstProgressAsync(params string[] args)
    {
        var sesric = Path.Combine(AppContext.BaseDirectory, "sesric.dll");
        Assert.True(File.Exists(sesric), $"the built tool is expected at {sesric}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(sesric);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stderr = new System.Text.StringBuilder();
        var progressSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
            if (e.Data.Contains("rows/s", StringComparison.Ordinal))
            {
                progressSeen.TrySetResult();
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(progressSeen.Task, exited, Task.Delay(TimeSpan.FromMinutes(3)));
        var killed = false;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            killed = true;
        }
        await process.WaitForExitAsync();
        Assert.True(first != exited || process.ExitCode == 0, $"sesric ended on its own with exit {process.ExitCode}:\n{stderr}");
        lock (stderr)
        {
            return (process.ExitCode, killed, stderr.ToString());
        }
    }
}
