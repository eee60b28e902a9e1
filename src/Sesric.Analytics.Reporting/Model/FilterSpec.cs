namespace Sesric.Analytics.Reporting;

/// <summary>
/// A filter on one dimension, at report, page or visual scope. Filters of all scopes apply together (AND)
/// and are printed in the visual's caption so a reader knows what the figure covers.
/// </summary>
/// <param name="Dimension">The dimension's model name (<c>year</c>, <c>programme</c>).</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Values">The values as invariant text (<c>"2020"</c>, <c>"diplomacy-cab"</c>).</param>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record FilterSpec(string Dimension, FilterSpecOperator Operator, ValueList<string> Values)
{
    /// <summary><paramref name="dimension"/> equals <paramref name="value"/>.</summary>
    public static FilterSpec Eq(string dimension, object value) => new(dimension, FilterSpecOperator.Eq, ValueList.Of(Invariant(value)));

    /// <summary><paramref name="dimension"/> is one of <paramref name="values"/>.</summary>
    public static FilterSpec In(string dimension, params object[] values) => new(dimension, FilterSpecOperator.In, values.Select(Invariant).ToValueList());

    /// <summary><paramref name="dimension"/> lies between <paramref name="from"/> and <paramref name="to"/>, both included.</summary>
    public static FilterSpec Between(string dimension, object from, object to) => new(dimension, FilterSpecOperator.Between, ValueList.Of(Invariant(from), Invariant(to)));

    /// <summary><paramref name="dimension"/> is at most <paramref name="value"/>.</summary>
    public static FilterSpec Lte(string dimension, object value) => new(dimension, FilterSpecOperator.Lte, ValueList.Of(Invariant(value)));

    /// <summary><paramref name="dimension"/> is at least <paramref name="value"/>.</summary>
    public static FilterSpec Gte(string dimension, object value) => new(dimension, FilterSpecOperator.Gte, ValueList.Of(Invariant(value)));

    private static string Invariant(object value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
