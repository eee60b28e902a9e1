using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// Loads a model file: either measures added to the built-in model (a file with only <c>"measures"</c>, see
/// <see cref="ModelExtension"/>) or a complete model that replaces it (a file with <c>"dimensions"</c>, as the embedded
/// built-in model file is).
/// </summary>
public static class SemanticModelFile
{
    /// <summary>
    /// The model the file at <paramref name="path"/> gives: the built-in model extended with its measures, or the complete
    /// model it defines; the built-in model itself when <paramref name="path"/> is null or blank.
    /// </summary>
    /// <exception cref="ModelFileException">The file cannot be read or is invalid; the message names the file, the JSON path and the position.</exception>
    public static SemanticModel Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return SemanticModel.Default;
        }
        var file = ModelExtension.Load(path);
        if (file.IsCompleteModel)
        {
            return SemanticModel.FromFile(file, path);
        }
        try
        {
            return SemanticModel.Default.With(file);
        }
        catch (ModelFileException e)
        {
            throw e.InFile(path);
        }
    }

    /// <summary>
    /// The text of a complete model file equal to the model <see cref="Load"/> gives for <paramref name="path"/>: a starting
    /// copy to edit. With no path, the built-in model file as embedded; with a complete model file, that file (comments
    /// dropped); with a file of measures only, the built-in model file with those measures appended to its measures. The
    /// result validates against <c>model.schema.json</c> and loads (<see cref="Load"/>) to the same dimensions and measures.
    /// </summary>
    /// <exception cref="ModelFileException">The file cannot be read or is invalid (it is loaded first, so the message names the path of the problem).</exception>
    public static string CompleteModelJson(string? path)
    {
        _ = Load(path);
        if (string.IsNullOrWhiteSpace(path))
        {
            return SemanticModel.BuiltinModelJson();
        }
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 };
        var file = JsonNode.Parse(File.ReadAllText(path), documentOptions: options)!.AsObject();
        JsonObject complete;
        if (file.ContainsKey("dimensions"))
        {
            complete = file;
        }
        else
        {
            complete = JsonNode.Parse(SemanticModel.BuiltinModelJson(), documentOptions: options)!.AsObject();
            var measures = complete["measures"]!.AsArray();
            foreach (var measure in file["measures"]!.AsArray())
            {
                measures.Add(measure?.DeepClone());
            }
        }
        // Arabic and French labels stay readable (not \u escapes); the text is a file for people to edit.
        return complete.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
