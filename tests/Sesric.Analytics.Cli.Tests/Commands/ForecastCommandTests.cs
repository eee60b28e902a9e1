using System.Text.Json;

using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Commands;

/// <summary>sesric forecast and sesric backtest: real training on the built-in dataset.</summary>
public sealed class ForecastCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("cli");

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("store.duckdb");

    [Fact]
    public async Task Forecast_as_json_gives_both_figures_inside_their_intervals_with_the_chosen_model()
    {
        var rows = Json.Rows((await CliRun.SucceedAsync("forecast", "--db", Db, "--programme", "diplomacy-cab",
            "--scenario", "modality=in_person,duration=5", "--format", "json")).Out);

        Assert.Equal(["participants", "member_states"], rows.Select(r => r.GetProperty("target").GetString()));
        foreach (var r in rows)
        {
            var point = r.GetProperty("forecast").GetDouble();
            Assert.InRange(point, r.GetProperty("lower_80").GetDouble(), r.GetProperty("upper_80").GetDouble());
            Assert.True(r.GetProperty("lower_95").GetDouble() <= r.GetProperty("lower_80").GetDouble());
            Assert.Equal("modality=in_person,duration=5", r.GetProperty("scenario").GetString());
            Assert.False(string.IsNullOrEmpty(r.GetProperty("model").GetString()));
            Assert.True(r.GetProperty("backtest_points").GetInt32() > 0);
        }
        Assert.InRange(rows[1].GetProperty("forecast").GetDouble(), 1, 57);
    }

    [Fact]
    public async Task Two_scenarios_give_two_forecasts_each_and_a_chart()
    {
        var chart = _folder.File("forecast.svg");
        var result = await CliRun.SucceedAsync("forecast", "--db", Db, "-p", "diplomacy-cab", "-s", "modality=virtual", "-s", "modality=in_person", "--chart", chart, "-f", "csv");

        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("programme,scenario,edition,year,target,forecast,", lines[0]);
        Assert.Contains("<svg", await File.ReadAllTextAsync(chart));
    }

    [Theory]
    [InlineData("--scenario", "colour=blue")]
    [InlineData("--scenario", "duration=lots")]
    public async Task Bad_scenario_exits_1_naming_the_field(string option, string value)
    {
        var result = await CliRun.RunAsync("forecast", "--db", Db, "--programme", "diplomacy-cab", option, value);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains(value.Split('=')[0], result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Unknown_programme_exits_1_and_lists_the_known_ones()
    {
        var result = await CliRun.RunAsync("forecast", "--db", Db, "--programme", "no-such-programme");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("diplomacy-cab", result.Error);
    }

    [Fact]
    public async Task Backtest_as_json_scores_every_candidate_and_marks_one_chosen_per_figure()
    {
        var rows = Json.Rows((await CliRun.SucceedAsync("backtest", "--db", Db, "--format", "json")).Out);

        foreach (var target in new[] { "participants", "member_states" })
        {
            var pooled = rows.Where(r => r.GetProperty("target").GetString() == target && r.GetProperty("programme").GetString() == "all").ToArray();
            Assert.Contains(pooled, r => r.GetProperty("candidate").GetString() == "naive");
            Assert.Single(pooled, r => r.GetProperty("chosen").GetBoolean());
            var naive = pooled.Single(r => r.GetProperty("candidate").GetString() == "naive");
            Assert.Equal(1.0, naive.GetProperty("mase").GetDouble(), 3);
        }
        Assert.Contains(rows, r => r.GetProperty("programme").GetString() == "diplomacy-cab");
        Assert.All(rows, r => Assert.True(r.GetProperty("mae").ValueKind == JsonValueKind.Number));
    }

    [Fact]
    public async Task Backtest_rejects_an_unknown_target_with_exit_1()
    {
        var result = await CliRun.RunAsync("backtest", "--db", Db, "--target", "budget");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
    }
}
