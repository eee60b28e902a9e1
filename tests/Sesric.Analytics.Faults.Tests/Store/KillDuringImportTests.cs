using System.Diagnostics;
using System.Globalization;
using System.Text;

using Sesric.Analytics.Faults.Tests.Support;
using Sesric.Analytics.Storage.DuckDb;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Faults.Tests.Store;

/// <summary>
/// kill -9 at different moments of a <c>sesric import</c>: afterwards the store opens, passes its check, and holds
/// either none or all of the file's rows, with one fact row per participation (nothing half-written).
/// </summary>
[Trait("Category", "Fault")]
public sealed class KillDuringImportTests : IDisposable
{
    private const int Rows = 40_000;
    private readonly TempFolder _folder = new("kill");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_killed_import_leaves_all_or_none_of_its_rows()
    {
        var seeded = _folder.File("seeded.duckdb");
        await Stores.CreateSeededAsync(seeded);
        long before;
        await using (var store = await DuckDbAnalyticsStore.OpenAsync(seeded))
        {
            before = await store.CountParticipationsAsync();
        }
        var file = _folder.File("rows.csv");
        var csv = new StringBuilder("programme,edition,participant_id,country_iso3,gender,institution_type,attendance,synthetic\n");
        for (var i = 0; i < Rows; i++)
        {
            csv.Append("diplomacy-cab,6,kill-").Append(i.ToString("D7", CultureInfo.InvariantCulture)).Append(",TUR,female,mfa,attended,true\n");
        }
        await File.WriteAllTextAsync(file, csv.ToString());

        var outcomes = new List<string>();
        // Kill points spread from start-up to past the commit; the last lets the import finish.
        foreach (var delay in new[] { 150, 400, 700, 1000, 1400, 1900, 2600, 60_000 })
        {
            var db = _folder.File($"trial-{delay}.duckdb");
            File.Copy(seeded, db);
            var killed = await RunAndKillAsync(delay, "import", "participations", file, "--db", db);

            await using var store = await DuckDbAnalyticsStore.OpenAsync(db);
            var after = await store.CountParticipationsAsync();
            var facts = (long)(await store.QueryAsync(new Querying.SqlStatement("SELECT COUNT(*) AS n FROM participation_fact", []))).ColumnData[0].GetValue(0)!;
            Assert.True(after == before || after == before + Rows, $"kill after {delay} ms left {after - before} of {Rows} rows");
            Assert.Equal(after, facts);
            outcomes.Add($"{delay} ms: {(killed ? "killed" : "finished")}, {(after == before ? "none" : "all")}");
        }
        Assert.Contains(outcomes, o => o.Contains("killed") && o.EndsWith("none", StringComparison.Ordinal));
        Assert.EndsWith("finished, all", outcomes[^1], StringComparison.Ordinal);
    }

    /// <summary>Starts sesric, kills it (SIGKILL, the whole tree) after <paramref name="delayMs"/> if still running; returns whether it was killed.</summary>
    private static async Task<bool> RunAndKillAsync(int delayMs, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sesric.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var wait = new CancellationTokenSource(delayMs);
        try
        {
            await process.WaitForExitAsync(wait.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return true;
        }
    }
}
