using System.Globalization;

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
        OrderTerm[] order = category is null ? []
            : orderedCategory || visual.Series is not null ? [.. dimensions.Select(d => new OrderTerm(d, false))]
            : [new OrderTerm(visual.Measure, true), new OrderTerm(category, false)];
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
            return new SemanticQuery([visual.Measure], [category], Filter(filters, vocabulary), [new OrderTerm(category, false)], policy: policy);
        }
        return null;
    }

    /// <summary>The engine's filter for <paramref name="filters"/> (all of them, AND), or null when there are none.</summary>
    /// <remarks>Values are typed from the vocabulary: a year filter compares whole numbers, a programme filter text.</remarks>
    public static FilterExpression? Filter(IReadOnlyList<FilterSpec> filters, ReportVocabulary? vocabulary = null)
    {
        vocabulary ??= ReportVocabulary.Default;
        // Between gives two conjuncts of the one chain, so the filter equals the one parsed from the same text.
        return FilterExpression.All(filters.SelectMany(f =>
        {
            var type = vocabulary.Dimensions.TryGetValue(f.Dimension, out var term) ? term.Type : ColumnType.String;
            FilterValue V(int i) => Value(f, i, type);
            FilterExpression C(FilterOperator op, int i) => FilterExpression.Compare(f.Dimension, op, V(i));
            return f.Operator switch
            {
                FilterSpecOperator.Eq => [C(FilterOperator.Equal, 0)],
                FilterSpecOperator.Ne => [C(FilterOperator.NotEqual, 0)],
                FilterSpecOperator.Gte => [C(FilterOperator.GreaterOrEqual, 0)],
                FilterSpecOperator.Lte => [C(FilterOperator.LessOrEqual, 0)],
                FilterSpecOperator.Between => [C(FilterOperator.GreaterOrEqual, 0), C(FilterOperator.LessOrEqual, 1)],
                FilterSpecOperator.In => new[] { FilterExpression.AnyOf(f.Dimension, f.Values.Select((_, i) => V(i))) },
                _ => throw new ArgumentOutOfRangeException(nameof(filters), f.Operator, "unknown filter operator."),
            };
        }));
    }

    private static FilterValue Value(FilterSpec filter, int index, ColumnType type)
    {
        var text = filter.Values[index];
        return type switch
        {
            ColumnType.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                ? FilterValue.Of(n)
                : throw new ArgumentException($"filter on {filter.Dimension}: '{text}' is not a whole number.", nameof(filter)),
            ColumnType.Date => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? FilterValue.Of(d)
                : throw new ArgumentException($"filter on {filter.Dimension}: '{text}' is not a date (yyyy-mm-dd).", nameof(filter)),
            _ => FilterValue.Of(text),
        };
    }
}
