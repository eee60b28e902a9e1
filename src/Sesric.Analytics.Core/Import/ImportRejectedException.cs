namespace Sesric.Analytics.Import;

/// <summary>Thrown when an import file has bad rows: nothing was written, and <see cref="Problems"/> lists every one.</summary>
public sealed class ImportRejectedException : Exception
{
    /// <summary>Groups of problems listed in <see cref="Exception.Message"/>; the rest are counted.</summary>
    public const int GroupsListed = 50;

    /// <summary>Builds the exception from every problem found.</summary>
    public ImportRejectedException(IReadOnlyList<ImportProblem> problems)
        : this(problems, problems?.Count ?? 0)
    {
    }

    /// <summary>Builds the exception from the problems kept and how many were found in all.</summary>
    /// <param name="problems">The problems kept, in file order.</param>
    /// <param name="totalCount">How many were found, at least as many as were kept.</param>
    public ImportRejectedException(IReadOnlyList<ImportProblem> problems, long totalCount)
        : base(Describe(problems, totalCount))
    {
        Problems = problems;
        TotalCount = Math.Max(totalCount, problems.Count);
    }

    /// <summary>The problems kept (every one, up to a cap for huge files), in file order.</summary>
    public IReadOnlyList<ImportProblem> Problems { get; }

    /// <summary>How many problems were found, including any not kept in <see cref="Problems"/>.</summary>
    public long TotalCount { get; }

    /// <summary>
    /// The summary people read: the count, then each kind of problem once (<see cref="ProblemGroup"/>), at most
    /// <see cref="GroupsListed"/> of them, with the number not listed.
    /// </summary>
    public IEnumerable<string> DescribeLines() => DescribeLines(Problems, TotalCount);

    private static IEnumerable<string> DescribeLines(IReadOnlyList<ImportProblem> problems, long totalCount)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var listed = ProblemGroup.Of(problems).Take(GroupsListed).ToArray();
        var total = Math.Max(totalCount, problems.Count);
        var lines = new List<string>
        {
            total > problems.Count
                ? string.Create(c, $"{total:N0} problem(s) found; nothing was imported; the first {problems.Count:N0}, by kind:")
                : string.Create(c, $"{total:N0} problem(s) found; nothing was imported:"),
        };
        lines.AddRange(listed.Select(g => "  " + g));
        var unlisted = total - listed.Sum(g => g.Count);
        if (unlisted > 0)
        {
            lines.Add(string.Create(c, $"  … and {unlisted:N0} more problem(s) not listed; fix the ones above and import again"));
        }
        return lines;
    }

    private static string Describe(IReadOnlyList<ImportProblem> problems, long totalCount)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return string.Join(Environment.NewLine, DescribeLines(problems, totalCount));
    }
}
