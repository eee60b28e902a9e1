using System.Globalization;
using System.Text;

using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// Turns a checked filter into a SQL condition: field names become the model's fixed SQL fragments,
/// values become <c>$n</c> parameters, and a comparison with a missing value is false (so NOT behaves
/// as in two-valued logic).
/// </summary>
internal static class FilterSql
{
    /// <summary>Checks a comparison against its field and returns its field, SQL operator and typed parameter value.</summary>
    public static BoundComparison Bind(FilterComparison comparison, DimensionDefinition dimension)
    {
        var v = comparison.Value;
        var ordering = comparison.Operator is not (FilterOperator.Equal or FilterOperator.NotEqual);
        object value;
        switch (dimension.ColumnType)
        {
            case ColumnType.Integer:
                if (v.Kind != FilterValueKind.Number)
                {
                    throw Invalid(comparison, dimension, $"{dimension.Name} takes a whole number such as 2020, not {Show(v)}");
                }
                // Integer columns are 32-bit in the store: a larger literal would fail in the database's
                // conversion (an internal error) instead of being refused here, naming the field.
                if (!int.TryParse(v.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                {
                    throw Invalid(comparison, dimension, $"{Show(v)} is out of range for {dimension.Name}, which takes a whole number from {int.MinValue} to {int.MaxValue}, such as 2020");
                }
                value = (long)whole;
                break;
            case ColumnType.Date:
                if (v.Kind == FilterValueKind.Number
                    || !DateOnly.TryParseExact(v.Text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    throw Invalid(comparison, dimension, $"{dimension.Name} takes a date such as 2020-09-14, not {Show(v)}");
                }
                value = day;
                break;
            default:
                if (v.Kind != FilterValueKind.String)
                {
                    throw Invalid(comparison, dimension, $"{dimension.Name} takes quoted text ({dimension.ValueHint}), not {Show(v)}");
                }
                if (ordering)
                {
                    throw Invalid(comparison, dimension, $"{dimension.Name} can only be compared with = or !=");
                }
                value = dimension.Normalise(v.Text)
                    ?? throw Invalid(comparison, dimension, $"{Show(v)} is not a valid {dimension.Name}; use {dimension.ValueHint}");
                break;
        }
        var op = comparison.Operator switch
        {
            FilterOperator.Equal => "=",
            FilterOperator.NotEqual => "<>",
            FilterOperator.Less => "<",
            FilterOperator.LessOrEqual => "<=",
            FilterOperator.Greater => ">",
            _ => ">=",
        };
        return new BoundComparison(dimension, op, value);
    }

    /// <summary>Adds each comparison's value to <paramref name="parameters"/> once and returns the $n of each.</summary>
    public static Dictionary<FilterComparison, int> BindAll(QueryPlan plan, List<object?> parameters)
    {
        var indexes = new Dictionary<FilterComparison, int>(ReferenceEqualityComparer.Instance);
        foreach (var (comparison, bound) in plan.Bindings)
        {
            var value = bound.Value;
            var existing = parameters.FindIndex(p => Equals(p, value));
            if (existing < 0)
            {
                parameters.Add(value);
                existing = parameters.Count - 1;
            }
            indexes[comparison] = existing + 1;
        }
        return indexes;
    }

    /// <summary>Renders the filter with each field read by <paramref name="sqlFor"/>.</summary>
    public static string Render(FilterExpression filter, QueryPlan plan, IReadOnlyDictionary<FilterComparison, int> indexes, Func<DimensionDefinition, string> sqlFor)
    {
        var s = new StringBuilder();
        Write(filter, s, plan.Bindings, indexes, sqlFor, topLevel: true);
        return s.ToString();
    }

    private static void Write(FilterExpression e, StringBuilder s, IReadOnlyDictionary<FilterComparison, BoundComparison> bindings, IReadOnlyDictionary<FilterComparison, int> indexes, Func<DimensionDefinition, string> sqlFor, bool topLevel)
    {
        switch (e)
        {
            case FilterComparison c:
                var bound = bindings[c];
                var test = $"{sqlFor(bound.Dimension)} {bound.SqlOperator} ${indexes[c]}";
                s.Append(bound.Dimension.IsNullable ? $"COALESCE({test}, FALSE)" : test);
                break;
            case FilterAnd a:
                Binary(a.Left, "AND", a.Right);
                break;
            case FilterOr o when EqualitiesOnOneField(o, bindings) is { Count: > 1 } equalities:
                // One field equal to any of several values (a key's scope of programmes, a caller's OR chain): as IN, which
                // DuckDB tests with one set lookup per row, where a chain of 25 ORs cost three times the unfiltered query.
                // The same rows: IN is true exactly when one equality is, and a missing value makes both false.
                var first = bindings[equalities[0]];
                var list = $"{sqlFor(first.Dimension)} IN ({string.Join(", ", equalities.Select(c => "$" + indexes[c].ToString(CultureInfo.InvariantCulture)))})";
                s.Append(first.Dimension.IsNullable ? $"COALESCE({list}, FALSE)" : list);
                break;
            case FilterOr o:
                Binary(o.Left, "OR", o.Right);
                break;
            case FilterNot n:
                s.Append("NOT (");
                Write(n.Operand, s, bindings, indexes, sqlFor, topLevel: true);
                s.Append(')');
                break;
        }

        void Binary(FilterExpression left, string keyword, FilterExpression right)
        {
            if (!topLevel)
            {
                s.Append('(');
            }
            Write(left, s, bindings, indexes, sqlFor, topLevel: false);
            s.Append(' ').Append(keyword).Append(' ');
            Write(right, s, bindings, indexes, sqlFor, topLevel: false);
            if (!topLevel)
            {
                s.Append(')');
            }
        }
    }

    /// <summary>
    /// The comparisons of an OR tree made only of <c>=</c> comparisons on one dimension, left to right; empty when any part
    /// is something else.
    /// </summary>
    private static List<FilterComparison> EqualitiesOnOneField(FilterOr or, IReadOnlyDictionary<FilterComparison, BoundComparison> bindings)
    {
        var found = new List<FilterComparison>();
        var pending = new Stack<FilterExpression>();
        pending.Push(or);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case FilterOr o:
                    pending.Push(o.Right);
                    pending.Push(o.Left);
                    break;
                case FilterComparison { Operator: FilterOperator.Equal } c when found.Count == 0 || bindings[c].Dimension == bindings[found[0]].Dimension:
                    found.Add(c);
                    break;
                default:
                    return [];
            }
        }
        return found;
    }

    private static QueryException Invalid(FilterComparison c, DimensionDefinition d, string message) =>
        new(QueryErrorKind.InvalidValue, $"filter: {message}{c.Value.At}.", d.Name, c.Value.Position < 0 ? null : c.Value.Position);

    private static string Show(FilterValue v) =>
        v.Kind == FilterValueKind.String ? $"\"{(v.Text.Length > 40 ? v.Text[..40] + "…" : v.Text)}\"" : v.Text.Length > 40 ? v.Text[..40] + "…" : v.Text;
}
