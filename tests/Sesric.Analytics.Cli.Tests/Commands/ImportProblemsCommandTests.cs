using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Commands;

/// <summary>What a rejected import prints, run as the real process (issue 13, items 14 and 15).</summary>
public sealed class ImportProblemsCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("cli");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Participations_before_their_programmes_say_the_cause_once_with_the_true_count()
    {
        var data = _folder.File("gen");
        await CliRun.SucceedAsync("generate", "--participations", "2000", "--seed", "3", "--out", data);

        var result = await SesricProcess.RunAsync(_folder.Path, "import", "participations", Path.Combine(data, "participations.csv"), "--db", _folder.File("s.duckdb"));

        Assert.True(result.ExitCode == ExitCodes.UserError, result.ToString());
        var lines = result.Error.TrimEnd('\n').Split('\n').Where(l => !l.StartsWith("sesric: creating", StringComparison.Ordinal)).ToArray();
        Assert.Equal("sesric: 2,000 problem(s) found; nothing was imported:", lines[0]);
        var cause = Assert.Single(lines[1..]);
        Assert.StartsWith("  2,000 rows (lines 2, 3, 4, …), column programme = 'synthetic-", cause);
        Assert.Contains("unknown programme: import the programmes first (sesric import programmes FILE, then editions)", cause);
        Assert.False(File.Exists(_folder.File("s.duckdb")));
    }

    [Fact]
    public async Task A_semicolon_separated_file_is_told_about_its_separator()
    {
        var sample = await File.ReadAllTextAsync(Path.Combine(Readme.ReadmeCommands.RepositoryRoot(), "samples", "participations.csv"));
        var semicolons = _folder.File("excel.csv");
        await File.WriteAllTextAsync(semicolons, sample.Replace(',', ';'));

        var result = await SesricProcess.RunAsync(_folder.Path, "import", "participations", semicolons, "--db", _folder.File("s.duckdb"));

        Assert.True(result.ExitCode == ExitCodes.UserError, result.ToString());
        Assert.Contains("sesric: 1 problem(s) found", result.Error);
        Assert.Contains("separated by semicolons (';'), but sesric reads comma-separated CSV", result.Error);
        Assert.DoesNotContain("missing column", result.Error);
    }

    [Fact]
    public async Task An_export_that_cannot_be_written_names_the_target_not_a_temporary_file()
    {
        var folder = Directory.CreateDirectory(_folder.File("a-folder")).FullName;
        var blocker = _folder.File("a-file");
        await File.WriteAllTextAsync(blocker, "x");
        var db = _folder.File("s.duckdb");
        await CliRun.SucceedAsync("stats", "--db", db);

        var onFolder = await SesricProcess.RunAsync(_folder.Path, "export", "editions", folder, "--db", db);
        var underFile = await SesricProcess.RunAsync(_folder.Path, "export", "editions", Path.Combine(blocker, "e.csv"), "--db", db);

        Assert.True(onFolder.ExitCode == ExitCodes.UserError, onFolder.ToString());
        Assert.Contains($"sesric: cannot write '{folder}': it is a folder", onFolder.Error);
        Assert.True(underFile.ExitCode == ExitCodes.UserError, underFile.ToString());
        Assert.Contains($"sesric: cannot write '{Path.Combine(blocker, "e.csv")}': '{blocker}' is a file, not a folder.", underFile.Error);
        Assert.DoesNotContain(".tmp", onFolder.Error + underFile.Error);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }
}
