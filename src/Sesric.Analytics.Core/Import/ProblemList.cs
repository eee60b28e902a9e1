namespace Sesric.Analytics.Import;

/// <summary>The problems found in one file, capped so a huge bad file cannot exhaust memory.</summary>
internal sealed class ProblemList
{
    private long _dropped;

    /// <summary>The problems kept so far.</summary>
    public List<ImportProblem> Items { get; } = [];

    /// <summary>Whether any problem was found (kept or dropped).</summary>
    public bool HasAny => Items.Count > 0 || _dropped > 0;

    /// <summary>Records a problem.</summary>
    public void Add(long line, string? column, string? value, string reason) =>
        Items.Add(new ImportProblem(line, column, value, reason));

    /// <summary>Keeps the first <paramref name="max"/> problems and counts the rest.</summary>
    public void Truncate(int max)
    {
        if (Items.Count > max)
        {
            _dropped += Items.Count - max;
            Items.RemoveRange(max, Items.Count - max);
        }
    }

    /// <summary>How many problems were found, kept or not.</summary>
    public long Total => Items.Count + _dropped;

    /// <summary>The problems kept, sorted by line (stable, so a row's problems keep their column order).</summary>
    public IReadOnlyList<ImportProblem> InFileOrder() => Items.OrderBy(p => p.Line).ToList();

    /// <summary>The exception that rejects the file: the kept problems and the total count.</summary>
    public ImportRejectedException ToException() => new(InFileOrder(), Total);
}
