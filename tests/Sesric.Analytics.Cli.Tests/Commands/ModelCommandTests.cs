using System.Text.Json;

using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Cli.Tests.Commands;

/// <summary><c>sesric model show</c> and the help generated from the model.</summary>
public sealed class ModelCommandTests
{
    [Fact]
    public async Task Model_show_lists_every_dimension_and_measure_of_the_model_with_traits()
    {
        var json = JsonDocument.Parse((await CliRun.SucceedAsync("model", "show", "--format", "json")).Out).RootElement;

        var rows = json.EnumerateArray().ToArray();
        Assert.Equal(
            SemanticModel.Default.Dimensions.Select(d => "dimension/" + d.Name).Concat(SemanticModel.Default.Measures.Select(m => "measure/" + m.Name)),
            rows.Select(r => r.GetProperty("kind").GetString() + "/" + r.GetProperty("name").GetString()));
        var year = rows.Single(r => r.GetProperty("name").GetString() == "year");
        Assert.Equal("time:year level:edition", year.GetProperty("traits").GetString());
        var state = rows.Single(r => r.GetProperty("name").GetString() == "member_state");
        Assert.Equal("names:country level:member_state", state.GetProperty("traits").GetString());
        Assert.Equal("published totals", rows.Single(r => r.GetProperty("name").GetString() == "published_participants").GetProperty("values").GetString());
    }

    [Fact]
    public async Task Query_help_lists_the_models_measures_and_dimensions()
    {
        var help = (await CliRun.SucceedAsync("query", "--help")).Out;

        Assert.All(SemanticModel.Default.Measures, m => Assert.Contains(m.Name, help, StringComparison.Ordinal));
        Assert.All(SemanticModel.Default.Dimensions, d => Assert.Contains(d.Name, help, StringComparison.Ordinal));
    }
}
