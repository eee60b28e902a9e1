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
}
