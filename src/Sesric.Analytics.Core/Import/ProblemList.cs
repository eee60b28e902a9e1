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

    /// <summary>The problems sorted by line (stable, so a row's problems keep their column order), plus a note of any dropped.</summary>
    public IReadOnlyList<ImportProblem> InFileOrder()
    {
        var ordered = Items.OrderBy(p => p.Line).ToList();
        if (_dropped > 0)
        {
            var last = ordered.Count == 0 ? 0 : ordered[^1].Line;
            ordered.Add(new ImportProblem(last, null, null, $"{_dropped} more problem(s) not listed; fix the ones above and import again"));
        }
        return ordered;
    }
}
