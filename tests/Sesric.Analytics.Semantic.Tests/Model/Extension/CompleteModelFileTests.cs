using System.Text.Json.Nodes;

using Json.Schema;

using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic.Tests.Execution;

namespace Sesric.Analytics.Semantic.Tests.Model.Extension;

/// <summary>
/// The built-in model is a complete model file (src/Sesric.Analytics.Semantic/Model/builtin-model.json), embedded and read
/// by the loader that reads user files; a copy of it, edited, replaces the built-in model; every way its dimensions and
/// base measures can be wrong fails at load with the JSON path of the problem.
/// </summary>
public sealed class CompleteModelFileTests(BuiltInStoreFixture fixture) : IClassFixture<BuiltInStoreFixture>
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(ModelFiles.Schema);

    private static bool Valid(string json) =>
        Schema.Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List }).IsValid;

    private static JsonObject Builtin() => JsonNode.Parse(SemanticModel.BuiltinModelJson())!.AsObject();

    private static ModelFileException Load(JsonObject file) =>
        Assert.Throws<ModelFileException>(() => SemanticModel.FromFile(ModelExtension.Parse(file.ToJsonString())));

    [Fact]
    public void The_embedded_built_in_model_is_the_source_file_and_validates_against_the_published_schema()
    {
        var source = File.ReadAllText(Path.Combine(Path.GetDirectoryName(ModelFiles.Schema)!, SemanticModel.BuiltinModelFile));

        Assert.Equal(source, SemanticModel.BuiltinModelJson());
        Assert.True(Valid(source));
        Assert.True(ModelExtension.Parse(source).IsCompleteModel);
    }

    [Fact]
    public void The_complete_sample_validates_against_the_schema_and_replaces_the_built_in_model()
    {
        var path = Path.Combine(Path.GetDirectoryName(ModelFiles.Sample)!, "registry-only.json");

        var model = SemanticModelFile.Load(path);

        Assert.True(Valid(File.ReadAllText(path)));
        Assert.Equal(["programme", "edition", "year", "member_state", "gender", "attendance"], model.Dimensions.Select(d => d.Name));
        Assert.Equal(["participants", "participations", "member_states", "female_share", "completion_rate"], model.Measures.Select(m => m.Name));
        Assert.False(model.TryGetMeasure("coverage", out _));
    }

    [Fact]
    public void The_built_in_model_lists_the_files_dimensions_and_measures_in_file_order()
    {
        var file = Builtin();

        Assert.Equal(file["dimensions"]!.AsArray().Select(d => (string)d!["name"]!), SemanticModel.Default.Dimensions.Select(d => d.Name));
        Assert.Equal(file["measures"]!.AsArray().Select(m => (string)m!["name"]!), SemanticModel.Default.Measures.Select(m => m.Name));
        Assert.All(SemanticModel.Default.Measures, m => Assert.False(m.IsUserDefined));
    }

    [Fact]
    public async Task A_copy_of_the_built_in_file_loaded_from_disk_answers_queries_as_the_built_in_model_does()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sesric-model-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, SemanticModel.BuiltinModelJson());
        try
        {
            var copy = SemanticModelFile.Load(path);
            var query = SemanticQuery.Of([.. SemanticModel.Default.Measures.Select(m => m.Name), "yoy_pct(participants)"]).By("programme", "year");

            var expected = await new QueryEngine(fixture.Store, SemanticModel.Default).ExecuteAsync(query);
            var actual = await new QueryEngine(fixture.Store, copy).ExecuteAsync(query);

            Assert.NotSame(SemanticModel.Default, copy);
            Assert.NotEmpty(expected.Rows);
            Assert.Equal(Cells(expected), Cells(actual));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_edited_copy_replaces_the_built_in_model_with_its_own_dimensions_labels_and_derived_measures()
    {
        var file = Builtin();
        var dimensions = file["dimensions"]!.AsArray();
        dimensions.Remove(dimensions.Single(d => (string)d!["name"]! == "gender"));
        var year = dimensions.Single(d => (string)d!["name"]! == "year")!;
        year["name"] = "calendar_year";
        year["label"]!["fr"] = "Année civile";
        file["measures"]!.AsArray().Add(JsonNode.Parse("""{ "name": "completion_rate", "kind": "expression", "expression": "participants[attendance = \"completed\"] / participants" }"""));

        var model = SemanticModel.FromFile(ModelExtension.Parse(file.ToJsonString()));
        var table = await new QueryEngine(fixture.Store, model).ExecuteAsync(
            SemanticQuery.Of("participants", "yoy_change(participants)", "completion_rate").By("calendar_year").WithPolicy(DisclosurePolicy.Internal));
        var reference = await new QueryEngine(fixture.Store, SemanticModel.Default).ExecuteAsync(
            SemanticQuery.Of("participants", "yoy_change(participants)").By("year").WithPolicy(DisclosurePolicy.Internal));

        Assert.False(model.TryGetDimension("gender", out _));
        Assert.True(model.TryGetDimension("calendar_year", out var renamed) && renamed.Time == TimeGrain.Year);
        Assert.Equal("Année civile", renamed.Label.In(Sesric.Analytics.Model.Language.French));
        Assert.True(model.TryGetMeasure("completion_rate", out var rate) && rate.IsUserDefined);
        Assert.Equal(reference.Rows.Select(r => (r[0].Value, r[1].Value, r[2].Value)), table.Rows.Select(r => (r[0].Value, r[1].Value, r[2].Value)));
        Assert.All(table.Rows, r => Assert.True(r[3].Value is null or (>= 0.0 and <= 1.0)));
    }

    [Fact]
    public void A_complete_model_is_not_an_extension_and_an_extension_is_not_a_model()
    {
        var complete = ModelExtension.Parse(SemanticModel.BuiltinModelJson());
        var extension = ModelExtension.Parse(File.ReadAllText(ModelFiles.Sample));

        Assert.Throws<ArgumentException>(() => SemanticModel.Default.With(complete));
        Assert.Throws<ArgumentException>(() => SemanticModel.FromFile(extension));
        Assert.False(extension.IsCompleteModel);
    }

    [Fact]
    public void A_base_measure_in_a_file_that_extends_the_built_in_model_names_its_path()
    {
        var e = Assert.Throws<ModelFileException>(() => ModelExtension.Parse(
            """{ "measures": [ { "name": "people", "kind": "count_distinct", "aggregate": "distinct_people", "description": "People." } ] }"""));

        Assert.Equal("measures[0].aggregate", e.Path);
        Assert.StartsWith("a base measure (one naming an aggregate) belongs to a complete model", e.Problem, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string> Mistakes => new()
    {
        // dimension index or measure index, property, new value (JSON), expected path and start of the problem
        { "dimensions[2]", "column", "\"yaer\"", "dimensions[2].column: unknown column 'yaer'; did you mean 'year'?" },
        { "dimensions[2]", "type", "\"string\"", "dimensions[2].type: the column 'year' holds integer values, not string" },
        { "dimensions[0]", "time", "\"year\"", "dimensions[0].time: a time dimension of grain year needs an integer column, not string" },
        { "dimensions[0]", "names", "\"country_code\"", "dimensions[0].names: unknown value 'country_code'" },
        { "dimensions[0]", "ordered", "\"yes\"", "dimensions[0].ordered: must be true or false, not a string" },
        { "dimensions[0]", "colour", "\"red\"", "dimensions[0].colour: unknown property 'colour'" },
        { "dimensions[1]", "name", "\"programme\"", "dimensions[1].name: 'programme' is already defined by dimensions[0]" },
        { "dimensions[1]", "name", "\"Edition\"", "dimensions[1].name: 'Edition' is not a valid name" },
        { "measures[4]", "aggregate", "\"member_state_coverag\"", "measures[4].aggregate: unknown aggregate 'member_state_coverag'; did you mean 'member_state_coverage'?" },
        { "measures[4]", "kind", "\"count\"", "measures[4].kind: the aggregate 'member_state_coverage' is of kind ratio, not count" },
        { "measures[4]", "kind", "\"median\"", "measures[4].kind: unknown kind 'median' for a base measure" },
        { "measures[4]", "format", "\"integer\"", "measures[4].format: the aggregate 'member_state_coverage' has fractions" },
        { "measures[0]", "format", "\"percent\"", "measures[0].format: the aggregate 'distinct_people' is a whole-number count" },
        { "measures[1]", "name", "\"year\"", "measures[1].name: 'year' is already defined by dimensions[2]" },
        { "measures[1]", "name", "\"participants\"", "measures[1].name: 'participants' is already defined by measures[0]" },
        { "measures[1]", "name", "\"running_total\"", "measures[1].name: 'running_total' is a time-intelligence function" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_mistake_in_a_dimension_or_base_measure_names_its_json_path(string item, string property, string value, string expected)
    {
        var file = Builtin();
        var open = item.IndexOf('[', StringComparison.Ordinal);
        var target = file[item[..open]]!.AsArray()[int.Parse(item[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
        target[property] = JsonNode.Parse(value);

        var e = Load(file);

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dimensions[2]", "column", "\"yaer\"")]
    [InlineData("dimensions[0]", "names", "\"country_code\"")]
    [InlineData("dimensions[0]", "ordered", "\"yes\"")]
    [InlineData("dimensions[0]", "colour", "\"red\"")]
    [InlineData("dimensions[1]", "name", "\"Edition\"")]
    [InlineData("measures[4]", "aggregate", "\"member_state_coverag\"")]
    [InlineData("measures[4]", "kind", "\"median\"")]
    public void A_shape_the_loader_refuses_the_schema_refuses_too(string item, string property, string value)
    {
        var file = Builtin();
        var open = item.IndexOf('[', StringComparison.Ordinal);
        file[item[..open]]!.AsArray()[int.Parse(item[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]![property] = JsonNode.Parse(value);

        Load(file);
        Assert.False(Valid(file.ToJsonString()));
    }

    [Fact]
    public void A_model_with_no_dimensions_is_refused_by_the_loader_and_the_schema()
    {
        var file = Builtin();
        file["dimensions"] = new JsonArray();

        Assert.Equal("dimensions", Load(file).Path);
        Assert.False(Valid(file.ToJsonString()));
    }

    [Fact]
    public void A_model_file_with_a_bad_dimension_loaded_from_disk_names_the_file_and_the_path()
    {
        var file = Builtin();
        file["dimensions"]!.AsArray()[3]!["column"] = "iso3";
        var path = Path.Combine(Path.GetTempPath(), $"sesric-model-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, file.ToJsonString());
        try
        {
            var e = Assert.Throws<ModelFileException>(() => SemanticModelFile.Load(path));

            Assert.StartsWith($"model file '{path}': dimensions[3].column: unknown column 'iso3'", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IEnumerable<string> Cells(ResultTable table) =>
        table.Rows.Select(r => string.Join("|", r.Select(c => c.Value?.ToString() ?? "∅")));
}
