namespace Sesric.Analytics.Semantic;

/// <summary>
/// A model file that cannot be loaded, with where the problem is: its JSON path (<c>measures[3].expression</c>) and,
/// inside an expression, the character position (0-based), as in
/// <c>measures[3].expression: unknown measure 'particpants' at position 12; did you mean 'participants'?</c>.
/// </summary>
/// <threadsafety>Immutable.</threadsafety>
public sealed class ModelFileException : Exception
{
    /// <summary>Creates the error; the message is <paramref name="path"/>, a colon and <paramref name="problem"/>.</summary>
    public ModelFileException(string path, string problem, int? position = null, string? file = null)
        : base((file is null ? "" : $"model file '{file}': ") + (path.Length == 0 ? problem : $"{path}: {problem}"))
    {
        Path = path;
        Problem = problem;
        Position = position;
        File = file;
    }

    /// <summary>The JSON path of the value at fault (<c>measures[3].expression</c>), empty for the whole file.</summary>
    public string Path { get; }

    /// <summary>What is wrong, without the path.</summary>
    public string Problem { get; }

    /// <summary>The character position inside an expression, if the problem is in one.</summary>
    public int? Position { get; }

    /// <summary>The file the model was read from, if any.</summary>
    public string? File { get; }

    /// <summary>The same error, naming the file it came from.</summary>
    internal ModelFileException InFile(string file) => new(Path, Problem, Position, file);
}
