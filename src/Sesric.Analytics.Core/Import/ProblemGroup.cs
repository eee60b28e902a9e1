using System.Globalization;

namespace Sesric.Analytics.Import;

/// <summary>
/// Problems of one kind (same column, same reason) in an import file, said once with how many rows they affect:
/// a file whose every row names an unknown programme gets one line, not ten thousand.
/// </summary>
/// <param name="Column">The column, or null for a row or file problem.</param>
/// <param name="Reason">Why the rows were refused.</param>
/// <param name="Count">How many problems of this kind.</param>
/// <param name="Lines">The first few lines with it, in file order.</param>
/// <param name="Values">The first few distinct values, in file order.</param>
/// <param name="DistinctValues">How many distinct values.</param>
public sealed record ProblemGroup(string? Column, string Reason, long Count, IReadOnlyList<long> Lines, IReadOnlyList<string> Values, long DistinctValues)
{
    /// <summary>Lines and values shown per group.</summary>
    public const int Shown = 3;

    /// <summary>
    /// Groups <paramref name="problems"/> by column and reason, in the order each kind first appears in the file.
    /// </summary>
    public static IReadOnlyList<ProblemGroup> Of(IEnumerable<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems
            .OrderBy(p => p.Line)
            // A reason that quotes its value ("unknown member state `CMR`") is grouped with the same reason for other values.
            .GroupBy(p => (p.Column, Reason: Template(p)))
            .Select(g =>
            {
                var values = g.Where(p => p.Value is not null).Select(p => p.Value!).Distinct(StringComparer.Ordinal).ToList();
                var reason = values.Count > 1 ? g.Key.Reason : g.First().Reason;
                return new ProblemGroup(g.Key.Column, reason, g.LongCount(), g.Select(p => p.Line).Take(Shown).ToArray(), values.Take(Shown).ToArray(), values.Count);
            })
            .ToArray();
    }

    private static string Template(ImportProblem problem) =>
        problem.Value is { Length: > 0 } value ? problem.Reason.Replace(value, "…", StringComparison.Ordinal) : problem.Reason;

    /// <summary>
    /// One line: a single problem as <see cref="ImportProblem"/> writes it; several as
    /// "4 rows (lines 2, 3, 4, …), column programme = 'a', 'b' (2 values): reason".
    /// </summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        if (Count == 1)
        {
            return new ImportProblem(Lines[0], Column, Values.Count > 0 ? Values[0] : null, Reason).ToString();
        }
        var lines = string.Join(", ", Lines.Select(l => l.ToString(c))) + (Count > Lines.Count ? ", …" : "");
        var text = string.Create(c, $"{Count:N0} rows (lines {lines})");
        if (Column is not null)
        {
            text += $", column {Column}";
        }
        if (Values.Count > 0)
        {
            text += " = " + string.Join(", ", Values.Select(v => $"'{v}'"))
                + (DistinctValues > Values.Count ? string.Create(c, $", … ({DistinctValues:N0} values)") : "");
        }
        return $"{text}: {Reason}";
    }
}
