using System.Text.Json.Nodes;

using Sesric.Analytics.Cli.Commands;
using Sesric.Analytics.Cli.Tests.Readme;
using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Commands;

/// <summary>
/// <c>--model FILE</c> across the verbs. The rule: the verbs that compute measures (<see cref="CommonOptions.ModelVerbs"/>)
/// take it and compute with it; the verbs that never read a model refuse it as an unknown option, so a file is never
/// silently ignored. Also the help generated from a model file and <c>sesric model export</c>, the starting copy.
/// </summary>
public sealed class ModelOptionAcrossVerbsTests : IDisposable
{
    private readonly TempFolder _folder = new("cli");

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("store.duckdb");

    private static string Root => ReadmeCommands.RepositoryRoot();

    private static string Sample => Path.Combine(Root, "samples", "model", "completion-rate.json");

    /// <summary>A complete model: the built-in one exported, with the English label of participants changed.</summary>
    private async Task<string> RelabelledModelAsync(string label)
    {
        var exported = _folder.File("builtin.json");
        await CliRun.SucceedAsync("model", "export", exported);
        var model = JsonNode.Parse(await File.ReadAllTextAsync(exported))!;
        var participants = model["measures"]!.AsArray().Single(m => (string)m!["name"]! == "participants")!;
        participants["label"]!["en"] = label;
        var path = _folder.File("relabelled.json");
        await File.WriteAllTextAsync(path, model.ToJsonString());
        return path;
    }

    private async Task<string> BadModelAsync()
    {
        var path = _folder.File("bad.json");
        await File.WriteAllTextAsync(path, """{ "measures": [ { "name": "rate", "kind": "expression", "expression": "particpants / participants" } ] }""");
        return path;
    }

    [Fact]
    public async Task Report_annual_computes_and_labels_with_the_model_file()
    {
        var model = await RelabelledModelAsync("Attendees of the model file");
        var output = _folder.File("report");

        await CliRun.SucceedAsync("report", "annual", "--db", Db, "--programme", "diplomacy-cab", "--year", "2022", "--no-forecast", "--out", output, "--model", model);

        Assert.Contains("Attendees of the model file", await File.ReadAllTextAsync(Path.Combine(output, "index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_annual_with_a_bad_model_file_fails_with_the_path_of_the_problem_and_writes_nothing()
    {
        var model = await BadModelAsync();
        var output = _folder.File("report");

        var result = await CliRun.RunAsync("report", "annual", "--db", Db, "--programme", "diplomacy-cab", "--year", "2022", "--no-forecast", "--out", output, "--model", model);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains($"model file '{model}': measures[0].expression: unknown measure 'particpants' at position 0; did you mean 'participants'?", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Forecast_draws_its_chart_with_the_model_file()
    {
        var model = await RelabelledModelAsync("Attendees of the model file");
        var chart = _folder.File("forecast.svg");

        await CliRun.SucceedAsync("forecast", "--db", Db, "--programme", "diplomacy-cab", "--chart", chart, "--model", model, "--format", "json");

        Assert.Contains("Attendees of the model file", await File.ReadAllTextAsync(chart), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_with_a_bad_model_file_fails_with_the_path_of_the_problem()
    {
        var model = await BadModelAsync();

        var result = await CliRun.RunAsync("forecast", "--db", Db, "--programme", "diplomacy-cab", "--model", model);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains($"model file '{model}': measures[0].expression: unknown measure 'particpants'", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stats")]
    [InlineData("editions")]
    [InlineData("member-states")]
    [InlineData("import", "list")]
    [InlineData("export", "--out", "x.csv")]
    [InlineData("generate", "--rows", "10")]
    [InlineData("keys", "list")]
    [InlineData("backtest", "--programme", "diplomacy-cab")]
    [InlineData("migrate-store", "--to", "postgresql://u@127.0.0.1:1/db")]
    public async Task A_verb_that_never_reads_a_model_refuses_the_option_rather_than_ignore_the_file(params string[] verb)
    {
        var result = await CliRun.RunAsync([.. verb, "--db", Db, "--model", Sample]);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("Unrecognized command or argument '--model'", result.Error, StringComparison.Ordinal);
        Assert.Contains($"--model is taken only by the verbs that compute measures ({CommonOptions.ModelVerbs})", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public async Task Query_help_with_a_model_file_lists_its_measures_too()
    {
        var plain = (await CliRun.SucceedAsync("query", "--help")).Out;
        var withModel = (await CliRun.SucceedAsync("query", "--help", "--model", Sample)).Out;

        var added = SemanticModelFile.Load(Sample).Measures.Where(m => m.IsUserDefined).Select(m => m.Name).ToArray();
        Assert.Contains("completion_rate", added);
        Assert.All(added, m => Assert.Contains(m, withModel, StringComparison.Ordinal));
        Assert.All(SemanticModel.Default.Measures, m => Assert.Contains(m.Name, withModel, StringComparison.Ordinal));
        Assert.DoesNotContain("completion_rate", plain, StringComparison.Ordinal);
        Assert.Contains("sesric query --help --model FILE", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_help_with_a_bad_model_file_names_the_problem()
    {
        var model = await BadModelAsync();

        var result = await CliRun.RunAsync("query", "--help", "--model", model);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains($"model file '{model}': measures[0].expression", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Model_export_writes_a_complete_model_file_that_validates_and_reloads_to_the_same_model(bool fromSample)
    {
        var file = _folder.File("exported.json");
        string[] model = fromSample ? ["--model", Sample] : [];

        await CliRun.SucceedAsync(["model", "export", file, .. model]);

        // The library's complete-model text, which the Semantic tests validate against model.schema.json and reload field by field.
        var text = await File.ReadAllTextAsync(file);
        Assert.Equal(SemanticModelFile.CompleteModelJson(fromSample ? Sample : null), text);
        Assert.True(ModelExtension.Parse(text).IsCompleteModel);
        // The listing of the exported file equals the listing of the model it was exported from.
        var original = (await CliRun.SucceedAsync(["model", "show", "--format", "json", .. model])).Out;
        var reloaded = (await CliRun.SucceedAsync("model", "show", "--format", "json", "--model", file)).Out;
        Assert.Equal(original, reloaded);
        // And a query over a measure of the file answers the same from the copy.
        var measure = fromSample ? "completion_rate" : "participants";
        var query = new[] { "query", "--db", Db, "--measure", measure, "--by", "year", "--format", "json" };
        Assert.Equal((await CliRun.SucceedAsync([.. query, .. model])).Out, (await CliRun.SucceedAsync([.. query, "--model", file])).Out);
    }

    [Fact]
    public async Task Model_export_without_a_file_writes_the_built_in_model_to_standard_output()
    {
        var result = await CliRun.SucceedAsync("model", "export");

        Assert.Equal(SemanticModel.BuiltinModelJson(), result.Out);
    }
}
