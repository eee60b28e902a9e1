using System.Text.RegularExpressions;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Commands;

/// <summary>Tables on terminals of real widths, and what a pipe gets (issue 13, item 12).</summary>
public sealed partial class TerminalOutputTests : IDisposable
{
    private readonly TempFolder _folder = new("cli");

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("store.duckdb");

    public static TheoryData<int, string[]> Listings() => new()
    {
        { 120, ["editions"] },
        { 80, ["editions"] },
        { 120, ["stats"] },
        { 120, ["query", "-m", "participants,participants_per_edition,female_share,coverage", "--by", "programme,year", "--policy", "internal"] },
        { 60, ["query", "-m", "participants,participants_per_edition,female_share", "--by", "programme,year", "--policy", "internal"] },
        { 120, ["forecast", "--programme", "diplomacy-cab"] },
        { 200, ["editions"] },
    };

    [Theory]
    [MemberData(nameof(Listings))]
    public async Task On_a_terminal_no_line_is_wider_than_it_and_no_value_is_split(int width, string[] args)
    {
        await CliRun.SucceedAsync("stats", "--db", Db); // create the store first, so the runs below print only their output
        var tsv = await CliRun.SucceedAsync([.. args, "--db", Db, "-f", "tsv"]);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SesricCli.RunAsync([.. args, "--db", Db], new CliConsole(output, error, OutIsTerminal: true, ErrorIsTerminal: false) { Width = width });

        Assert.Equal(ExitCodes.Success, code);
        var text = Ansi().Replace(output.ToString(), "");
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= width, $"a line of {l.Length} characters on a {width}-column terminal:\n{l}"));
        // Every value without a space (numbers, dates, codes, percentages) appears whole on one line.
        var values = tsv.Out.TrimEnd('\n').Split('\n').Skip(1).SelectMany(l => l.Split('\t')).Where(v => v.Length > 0 && !v.Contains(' ')).Distinct();
        Assert.All(values, v => Assert.True(lines.Any(l => Regex.IsMatch(l, $@"(^|[\s│]){Regex.Escape(v)}($|[\s│])")), $"'{v}' is split or missing:\n{text}"));
    }

    [Fact]
    public async Task A_wide_enough_terminal_gets_a_drawn_table()
    {
        using var output = new StringWriter();
        await SesricCli.RunAsync(["stats", "--db", Db], new CliConsole(output, new StringWriter(), OutIsTerminal: true, ErrorIsTerminal: false) { Width = 200 });

        Assert.Contains("│ diplomacy-cab", output.ToString());
    }

    [Fact]
    public async Task A_pipe_gets_tab_separated_lines_without_table_layout_by_default()
    {
        var result = await CliRun.SucceedAsync("forecast", "--programme", "diplomacy-cab", "--db", Db);

        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.DoesNotContain("│", result.Out);
        Assert.DoesNotContain("─", result.Out);
        var columns = lines[0].Split('\t').Length;
        Assert.True(columns > 5, lines[0]);
        Assert.All(lines, l => Assert.Equal(columns, l.Split('\t').Length));
        Assert.All(lines, l => Assert.DoesNotContain("  ", l));
    }

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Ansi();
}
