using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Commands;

/// <summary>No .NET wording reaches the user: parse errors, argument checks and help speak the README's language (issue 13, item 13).</summary>
public sealed class MessageWordingTests : IDisposable
{
    private readonly TempFolder _folder = new("cli");

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("store.duckdb");

    [Theory]
    [InlineData("--format 'xml' is not one of table, csv, json, tsv.", "editions", "--format", "xml")]
    [InlineData("--format 'xml' is not one of table, csv, json, tsv.", "query", "-m", "participants", "-f", "xml")]
    [InlineData("--limit 'abc' is not a whole number.", "query", "-m", "participants", "--limit", "abc")]
    [InlineData("--progress 'sometimes' is not one of auto, always, never.", "stats", "--progress", "sometimes")]
    [InlineData("limit must not be negative, was -2.", "query", "-m", "participants", "--limit", "-2")]
    [InlineData("participations must be 0 or more, was -2.", "generate", "-n", "-2", "--out", "g")]
    [InlineData("IMPORT 'two' is not a whole number.", "import", "undo", "two")]
    public async Task A_bad_value_is_named_in_the_users_terms_with_exit_code_1(string expected, params string[] args)
    {
        var result = await SesricProcess.RunAsync(_folder.Path, [.. args, "--db", Db]);

        Assert.True(result.ExitCode == ExitCodes.UserError, result.ToString());
        Assert.Contains($"sesric: {expected}", result.Error);
        foreach (var leak in new[] { "(Parameter", "Actual value was", "Cannot parse argument", "expected type", "Sesric.Analytics.", "System.", "Did you mean", "   at " })
        {
            Assert.DoesNotContain(leak, result.Error);
        }
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Help_writes_choices_in_lower_case_as_the_readme_does()
    {
        var help = await CliRun.SucceedAsync("query", "--help");

        Assert.Contains("--format <table|csv|json|tsv>", help.Out);
        Assert.Contains("--progress <auto|always|never>", help.Out);
        Assert.DoesNotContain("Csv|Json|Table", help.Out);
        Assert.DoesNotContain("[default: Table]", help.Out);
        Assert.DoesNotContain("[default: Auto]", help.Out);
    }

    [Fact]
    public async Task Upper_case_choices_are_accepted()
    {
        var result = await CliRun.SucceedAsync("stats", "--db", Db, "--format", "CSV");

        Assert.StartsWith("programme,edition,year", result.Out);
    }
}
