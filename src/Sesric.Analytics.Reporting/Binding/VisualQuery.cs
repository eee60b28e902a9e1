using System.Globalization;
using System.Text;

using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Specs;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Reporting.Binding;

/// <summary>Translates a visual and the filters of its three scopes into the semantic engine's query.</summary>
public static class VisualQuery
{
    /// <summary>
    /// The query for <paramref name="visual"/>: its measures (and a combo's line measure), grouped by its
    /// category and series, under <paramref name="filters"/> (AND), ordered along time or by the measure
    /// (largest first) for member categories.
    /// </summary>
    public static SemanticQuery Build(Visual visual, IReadOnlyList<FilterSpec> filters, DisclosurePolicy? policy = null, ReportVocabulary? vocabulary = null)
    {
        vocabulary ??= ReportVocabulary.Default;
        var measures = visual.LineMeasure is null ? new[] { visual.Measure } : [visual.Measure, visual.LineMeasure];
        var category = visual.Category ?? (visual.Mark == MarkKind.Card ? "year" : null);
        var dimensions = new[] { category, visual.Series }.OfType<string>().ToArray();
        var orderedCategory = category is not null && vocabulary.Dimensions.TryGetValue(category, out var term) && term.Kind == DimensionKind.Ordered;
        string? order = category is null ? null
            : orderedCategory || visual.Series is not null ? string.Join(", ", dimensions)
            : $"{visual.Measure} desc, {category}";
        return new SemanticQuery(measures, dimensions, Filter(filters, vocabulary), order, policy: policy);
    }

    /// <summary>
    /// The engine's own totals for a visual that shows or ranks by a total, or null when it shows none: the grand
    /// total of a donut (no grouping), and the total per category of a stacked or percent chart, or of a top-N
    /// chart split by a series (grouped by the category alone).
    /// </summary>
    /// <remarks>
    /// A total is a separate cell of the engine, never the sum of the parts drawn: parts may be withheld (null), and
    /// under a perturbing disclosure policy each part and the total carry their own protected value, so a sum of
    /// parts would be a new, unprotected and inconsistent figure.
    /// </remarks>
    public static SemanticQuery? Totals(Visual visual, IReadOnlyList<FilterSpec> filters, DisclosurePolicy? policy = null, ReportVocabulary? vocabulary = null)
    {
        vocabulary ??= ReportVocabulary.Default;
        var stacked = visual.Mark is MarkKind.StackedColumn or MarkKind.StackedBar or MarkKind.PercentColumn or MarkKind.PercentBar;
        if (visual.Mark == MarkKind.Donut)
        {
            return new SemanticQuery([visual.Measure], [], Filter(filters, vocabulary), null, policy: policy);
        }
        if (visual.Category is { } category && visual.Series is not null && (stacked || visual.Limit is not null))
        {
            return new SemanticQuery([visual.Measure], [category], Filter(filters, vocabulary), category, policy: policy);
        }
        return null;
    }

    /// <summary>The AIP-160 filter text for <paramref name="filters"/>, or null when there are none.</summary>
    public static string? Filter(IReadOnlyList<FilterSpec> filters, ReportVocabulary? vocabulary = null)
    {
        vocabulary ??= ReportVocabulary.Default;
        if (filters.Count == 0)
        {
            return null;
        }
        var parts = new List<string>();
        foreach (var f in filters)
        {
            var integer = vocabulary.Dimensions.TryGetValue(f.Dimension, out var term) && term.Type == ColumnType.Integer;
            string V(string value) => integer ? long.Parse(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) : Quote(value);
            parts.Add(f.Operator switch
            {
                FilterOperator.Eq => $"{f.Dimension} = {V(f.Values[0])}",
                FilterOperator.Ne => $"{f.Dimension} != {V(f.Values[0])}",
                FilterOperator.Gte => $"{f.Dimension} >= {V(f.Values[0])}",
                FilterOperator.Lte => $"{f.Dimension} <= {V(f.Values[0])}",
                FilterOperator.Between => $"{f.Dimension} >= {V(f.Values[0])} AND {f.Dimension} <= {V(f.Values[1])}",
                FilterOperator.In => "(" + string.Join(" OR ", f.Values.Select(v => $"{f.Dimension} = {V(v)}")) + ")",
                _ => throw new ArgumentOutOfRangeException(nameof(filters), f.Operator, "unknown filter operator."),
            });
        }
        return string.Join(" AND ", parts);
    }

    private static string Quote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
