using System.Globalization;
using System.Text;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// A typed filter: a tree of comparisons joined by AND, OR and NOT. Parsed from AIP-160 text at the edges
/// (<see cref="FilterParser.Parse"/>) or built in code with the factories here:
/// <code>FilterExpression.Equal("programme", "diplomacy-cab") &amp; FilterExpression.AtMost("year", 2022)</code>
/// </summary>
/// <remarks>
/// Value equality ignores where a part stood in the text it was parsed from, so the same condition written with
/// different spacing (or built in code) is the same filter: a query's equality, and so its cache key, rests on it.
/// Field names are checked against the model when the query is planned, not here. <see cref="ToString"/> gives
/// canonical AIP-160 text that <see cref="FilterParser.Parse"/> reads back to an equal filter.
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public abstract record FilterExpression
{
    /// <summary><paramref name="field"/> equals the text <paramref name="value"/>.</summary>
    public static FilterComparison Equal(string field, string value) => new(field, FilterOperator.Equal, FilterValue.Of(value));

    /// <summary><paramref name="field"/> equals the whole number <paramref name="value"/>.</summary>
    public static FilterComparison Equal(string field, long value) => new(field, FilterOperator.Equal, FilterValue.Of(value));

    /// <summary><paramref name="field"/> differs from the text <paramref name="value"/>.</summary>
    public static FilterComparison NotEqual(string field, string value) => new(field, FilterOperator.NotEqual, FilterValue.Of(value));

    /// <summary><paramref name="field"/> differs from the whole number <paramref name="value"/>.</summary>
    public static FilterComparison NotEqual(string field, long value) => new(field, FilterOperator.NotEqual, FilterValue.Of(value));

    /// <summary><paramref name="field"/> is at least <paramref name="value"/>.</summary>
    public static FilterComparison AtLeast(string field, long value) => new(field, FilterOperator.GreaterOrEqual, FilterValue.Of(value));

    /// <summary><paramref name="field"/> is at most <paramref name="value"/>.</summary>
    public static FilterComparison AtMost(string field, long value) => new(field, FilterOperator.LessOrEqual, FilterValue.Of(value));

    /// <summary><paramref name="field"/> compared with <paramref name="value"/> by <paramref name="op"/>.</summary>
    public static FilterComparison Compare(string field, FilterOperator op, FilterValue value) => new(field, op, value);

    /// <summary><paramref name="field"/> lies between <paramref name="from"/> and <paramref name="to"/>, both included.</summary>
    public static FilterExpression Between(string field, long from, long to) => new FilterAnd(AtLeast(field, from), AtMost(field, to));

    /// <summary><paramref name="field"/> equals one of <paramref name="values"/> (at least one).</summary>
    public static FilterExpression AnyOf(string field, IEnumerable<FilterValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Any(values.Select(v => (FilterExpression?)new FilterComparison(field, FilterOperator.Equal, v)))
            ?? throw new ArgumentException("AnyOf needs at least one value.", nameof(values));
    }

    /// <summary>The conjunction of the non-null <paramref name="parts"/>, or null when there are none.</summary>
    public static FilterExpression? All(params IEnumerable<FilterExpression?> parts) => Join(parts, (l, r) => new FilterAnd(l, r));

    /// <summary>The disjunction of the non-null <paramref name="parts"/>, or null when there are none.</summary>
    public static FilterExpression? Any(params IEnumerable<FilterExpression?> parts) => Join(parts, (l, r) => new FilterOr(l, r));

    /// <summary>Both hold.</summary>
    public static FilterExpression operator &(FilterExpression left, FilterExpression right) => new FilterAnd(left, right);

    /// <summary>Either holds.</summary>
    public static FilterExpression operator |(FilterExpression left, FilterExpression right) => new FilterOr(left, right);

    /// <summary>The operand does not hold.</summary>
    public static FilterExpression operator !(FilterExpression operand) => new FilterNot(operand);

    /// <summary>The filter as canonical AIP-160 text (AND binds tighter than OR; parentheses only where needed).</summary>
    public sealed override string ToString()
    {
        var s = new StringBuilder();
        Write(s);
        return s.ToString();
    }

    /// <summary>Writes this filter's text; <see cref="ToString"/> calls it.</summary>
    private protected abstract void Write(StringBuilder s);

    /// <summary>Writes <paramref name="operand"/>, in parentheses when it binds more loosely than its context.</summary>
    private protected static void WriteOperand(StringBuilder s, FilterExpression operand, bool parenthesise)
    {
        if (parenthesise)
        {
            s.Append('(');
        }
        operand.Write(s);
        if (parenthesise)
        {
            s.Append(')');
        }
    }

    private static FilterExpression? Join(IEnumerable<FilterExpression?> parts, Func<FilterExpression, FilterExpression, FilterExpression> join)
    {
        ArgumentNullException.ThrowIfNull(parts);
        FilterExpression? result = null;
        foreach (var part in parts)
        {
            if (part is not null)
            {
                result = result is null ? part : join(result, part);
            }
        }
        return result;
    }

    /// <summary>The literal as the parser reads it.</summary>
    private protected static string Literal(FilterValue value) => value.Kind switch
    {
        FilterValueKind.String => Quote(value.Text),
        _ => value.Text,
    };

    private static string Quote(string text)
    {
        var s = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                s.Append('\\');
            }
            s.Append(c);
        }
        return s.Append('"').ToString();
    }

    /// <summary>The operator as written in filter text.</summary>
    private protected static string OperatorText(FilterOperator op) => op switch
    {
        FilterOperator.Equal => "=",
        FilterOperator.NotEqual => "!=",
        FilterOperator.Less => "<",
        FilterOperator.LessOrEqual => "<=",
        FilterOperator.Greater => ">",
        FilterOperator.GreaterOrEqual => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown filter operator."),
    };

    /// <summary>Invariant digits of a whole number.</summary>
    private protected static string Digits(long value) => value.ToString(CultureInfo.InvariantCulture);
}
