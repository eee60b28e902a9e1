using System.Collections.Frozen;

using Sesric.Analytics.Api.Errors;

namespace Sesric.Analytics.Api.Filtering;

/// <summary>
/// The fields a List method can filter and order by, and the filtering and ordering of the catalogue's
/// short lists in memory. <c>filter</c> is the API's one AIP-160 grammar, parsed by the semantic engine
/// (see <see cref="ListFilter"/>); <c>order_by</c> is <c>field [asc|desc], …</c> (AIP-132).
/// </summary>
/// <typeparam name="T">The listed item.</typeparam>
/// <remarks>Statistics queries compile the same filter grammar to SQL; here it is evaluated against the items.</remarks>
public sealed class ListFields<T>
{
    private readonly FrozenDictionary<string, ListField<T>> _fields;

    /// <summary>Declares the fields; names must be distinct.</summary>
    public ListFields(IEnumerable<ListField<T>> fields) =>
        _fields = fields.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The declared field names, in ordinal order.</summary>
    public IReadOnlyList<string> Names => _fields.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Filters and orders <paramref name="items"/>; INVALID_ARGUMENT names <c>filter</c> or <c>order_by</c> on a bad expression.</summary>
    public IReadOnlyList<T> Apply(IEnumerable<T> items, string? filter, string? orderBy, string defaultOrder)
    {
        var predicate = ListFilter.Compile(filter, _fields);
        var order = ParseOrder(string.IsNullOrWhiteSpace(orderBy) ? defaultOrder : orderBy);
        return items.Where(predicate).Order(order).ToArray();
    }

    private IComparer<T> ParseOrder(string orderBy)
    {
        var keys = new List<(Func<T, object?> Read, bool Descending)>();
        foreach (var part in orderBy.Split(',', StringSplitOptions.TrimEntries))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length is 0 or > 2 || (words.Length == 2 && words[1] is not ("asc" or "desc")))
            {
                throw Bad("order_by", $"'{part}' is not 'field' or 'field desc'; fields: {string.Join(", ", Names)}.");
            }
            if (!_fields.TryGetValue(words[0], out var field))
            {
                throw Bad("order_by", $"unknown field '{words[0]}'; fields: {string.Join(", ", Names)}.");
            }
            keys.Add((field.Read, words.Length == 2 && words[1] == "desc"));
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

    private static Grpc.Core.RpcException Bad(string field, string description) => RpcErrors.InvalidArgument(field, description);
}
