using System.Text.Json.Nodes;

using Json.Schema;

using static Sesric.Analytics.Semantic.Tests.Model.Extension.ModelFiles;

namespace Sesric.Analytics.Semantic.Tests.Model.Extension;

/// <summary>
/// The published schema (src/Sesric.Analytics.Semantic/Model/model.schema.json) describes the files the loader reads:
/// the sample validates against it and loads; shapes the loader refuses, the schema refuses too.
/// </summary>
public sealed class ModelFileSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(ModelFiles.Schema);

    private static bool Valid(string json) =>
        Schema.Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List }).IsValid;

    [Fact]
    public void The_sample_model_file_validates_against_the_schema_and_loads()
    {
        Assert.True(Valid(File.ReadAllText(Sample)));

        var model = SemanticModelFile.Load(Sample);

        var names = ModelExtension.Load(Sample).MeasureNames;
        Assert.Contains("completion_rate", names);
        Assert.All(names, n => Assert.True(model.TryGetMeasure(n, out var m) && m.IsUserDefined));
        Assert.Equal(SemanticModel.Default.Measures.Count + names.Count, model.Measures.Count);
    }

    [Theory]
    [InlineData("""{ "measures": [ { "name": "x", "kind": "expression", "expresion": "participants" } ] }""")]
    [InlineData("""{ "measures": [ { "name": "x", "kind": "median", "expression": "participants" } ] }""")]
    [InlineData("""{ "measures": [ { "name": "X", "kind": "expression", "expression": "participants" } ] }""")]
    [InlineData("""{ "measures": [ { "name": "x", "kind": "sum", "of": ["participants"] } ] }""")]
    [InlineData("""{ "measures": [ { "name": "x", "kind": "expression", "expression": "participants", "label": { "fr": "X" } } ] }""")]
    [InlineData("""{ "measures": [ { "name": "x", "kind": "ratio", "numerator": "participants" } ] }""")]
    [InlineData("""{ "measure": [] }""")]
    public void A_shape_the_loader_refuses_the_schema_refuses(string json)
    {
        Assert.Throws<ModelFileException>(() => ModelExtension.Parse(json));
        Assert.False(Valid(json));
    }

    [Fact]
    public void The_loaded_model_is_new_and_the_built_in_model_is_unchanged()
    {
        var count = SemanticModel.Default.Measures.Count;

        var model = SemanticModelFile.Load(Sample);

        Assert.NotSame(SemanticModel.Default, model);
        Assert.Equal(count, SemanticModel.Default.Measures.Count);
        Assert.False(SemanticModel.Default.TryGetMeasure("completion_rate", out _));
        Assert.Same(SemanticModel.Default, SemanticModelFile.Load(null));
    }
}
