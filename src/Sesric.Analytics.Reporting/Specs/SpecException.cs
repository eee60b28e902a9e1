namespace Sesric.Analytics.Reporting.Specs;

/// <summary>A report spec that cannot be used; <see cref="Problems"/> names every path that is wrong.</summary>
public sealed class SpecException : Exception
{
    /// <summary>Builds the exception from the problems found.</summary>
    public SpecException(IReadOnlyList<SpecProblem> problems)
        : base("the report spec is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }

    /// <summary>The problems, in spec order.</summary>
    public IReadOnlyList<SpecProblem> Problems { get; }
}
