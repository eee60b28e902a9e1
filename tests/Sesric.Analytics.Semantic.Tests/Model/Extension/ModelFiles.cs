namespace Sesric.Analytics.Semantic.Tests.Model.Extension;

/// <summary>The repository's model files: the sample and the schema.</summary>
internal static class ModelFiles
{
    public static string Sample => Path.Combine(RepositoryRoot(), "samples", "model", "completion-rate.json");

    public static string Schema => Path.Combine(RepositoryRoot(), "src", "Sesric.Analytics.Semantic", "Model", "model.schema.json");

    /// <summary>A model file with one measure (the JSON object's body, without braces).</summary>
    public static string WithMeasures(params string[] measures) => $$"""{ "measures": [ {{string.Join(", ", measures)}} ] }""";

    /// <summary>An expression measure.</summary>
    public static string Expression(string name, string expression, string? format = null) =>
        $$"""{ "name": "{{name}}", "kind": "expression", "expression": {{System.Text.Json.JsonSerializer.Serialize(expression)}}{{(format is null ? "" : $", \"format\": \"{format}\"")}} }""";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sesric.Analytics.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root (with Sesric.Analytics.sln) not found above " + AppContext.BaseDirectory);
    }
}
