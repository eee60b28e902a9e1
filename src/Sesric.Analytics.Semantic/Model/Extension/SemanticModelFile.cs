namespace Sesric.Analytics.Semantic;

/// <summary>Loads a model file: the built-in model plus the file's measures (see <see cref="ModelExtension"/>).</summary>
public static class SemanticModelFile
{
    /// <summary>
    /// The built-in model extended with the measures of the model file at <paramref name="path"/>, or the built-in
    /// model itself when <paramref name="path"/> is null or blank.
    /// </summary>
    /// <exception cref="ModelFileException">The file cannot be read or is invalid; the message names the file, the JSON path and the position.</exception>
    public static SemanticModel Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return SemanticModel.Default;
        }
        var extension = ModelExtension.Load(path);
        try
        {
            return SemanticModel.Default.With(extension);
        }
        catch (ModelFileException e)
        {
            throw e.InFile(path);
        }
    }
}
