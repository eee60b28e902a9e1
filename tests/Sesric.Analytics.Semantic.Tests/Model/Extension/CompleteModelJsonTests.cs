using System.Text.Json.Nodes;

using Json.Schema;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Semantic.Tests.Model.Extension;

/// <summary>
/// <see cref="SemanticModelFile.CompleteModelJson"/> (what <c>sesric model export</c> writes): a complete model file that
/// validates against the published schema and loads to the model it was written from, field by field.
/// </summary>
public sealed class CompleteModelJsonTests : IDisposable
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(ModelFiles.Schema);

    private readonly string _folder = Directory.CreateTempSubdirectory("sesric-model-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> Sources() => ["built-in", "measures only", "complete with comments"];

    [Theory]
    [MemberData(nameof(Sources))]
    public void The_text_validates_against_the_schema_and_reloads_to_an_equal_model(string source)
    {
        var path = source switch
        {
            "built-in" => null,
            "measures only" => ModelFiles.Sample,
            _ => Write("commented.json", "// a comment the loader skips and the copy drops\n" + SemanticModel.BuiltinModelJson()
                .Replace("\"dimensions\": [", "\"dimensions\": [ /* the dimensions */", StringComparison.Ordinal)),
        };
        var original = SemanticModelFile.Load(path);

        var text = SemanticModelFile.CompleteModelJson(path);

        Assert.True(Schema.Evaluate(JsonNode.Parse(text), new EvaluationOptions { OutputFormat = OutputFormat.List }).IsValid);
        Assert.True(ModelExtension.Parse(text).IsCompleteModel);
        var reloaded = SemanticModelFile.Load(Write("copy.json", text));
        Assert.Equal(original.Dimensions.Select(Describe), reloaded.Dimensions.Select(Describe));
        Assert.Equal(original.Measures.Select(Describe), reloaded.Measures.Select(Describe));
        if (path == ModelFiles.Sample)
        {
            Assert.Contains(reloaded.Measures, m => m.Name == "completion_rate" && m.IsUserDefined);
        }
    }

    [Fact]
    public void Without_a_file_the_text_is_the_embedded_built_in_model_file()
    {
        Assert.Equal(SemanticModel.BuiltinModelJson(), SemanticModelFile.CompleteModelJson(null));
    }

    [Fact]
    public void A_bad_file_fails_with_the_path_of_the_problem()
    {
        var path = Write("bad.json", ModelFiles.WithMeasures(ModelFiles.Expression("rate", "particpants / participants")));

        var e = Assert.Throws<ModelFileException>(() => SemanticModelFile.CompleteModelJson(path));

        Assert.Contains("measures[0].expression: unknown measure 'particpants'", e.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Label(LocalizedText l) => $"{l.English}|{l.In(Language.Arabic)}|{l.In(Language.French)}";

    private static string Describe(DimensionDefinition d) =>
        $"{d.Name} {Label(d.Label)} {d.Description} {d.ColumnType} {d.ValueFormat} {d.IsNullable} {d.IsEditionLevel} {d.IdentifiesEdition} {d.Time} {d.IsOrdered} {d.Members} {d.IdentifiesMemberState} {d.ValueHint}";

    private static string Describe(MeasureDefinition m) =>
        $"{m.Name} {Label(m.Label)} {m.Description} {m.ColumnType} {m.ValueFormat} {m.Source} {m.Kind} {m.Expression} {m.IsUserDefined}";
}
