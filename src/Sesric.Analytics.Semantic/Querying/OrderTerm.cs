namespace Sesric.Analytics.Semantic;

/// <summary>One key of an order-by: a dimension or measure of the query, ascending or descending.</summary>
/// <param name="Field">The dimension or measure name.</param>
/// <param name="Descending">True for <c>desc</c>.</param>
public sealed record OrderTerm(string Field, bool Descending)
{
    /// <summary>
    /// Parses AIP-132 order-by text: comma-separated names, each optionally followed by <c>asc</c> or
    /// <c>desc</c>, such as <c>year desc, participants</c>. Measure names may carry parentheses
    /// (<c>yoy_pct(participants) desc</c>).
    /// </summary>
    public static IReadOnlyList<OrderTerm> ParseList(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        if (text.Length > FilterParser.MaxLength)
        {
            throw new QueryException(QueryErrorKind.TooComplex, $"order_by: {text.Length} characters is too long.", "order_by", FilterParser.MaxLength);
        }
        var terms = new List<OrderTerm>();
        var start = 0;
        foreach (var part in text.Split(','))
        {
            var words = part.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var position = start + (part.Length - part.TrimStart().Length);
            if (words.Length == 0)
            {
                throw new QueryException(QueryErrorKind.Syntax, $"order_by: an empty key at position {position}; write names separated by commas, such as year desc, participants.", "order_by", position);
            }
            var descending = false;
            var nameWords = words.Length;
            var last = words[^1].ToLowerInvariant();
            if (words.Length > 1 && last is "asc" or "desc")
            {
                descending = last == "desc";
                nameWords--;
            }
            var name = string.Concat(words.Take(nameWords));
            if (nameWords != 1 && !name.Contains('('))
            {
                throw new QueryException(QueryErrorKind.Syntax, $"order_by: '{part.Trim()}' at position {position} is not 'name', 'name asc' or 'name desc'.", "order_by", position);
            }
            terms.Add(new OrderTerm(name, descending));
            start += part.Length + 1;
        }
        return terms;
    }

    /// <inheritdoc/>
    public override string ToString() => Descending ? Field + " desc" : Field;
}
