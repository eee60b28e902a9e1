using System.Globalization;
using System.Text;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// A question for the engine: measures, the dimensions to group by, a filter, an order, a page and a
/// disclosure policy. Dialect-free: it names model members only and is compiled to SQL by the engine.
/// </summary>
/// <remarks>
/// Build one with the constructor or fluently:
/// <code>SemanticQuery.Of("participants", "member_states").By("year").Where(FilterExpression.Equal("programme", "diplomacy-cab")).OrderedBy(new OrderTerm("year", Descending: true))</code>
/// Text (AIP-160 filters, AIP-132 orders) is parsed only at the edges, by <see cref="FromText"/> and the
/// <c>string</c> overloads, so a query inside the system is always typed.
/// <see cref="Policy"/> defaults to <see cref="DisclosurePolicy.PublicDefault"/>.
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record SemanticQuery
{
    /// <summary>Builds a query.</summary>
    /// <param name="measures">Measure names, such as <c>participants</c> or <c>yoy_pct(participants)</c>.</param>
    /// <param name="dimensions">Dimension names to group by, in column order.</param>
    /// <param name="filter">The condition rows must meet, or null for all rows.</param>
    /// <param name="order">The order of the rows; empty or null for the dimensions ascending.</param>
    /// <param name="limit">The most rows to return, or null for all.</param>
    /// <param name="offset">Rows to skip before the first returned.</param>
    /// <param name="policy">The disclosure policy; null means public (cell key method).</param>
    public SemanticQuery(
        IEnumerable<string> measures,
        IEnumerable<string>? dimensions = null,
        FilterExpression? filter = null,
        IEnumerable<OrderTerm>? order = null,
        int? limit = null,
        int offset = 0,
        DisclosurePolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(measures);
        Measures = measures.ToArray();
        Dimensions = dimensions?.ToArray() ?? [];
        Filter = filter;
        Order = order?.ToArray() ?? [];
        Limit = limit;
        Offset = offset;
        Policy = policy ?? DisclosurePolicy.PublicDefault;
    }

    /// <summary>The measure names, in column order.</summary>
    public IReadOnlyList<string> Measures { get; init; }

    /// <summary>The dimension names, in column order.</summary>
    public IReadOnlyList<string> Dimensions { get; init; }

    /// <summary>The condition rows must meet, or null for all rows.</summary>
    public FilterExpression? Filter { get; init; }

    /// <summary>The order keys; empty for the dimensions ascending.</summary>
    public IReadOnlyList<OrderTerm> Order { get; init; }

    /// <summary>The most rows to return, or null for all.</summary>
    public int? Limit { get; init; }

    /// <summary>Rows to skip.</summary>
    public int Offset { get; init; }

    /// <summary>The disclosure policy.</summary>
    public DisclosurePolicy Policy { get; init; }

    /// <summary>
    /// The rows the query may see at all, ANDed with <see cref="Filter"/> by the engine; <see cref="DataScope.All"/> by
    /// default. Set by <see cref="DataScope.Apply"/> (a caller's key), not by the caller: unlike the filter, it is not
    /// held to the public policy's filter grammar, because it defines the table a key sees rather than narrowing it.
    /// </summary>
    public DataScope Scope { get; init; } = DataScope.All;

    /// <summary>A query for <paramref name="measures"/> with no grouping.</summary>
    public static SemanticQuery Of(params string[] measures) => new(measures);

    /// <summary>
    /// Builds a query from text as users write it (the edges: command line, gRPC, notebooks): the filter in
    /// AIP-160 (<c>programme = "diplomacy-cab" AND year &gt;= 2020</c>) and the order in AIP-132
    /// (<c>year desc, participants</c>). Both are parsed here, so a syntax error is a
    /// <see cref="QueryException"/> naming the position before anything runs.
    /// </summary>
    public static SemanticQuery FromText(
        IEnumerable<string> measures,
        IEnumerable<string>? dimensions = null,
        string? filter = null,
        string? orderBy = null,
        int? limit = null,
        int offset = 0,
        DisclosurePolicy? policy = null) =>
        new(measures, dimensions, ParseFilter(filter), OrderTerm.ParseList(orderBy), limit, offset, policy);

    /// <summary>This query grouped by <paramref name="dimensions"/> (added after any already set).</summary>
    public SemanticQuery By(params string[] dimensions) => this with { Dimensions = [.. Dimensions, .. dimensions] };

    /// <summary>This query with <paramref name="filter"/> in place of any filter it had.</summary>
    public SemanticQuery Where(FilterExpression? filter) => this with { Filter = filter };

    /// <summary>This query with the filter parsed from AIP-160 <paramref name="filterText"/> in place of any it had (null or blank: none).</summary>
    public SemanticQuery Where(string? filterText) => this with { Filter = ParseFilter(filterText) };

    /// <summary>This query narrowed further: its filter AND <paramref name="condition"/>.</summary>
    public SemanticQuery AndWhere(FilterExpression? condition) => this with { Filter = FilterExpression.All(Filter, condition) };

    /// <summary>This query ordered by <paramref name="order"/>.</summary>
    public SemanticQuery OrderedBy(params OrderTerm[] order) => this with { Order = order };

    /// <summary>This query ordered by AIP-132 <paramref name="orderText"/> (null or blank: the default order).</summary>
    public SemanticQuery OrderedBy(string? orderText) => this with { Order = OrderTerm.ParseList(orderText) };

    /// <summary>This query returning at most <paramref name="limit"/> rows after skipping <paramref name="offset"/>.</summary>
    public SemanticQuery Page(int? limit, int offset = 0) => this with { Limit = limit, Offset = offset };

    /// <summary>This query under <paramref name="policy"/>.</summary>
    public SemanticQuery WithPolicy(DisclosurePolicy policy) => this with { Policy = policy };

    /// <summary>
    /// Builds a query from command-line style options (as <c>sesric query</c> takes them): repeated or
    /// comma-separated measures and dimensions, and the policy as <c>public</c> or <c>internal</c>.
    /// </summary>
    public static SemanticQuery FromOptions(
        IEnumerable<string> measures,
        IEnumerable<string>? by = null,
        string? filter = null,
        string? orderBy = null,
        int? limit = null,
        int offset = 0,
        string? policy = null) =>
        FromText(SplitNames(measures), by is null ? null : SplitNames(by), filter, orderBy, limit, offset,
            policy is null ? null : DisclosurePolicy.Parse(policy));

    /// <summary>
    /// Two queries are equal when they ask the same thing: same names in the same order, an equal filter (however
    /// it was spelled), the same order, page, policy and scope. This is the result cache's key.
    /// </summary>
    public bool Equals(SemanticQuery? other) =>
        other is not null
        && Measures.SequenceEqual(other.Measures, StringComparer.Ordinal)
        && Dimensions.SequenceEqual(other.Dimensions, StringComparer.Ordinal)
        && Equals(Filter, other.Filter) && Order.SequenceEqual(other.Order)
        && Limit == other.Limit && Offset == other.Offset && Policy == other.Policy && Scope.Equals(other.Scope);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var m in Measures)
        {
            hash.Add(m, StringComparer.Ordinal);
        }
        foreach (var d in Dimensions)
        {
            hash.Add(d, StringComparer.Ordinal);
        }
        hash.Add(Filter);
        foreach (var o in Order)
        {
            hash.Add(o);
        }
        hash.Add(Limit);
        hash.Add(Offset);
        hash.Add(Policy);
        hash.Add(Scope);
        return hash.ToHashCode();
    }

    /// <summary>The query as <c>sesric query</c> options, for logs and error messages.</summary>
    public override string ToString()
    {
        var s = new StringBuilder();
        foreach (var m in Measures)
        {
            s.Append("--measure ").Append(m).Append(' ');
        }
        foreach (var d in Dimensions)
        {
            s.Append("--by ").Append(d).Append(' ');
        }
        if (Filter is not null)
        {
            s.Append("--filter '").Append(Filter.ToString().Replace("'", "'\\''")).Append("' ");
        }
        if (Order.Count > 0)
        {
            s.Append("--order-by '").Append(string.Join(", ", Order)).Append("' ");
        }
        if (Limit is { } l)
        {
            s.Append("--limit ").Append(l.ToString(CultureInfo.InvariantCulture)).Append(' ');
        }
        if (Offset != 0)
        {
            s.Append("--offset ").Append(Offset.ToString(CultureInfo.InvariantCulture)).Append(' ');
        }
        s.Append("--policy ").Append(Policy);
        return s.ToString();
    }

    private static FilterExpression? ParseFilter(string? text) => string.IsNullOrWhiteSpace(text) ? null : FilterParser.Parse(text);

    /// <summary>Splits "a, b" items on commas that are outside parentheses.</summary>
    private static IEnumerable<string> SplitNames(IEnumerable<string> items)
    {
        foreach (var item in items)
        {
            var depth = 0;
            var start = 0;
            for (var i = 0; i <= item.Length; i++)
            {
                if (i == item.Length || (item[i] == ',' && depth == 0))
                {
                    var name = item[start..i].Trim();
                    if (name.Length > 0)
                    {
                        yield return name;
                    }
                    start = i + 1;
                }
                else if (item[i] == '(')
                {
                    depth++;
                }
                else if (item[i] == ')')
                {
                    depth--;
                }
            }
        }
    }
}
