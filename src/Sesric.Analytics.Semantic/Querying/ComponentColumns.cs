using System.Globalization;

using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>Reads the aggregated component columns of a compiled query's rows (counts and cell keys).</summary>
internal static class ComponentColumns
{
    /// <summary>A count from a component column: the typed read for the usual long column, the general conversion otherwise.</summary>
    public static long? ReadLong(SqlColumn column, int row) => column switch
    {
        SqlColumn<long> longs => longs.IsNull(row) ? null : longs[row],
        SqlColumn<double> doubles => doubles.IsNull(row) ? null : (long)doubles[row],
        _ => ToLong(column.GetValue(row)),
    };

    /// <summary>The position of <paramref name="c"/> (by reference) in <paramref name="components"/>, or -1.</summary>
    public static int IndexOf(IReadOnlyList<Component> components, Component c)
    {
        for (var i = 0; i < components.Count; i++)
        {
            if (ReferenceEquals(components[i], c))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>A store value as a count (the store may return any integer or decimal type).</summary>
    public static long? ToLong(object? value) => value switch
    {
        null => null,
        long l => l,
        int i => i,
        short s => s,
        decimal d => (long)d,
        double d => (long)d,
        System.Numerics.BigInteger b => (long)b,
        IConvertible c => c.ToInt64(CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"the store returned a {value.GetType().Name} where a count was expected."),
    };
}
