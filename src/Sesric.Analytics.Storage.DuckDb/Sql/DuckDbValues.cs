using System.Globalization;
using System.Numerics;

namespace Sesric.Analytics.Storage.DuckDb.Sql;

/// <summary>Converts values read from DuckDB into the plain .NET types the rest of the project sees.</summary>
/// <remarks>
/// Integers of every width become <see cref="long"/> (a HUGEINT that does not fit becomes <see cref="double"/>);
/// floating-point and DECIMAL values become <see cref="double"/> (so that SUM over a DECIMAL column and AVG
/// look alike to callers); DATE becomes <see cref="DateOnly"/>; a TIMESTAMP at midnight becomes
/// <see cref="DateOnly"/> and any other TIMESTAMP its ISO 8601 text; strings and booleans pass through;
/// anything else becomes its invariant text. NULL (and <see cref="DBNull"/>) becomes null.
/// </remarks>
internal static class DuckDbValues
{
    /// <summary>Converts one value.</summary>
    public static object? ToPlain(object? value) => value switch
    {
        null or DBNull => null,
        // Already plain: hand back the same object rather than boxing a copy (a result can hold 100k values).
        string or bool or long or double or DateOnly => value,
        int i => (long)i,
        short s16 => (long)s16,
        sbyte s8 => (long)s8,
        byte u8 => (long)u8,
        ushort u16 => (long)u16,
        uint u32 => (long)u32,
        ulong u64 => u64 <= long.MaxValue ? (object)(long)u64 : (double)u64,
        BigInteger big => big >= long.MinValue && big <= long.MaxValue ? (object)(long)big : (double)big,
        float f => (double)f,
        decimal m => (double)m,
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? (object)DateOnly.FromDateTime(t) : t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        Guid g => g.ToString(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Checks that a parameter value is one <see cref="Querying.SqlStatement"/> allows, naming its position otherwise.</summary>
    public static object? ToParameter(object? value, int position) => value switch
    {
        null => null,
        string or long or double or bool or DateOnly => value,
        int i => (long)i,
        decimal m => (double)m,
        float f => (double)f,
        _ => throw new ArgumentException(
            $"parameter ${position} has type {value.GetType().Name}; use string, long, double, bool, DateOnly or null.", nameof(value)),
    };
}
