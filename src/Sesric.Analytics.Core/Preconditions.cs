using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Sesric.Analytics;

/// <summary>
/// Argument checks for public entry points. Each throws an <see cref="ArgumentException"/> whose
/// <see cref="ArgumentException.ParamName"/> names the offending field, so callers (import, gRPC,
/// the CLI) can report which input was wrong.
/// </summary>
public static class Preconditions
{
    /// <summary>Throws when <paramref name="value"/> is null, empty or whitespace.</summary>
    public static string CheckNotBlank([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{paramName} must not be empty.", paramName);
        }
        return value;
    }

    /// <summary>Throws when <paramref name="value"/> lies outside [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int CheckRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be between {min} and {max}, was {value}.");
        }
        return value;
    }

    /// <summary>Throws when <paramref name="value"/> is negative.</summary>
    public static int? CheckNonNegative(int? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value is < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must not be negative, was {value}.");
        }
        return value;
    }
}
