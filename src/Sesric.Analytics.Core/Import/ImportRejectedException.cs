namespace Sesric.Analytics.Import;

/// <summary>Thrown when an import file has bad rows: nothing was written, and <see cref="Problems"/> lists every one.</summary>
public sealed class ImportRejectedException : Exception
{
    /// <summary>Builds the exception from the problems found.</summary>
    public ImportRejectedException(IReadOnlyList<ImportProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ImportProblem> Problems { get; }

    private static string Describe(IReadOnlyList<ImportProblem> problems) =>
        $"{problems.Count} problem(s); nothing was imported:{Environment.NewLine}"
        + string.Join(Environment.NewLine, problems.Take(50).Select(p => "  " + p))
        + (problems.Count > 50 ? $"{Environment.NewLine}  … and {problems.Count - 50} more" : "");
}
