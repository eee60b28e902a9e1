using System.Text.Json;

using Sesric.Analytics.Cli.Tests.Readme;
using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Commands;

/// <summary><c>--model FILE</c>: a model file's measures in query, chart and model show, without recompiling.</summary>
public sealed class ModelFileCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("cli");

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("store.duckdb");

    private static string Sample => Path.Combine(ReadmeCommands.RepositoryRoot(), "samples", "model", "completion-rate.json");

    [Fact]
    public async Task Query_computes_completion_rate_by_year_from_the_model_file()
    {
        var rows = Json.Rows((await CliRun.SucceedAsync("query", "--db", Db, "--measure", "completion_rate,completers,participants", "--by", "year", "--model", Sample, "--policy", "internal", "--format", "json")).Out);

        Assert.NotEmpty(rows);
        Assert.Contains(rows, r => r.GetProperty("completers").GetInt64() > 0);
        Assert.All(rows, r => Assert.Equal(
            (double)r.GetProperty("completers").GetInt64() / r.GetProperty("participants").GetInt64(),
            r.GetProperty("completion_rate").GetDouble(), 12));
    }

    [Fact]
    public async Task Under_the_public_policy_completion_rate_stays_within_0_and_100_percent()
    {
        var result = await CliRun.SucceedAsync("query", "--db", Db, "--measure", "completion_rate", "--by", "member_state", "--model", Sample, "--format", "json");

        Assert.All(Json.Rows(result.Out), r => Assert.True(r.GetProperty("completion_rate").ValueKind == JsonValueKind.Null || r.GetProperty("completion_rate").GetDouble() is >= 0 and <= 1));
    }

    [Fact]
    public async Task Without_the_model_file_the_measure_is_unknown()
    {
        var result = await CliRun.RunAsync("query", "--db", Db, "--measure", "completion_rate");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("unknown measure 'completion_rate'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_show_lists_the_files_measures_with_their_definition()
    {
        var rows = Json.Rows((await CliRun.SucceedAsync("model", "show", "--model", Sample, "--format", "json")).Out);

        var rate = rows.Single(r => r.GetProperty("name").GetString() == "completion_rate");
        Assert.Equal(("measure", "user:expression", "participants[attendance = \"completed\"] / participants", "percent"),
            (rate.GetProperty("kind").GetString(), rate.GetProperty("traits").GetString(), rate.GetProperty("values").GetString(), rate.GetProperty("format").GetString()));
        Assert.Contains(rows, r => r.GetProperty("name").GetString() == "attendance");
    }

    [Fact]
    public async Task A_bad_model_file_fails_naming_the_file_the_path_and_the_position()
    {
        var model = _folder.File("bad.json");
        await File.WriteAllTextAsync(model, """{ "measures": [ { "name": "rate", "kind": "expression", "expression": "participants[attendance = \"completed\"] / particpants" } ] }""");

        var result = await CliRun.RunAsync("query", "--db", Db, "--measure", "participants", "--model", model);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal($"sesric: model file '{model}': measures[0].expression: unknown measure 'particpants' at position 41; did you mean 'participants'?", result.Error.Trim());
    }

    [Fact]
    public async Task Serve_with_a_bad_model_file_will_not_start_and_names_the_problem()
    {
        var model = _folder.File("bad.json");
        await File.WriteAllTextAsync(model, """{ "measures": [ { "name": "participants", "kind": "expression", "expression": "participations" } ] }""");

        var result = await CliRun.RunAsync("serve", "--db", Db, "--dev", "--address", "http://127.0.0.1:0", "--json-address", "", "--metrics-address", "", "--model", model);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains($"the service will not start: Sesric:ModelPath: model file '{model}': measures[0].name: 'participants' is a built-in measure", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chart_draws_a_spec_that_names_a_user_measure_with_its_label_and_percent_axis()
    {
        var spec = _folder.File("rate.json");
        await File.WriteAllTextAsync(spec, """{"id":"rate","mark":"line","measure":"completion_rate","category":"year"}""");
        var output = _folder.File("rate.svg");

        await CliRun.SucceedAsync("chart", "--db", Db, "--spec", spec, "--model", Sample, "--out", output);

        var svg = await File.ReadAllTextAsync(output);
        Assert.Contains("Completion rate", svg, StringComparison.Ordinal);
        // The axis follows the measure's format from the model file (percent), not a count's.
        Assert.Contains(">40%<", svg, StringComparison.Ordinal);
    }
}
