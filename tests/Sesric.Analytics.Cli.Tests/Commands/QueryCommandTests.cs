using System.Text.Json;

using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Commands;

/// <summary>sesric query over a new store seeded with the built-in dataset.</summary>
public sealed class QueryCommandTests : IDisposable
{
    private const string Filter2020 = "programme = \"diplomacy-cab\" AND year = 2020";
    private readonly TempFolder _folder = new("cli");

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("store.duckdb");

    [Fact]
    public async Task Diplomacy_2020_has_81_participants_from_29_member_states_as_a_table()
    {
        var result = await CliRun.SucceedAsync("query", "--db", Db, "--measure", "participants", "--measure", "member_states", "--by", "year", "--filter", Filter2020, "--format", "table");

        var line = result.Out.Split('\n').Single(l => l.Contains("2020"));
        Assert.Matches(@"2020\s*│\s*81\s*│\s*29", line);
        Assert.Contains("policy public", result.Error);
    }

    [Fact]
    public async Task Json_output_parses_back_with_protected_numbers_never_1_or_2()
    {
        var rows = Json.Rows((await CliRun.SucceedAsync("query", "--db", Db, "-m", "participants", "--by", "member_state", "--filter", Filter2020, "--format", "json")).Out);

        Assert.Equal(29, rows.Length);
        Assert.All(rows, r => Assert.Equal(JsonValueKind.Number, r.GetProperty("participants").ValueKind));
        Assert.All(rows, r => Assert.DoesNotContain(r.GetProperty("participants").GetInt64(), new long[] { 1, 2 }));
    }

    [Fact]
    public async Task Two_runs_and_two_phrasings_of_one_cell_give_one_public_value()
    {
        var byState = Json.Rows((await CliRun.SucceedAsync("query", "--db", Db, "-m", "participants", "--by", "member_state", "--filter", Filter2020, "-f", "json")).Out)
            .ToDictionary(r => r.GetProperty("member_state").GetString()!, r => r.GetProperty("participants").GetInt64());
        foreach (var state in byState.Keys.Take(3))
        {
            var alone = Json.Rows((await CliRun.SucceedAsync("query", "--db", Db, "-m", "participants", "--filter", $"{Filter2020} AND member_state = \"{state}\"", "-f", "json")).Out);
            Assert.Equal(byState[state], Assert.Single(alone).GetProperty("participants").GetInt64());
        }
    }

    [Fact]
    public async Task A_public_complement_filter_is_a_user_error_that_says_why_and_what_to_do()
    {
        var result = await CliRun.RunAsync("query", "--db", Db, "-m", "participants", "--filter", Filter2020 + " AND member_state != \"GAB\"");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("single out a person", result.Error);
        Assert.Contains("internal", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Internal_policy_shows_every_cell_and_they_add_up_to_81()
    {
        var rows = Json.Rows((await CliRun.SucceedAsync("query", "--db", Db, "-m", "participants", "--by", "member_state", "--filter", Filter2020, "--policy", "internal", "-f", "json")).Out);

        Assert.Equal(81, rows.Sum(r => r.GetProperty("participants").GetInt64()));
    }

    [Fact]
    public async Task Table_shows_withheld_cells_with_a_marker_and_names_the_perturbation_table()
    {
        var table = await CliRun.SucceedAsync("query", "--db", Db, "-m", "participants", "-m", "member_states", "--by", "gender", "--filter", Filter2020);
        Assert.Contains("…", table.Out);
        Assert.Contains("withheld", table.Error);
        Assert.Contains("ptable-v1", table.Error);

        var csv = await CliRun.SucceedAsync("query", "--db", Db, "-m", "participants", "--by", "member_state", "--filter", Filter2020, "-f", "csv", "--limit", "3", "--order-by", "member_state desc");
        var lines = csv.Out.TrimEnd('\n').Split('\n');
        Assert.Equal("member_state,participants", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.True(string.CompareOrdinal(lines[1], lines[2]) > 0, csv.Out);
    }

    [Fact]
    public async Task Unknown_measure_exits_1_and_lists_the_valid_ones_without_a_stack_trace()
    {
        var result = await CliRun.RunAsync("query", "--db", Db, "-m", "participantz");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("participantz", result.Error);
        Assert.Contains("member_states", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Filter_syntax_error_exits_1_and_names_the_position()
    {
        var result = await CliRun.RunAsync("query", "--db", Db, "-m", "participants", "--filter", "year = = 2020");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("position 7", result.Error);
    }

    [Fact]
    public async Task The_removed_k_option_is_a_user_error()
    {
        var result = await CliRun.RunAsync("query", "--db", Db, "-m", "participants", "--k", "5");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("--k", result.Error);
    }
}
