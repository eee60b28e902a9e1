using Sesric.Analytics.Cli.Tests.Readme;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Cli.Tests.Architecture;

/// <summary>No code outside the model decides anything by a dimension's name (<see cref="DimensionNameRules"/>).</summary>
public sealed class DimensionNameTests
{
    private static readonly string[] Names = [.. SemanticModel.Default.Dimensions.Select(d => d.Name)];

    [Fact]
    public void No_source_outside_the_model_compares_with_a_dimension_name()
    {
        var violations = DimensionNameRules.Scan(Path.Combine(ReadmeCommands.RepositoryRoot(), "src"), Names);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void The_semantic_engine_outside_the_model_names_no_dimension_but_its_listed_exceptions()
    {
        var root = Path.Combine(ReadmeCommands.RepositoryRoot(), "src");

        var violations = DimensionNameRules.ScanEngine(root, Names);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.All(DimensionNameRules.EngineExceptions.Keys, file =>
            Assert.NotEmpty(DimensionNameRules.Literals(file, File.ReadAllText(Path.Combine(root, DimensionNameRules.EngineFolder, file)), Names)));
    }

    [Theory]
    [InlineData("public const string ProgrammeField = \"programme\";", 1)]
    [InlineData("return FilterExpression.Equal(\"year\", y);", 1)]
    [InlineData("var label = \"years\" + $\"{year}\";", 0)]
    [InlineData("/// FilterExpression.Equal(\"programme\", \"diplomacy-cab\")", 0)]
    public void The_engine_rule_sees_a_dimension_name_spelt_in_code_but_not_in_comments_or_longer_words(string line, int expected)
    {
        Assert.Equal(expected, DimensionNameRules.Literals("x.cs", line, Names).Count());
    }

    [Theory]
    [InlineData("var f = column.Name == \"year\" ? ValueFormat.Year : column.Format;")]
    [InlineData("if (dimensions.Any(d => d.Name is \"edition\" or \"date\"))")]
    [InlineData("    case \"member_state\" or \"host_country\" when ok:")]
    [InlineData("if (\"programme\" != name)")]
    public void The_rule_sees_each_way_of_deciding_by_name(string line)
    {
        // Without this, a rule that matched nothing would pass the scan above vacuously.
        Assert.Single(DimensionNameRules.Violations("x.cs", line, Names));
    }

    [Theory]
    [InlineData("SemanticQuery.Of(\"participants\").By(\"year\")")]
    [InlineData("/// a card's category is year (\"year\" == the default)")]
    [InlineData("var category = visual.Category ?? vocabulary.YearDimension;")]
    public void Naming_a_dimension_as_data_or_in_a_comment_is_not_deciding_by_it(string line)
    {
        Assert.Empty(DimensionNameRules.Violations("x.cs", line, Names));
    }
}
