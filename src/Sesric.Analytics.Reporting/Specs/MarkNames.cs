namespace Sesric.Analytics.Reporting.Specs;

/// <summary>The JSON names of <see cref="MarkKind"/> and <see cref="FilterSpecOperator"/> values.</summary>
public static class MarkNames
{
    private static readonly (MarkKind Kind, string Name)[] Marks =
    [
        (MarkKind.Card, "card"), (MarkKind.Column, "column"), (MarkKind.StackedColumn, "stacked-column"),
        (MarkKind.PercentColumn, "percent-column"), (MarkKind.Bar, "bar"), (MarkKind.StackedBar, "stacked-bar"),
        (MarkKind.PercentBar, "percent-bar"), (MarkKind.Line, "line"), (MarkKind.Area, "area"),
        (MarkKind.Combo, "combo"), (MarkKind.Donut, "donut"), (MarkKind.Heatmap, "heatmap"),
        (MarkKind.Table, "table"), (MarkKind.Waterfall, "waterfall"), (MarkKind.SmallMultiples, "small-multiples"),
    ];

    /// <summary>Every mark name, in declaration order.</summary>
    public static IEnumerable<string> All => Marks.Select(m => m.Name);

    /// <summary>The JSON name of <paramref name="kind"/>.</summary>
    public static string Name(this MarkKind kind) => Marks.First(m => m.Kind == kind).Name;

    /// <summary>Parses a mark name.</summary>
    public static bool TryParse(string? name, out MarkKind kind)
    {
        foreach (var (k, n) in Marks)
        {
            if (n == name)
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }

    /// <summary>The JSON name of <paramref name="op"/> (<c>eq</c>, <c>between</c>, …).</summary>
    public static string Name(this FilterSpecOperator op) => op.ToString().ToLowerInvariant();

    /// <summary>Parses an operator name.</summary>
    public static bool TryParseOperator(string? name, out FilterSpecOperator op)
    {
        op = name switch
        {
            "eq" => FilterSpecOperator.Eq,
            "ne" => FilterSpecOperator.Ne,
            "in" => FilterSpecOperator.In,
            "between" => FilterSpecOperator.Between,
            "gte" => FilterSpecOperator.Gte,
            "lte" => FilterSpecOperator.Lte,
            _ => (FilterSpecOperator)(-1),
        };
        return Enum.IsDefined(op);
    }
}
