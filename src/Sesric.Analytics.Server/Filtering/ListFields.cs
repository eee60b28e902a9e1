using System.Collections.Frozen;
using System.Globalization;

using Sesric.Analytics.Server.Errors;

namespace Sesric.Analytics.Server.Filtering;

/// <summary>
/// The fields a List method can filter and order by, and a small AIP-160 subset over them for the
/// catalogue's short lists (filtered in memory): comparisons <c>field op value</c> with
/// <c>= != &lt; &lt;= &gt; &gt;=</c>, joined by <c>AND</c>; values are numbers, <c>"quoted"</c> or bare words;
/// string equality ignores case. <c>order_by</c> is <c>field [asc|desc], …</c> (AIP-132).
/// </summary>
/// <typeparam name="T">The listed item.</typeparam>
/// <remarks>Statistics queries use the semantic engine's full grammar instead.</remarks>
public sealed class ListFields<T>
{
    private const int MaxFilterLength = 2000;
    private readonly FrozenDictionary<string, Func<T, object?>> _fields;

    /// <summary>Declares the fields: each name maps to a reader returning a string, a number (long) or null.</summary>
    public ListFields(IReadOnlyDictionary<string, Func<T, object?>> fields) =>
        _fields = fields.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Filters and orders <paramref name="items"/>; INVALID_ARGUMENT names <c>filter</c> or <c>order_by</c> on a bad expression.</summary>
    public IReadOnlyList<T> Apply(IEnumerable<T> items, string? filter, string? orderBy, string defaultOrder)
    {
        var predicate = ParseFilter(filter ?? "");
        var order = ParseOrder(string.IsNullOrWhiteSpace(orderBy) ? defaultOrder : orderBy);
        return items.Where(predicate).Order(order).ToArray();
    }

    private Func<T, bool> ParseFilter(string filter)
    {
        if (filter.Length > MaxFilterLength)
        {
            throw Bad("filter", $"is {filter.Length} characters long; at most {MaxFilterLength} are allowed.");
        }
        var tokens = Tokenize(filter);
        var terms = new List<Func<T, bool>>();
        var i = 0;
        while (i < tokens.Count)
        {
            if (terms.Count > 0)
            {
                if (!tokens[i].Is("AND"))
                {
                    throw Bad("filter", $"expected AND at position {tokens[i].Position + 1}, found '{tokens[i].Text}'; this list supports comparisons joined by AND.");
                }
                i++;
            }
            if (tokens.Count - i < 3)
            {
                throw Bad("filter", $"incomplete comparison at position {(i < tokens.Count ? tokens[i].Position + 1 : filter.Length + 1)}; write field op value, such as year >= 2020.");
            }
            var (field, op, value) = (tokens[i], tokens[i + 1], tokens[i + 2]);
            i += 3;
            if (field.Quoted || !_fields.TryGetValue(field.Text, out var read))
            {
                throw Bad("filter", $"unknown field '{field.Text}' at position {field.Position + 1}; fields: {string.Join(", ", _fields.Keys.Order())}.");
            }
            if (op.Quoted || op.Text is not ("=" or "!=" or "<" or "<=" or ">" or ">="))
            {
                throw Bad("filter", $"expected an operator (= != < <= > >=) at position {op.Position + 1}, found '{op.Text}'.");
            }
            terms.Add(Compare(read, op.Text, value));
        }
        return item => terms.TrueForAll(t => t(item));
    }

    private static Func<T, bool> Compare(Func<T, object?> read, string op, Token value)
    {
        long? number = !value.Quoted && long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
        return item =>
        {
            var actual = read(item);
            int? cmp = (actual, number) switch
            {
                (null, _) => null,
                (long a, long b) => a.CompareTo(b),
                (long, null) => null,
                (string s, _) => string.Compare(s, value.Text, StringComparison.OrdinalIgnoreCase),
                _ => null,
            };
            return op switch
            {
                "=" => cmp == 0,
                "!=" => cmp != 0,
                "<" => cmp < 0,
                "<=" => cmp <= 0,
                ">" => cmp > 0,
                _ => cmp >= 0,
            };
        };
    }

    private IComparer<T> ParseOrder(string orderBy)
    {
        var keys = new List<(Func<T, object?> Read, bool Descending)>();
        foreach (var part in orderBy.Split(',', StringSplitOptions.TrimEntries))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length is 0 or > 2 || (words.Length == 2 && words[1] is not ("asc" or "desc")))
            {
                throw Bad("order_by", $"'{part}' is not 'field' or 'field desc'; fields: {string.Join(", ", _fields.Keys.Order())}.");
            }
            if (!_fields.TryGetValue(words[0], out var read))
            {
                throw Bad("order_by", $"unknown field '{words[0]}'; fields: {string.Join(", ", _fields.Keys.Order())}.");
            }
            keys.Add((read, words.Length == 2 && words[1] == "desc"));
        }
        return Comparer<T>.Create((a, b) =>
        {
            foreach (var (read, descending) in keys)
            {
                var c = CompareValues(read(a), read(b));
                if (c != 0)
                {
                    return descending ? -c : c;
                }
            }
            return 0;
        });
    }

    // Nulls sort first, as AIP-132 leaves it to the service; strings compare ordinally for a stable order.
    private static int CompareValues(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (long x, long y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        _ => 0,
    };

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0)
                {
                    throw Bad("filter", $"unterminated string starting at position {i + 1}; close it with \".");
                }
                tokens.Add(new Token(text[(i + 1)..end], i, Quoted: true));
                i = end + 1;
            }
            else if (c is '=' or '!' or '<' or '>')
            {
                var length = i + 1 < text.Length && text[i + 1] == '=' ? 2 : 1;
                tokens.Add(new Token(text.Substring(i, length), i, Quoted: false));
                i += length;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('=' or '!' or '<' or '>' or '"'))
                {
                    i++;
                }
                tokens.Add(new Token(text[start..i], start, Quoted: false));
            }
        }
        return tokens;
    }

    private static Grpc.Core.RpcException Bad(string field, string description) => RpcErrors.InvalidArgument(field, description);

    private readonly record struct Token(string Text, int Position, bool Quoted)
    {
        public bool Is(string keyword) => !Quoted && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
    }
}
