using System.Diagnostics;

using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Readme;

/// <summary>
/// Runs every copy-paste <c>sesric</c> command of the README, in order, as a real child process (<c>dotnet sesric.dll</c>)
/// in a temp folder holding a copy of <c>samples/</c>, against a temp store through <c>SESRIC_ANALYTICS_DB</c>,
/// so the README cannot rot.
/// </summary>
public sealed class ReadmeCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("cli");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Shell_words_follow_posix_quoting()
    {
        Assert.Equal(["query", "--filter", "programme = \"diplomacy-cab\" AND year = 2020", "-m", "a b"],
            ReadmeCommands.ShellWords("query --filter 'programme = \"diplomacy-cab\" AND year = 2020' -m \"a b\"  # note"));
    }

    [Fact]
    public async Task Every_readme_command_runs_and_succeeds()
    {
        var root = ReadmeCommands.RepositoryRoot();
        var commands = ReadmeCommands.Extract(await File.ReadAllTextAsync(Path.Combine(root, "README.md")));
        Assert.True(commands.Count >= 8, $"only {commands.Count} sesric commands found in README.md");
        Assert.Contains(commands, c => c[0] == "query");
        Assert.Contains(commands, c => c[0] == "report");
        Assert.Contains(commands, c => c[0] == "forecast");
        Assert.Contains(commands, c => c[0] == "import");
        Assert.Contains(commands, c => c[0] == "query" && c.Contains("--model"));

        // samples/ with its subfolders (samples/model holds the model files the README queries with --model).
        var source = Path.Combine(root, "samples");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(_folder.Path, "samples", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        var db = _folder.File("readme.duckdb");
        var outputs = new List<(string[] Args, string Out, string Error)>();
        foreach (var args in commands)
        {
            var (code, output, error) = await RunAsync(args, db);
            Assert.True(code == 0, $"README command `sesric {string.Join(' ', args)}` exited {code}\n{error}\n{output}");
            outputs.Add((args, output, error));
        }

        // The sample's invented rows never reach the store the README's reader keeps: they go to a scratch store
        // (and are undone there), and the dry run before says what would change and writes nothing.
        Assert.Contains(commands, c => c.SequenceEqual(["import", "participations", "samples/participations.csv", "--dry-run"]));
        var dryRun = outputs.First(o => o.Args.Contains("--dry-run"));
        Assert.Contains("would import: 9 new, 0 updated, 0 unchanged participations", dryRun.Out);
        Assert.Contains("nothing was written", dryRun.Out);
        Assert.Contains(commands, c => c[0] == "import" && c[1] == "participations" && c.Contains("--db"));
        Assert.DoesNotContain(commands, c => c[0] == "import" && c[1] == "participations" && !c.Contains("--db") && !c.Contains("--dry-run"));
        var imports = (await RunAsync(["import", "list", "--format", "json"], db)).Out;
        var only = Assert.Single(Support.Json.Rows(imports));
        Assert.Equal("built-in dataset", only.GetProperty("source").GetString());
        var fresh = _folder.File("fresh.duckdb");
        Assert.Equal((await RunAsync(["stats", "--format", "json"], fresh)).Out, (await RunAsync(["stats", "--format", "json"], db)).Out);

        // The scratch store's sample import was undone by the README: its figures are back to the built-in ones.
        var scratch = Path.Combine(_folder.Path, "scratch.duckdb");
        var undo = outputs.Single(o => o.Args is ["import", "undo", ..]);
        Assert.Contains("undid import 2 (participations.csv): removed 9 participations", undo.Out);
        Assert.Equal((await RunAsync(["stats", "--format", "json"], fresh)).Out, (await RunAsync(["stats", "--format", "json", "--db", scratch], db)).Out);
    }

    private async Task<(int Code, string Out, string Error)> RunAsync(string[] args, string db)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sesric.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["SESRIC_ANALYTICS_DB"] = db;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
