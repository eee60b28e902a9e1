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
}
