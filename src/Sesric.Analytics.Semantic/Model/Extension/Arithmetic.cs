namespace Sesric.Analytics.Semantic;

/// <summary>
/// The arithmetic of user measures over cell values (a long, a double, or null for unknown): unknown in, unknown
/// out; whole numbers stay whole under + - * (unknown on overflow); division is always a fraction, unknown when
/// dividing by zero.
/// </summary>
internal static class Arithmetic
{
    public static object? Apply(char op, object? left, object? right)
    {
        if (left is null || right is null)
        {
            return null;
        }
        if (op != '/' && left is long a && right is long b)
        {
            try
            {
                return op switch
                {
                    '+' => checked(a + b),
                    '-' => checked(a - b),
                    _ => checked(a * b),
                };
            }
            catch (OverflowException)
            {
                return null;
            }
        }
        var x = Convert.ToDouble(left, System.Globalization.CultureInfo.InvariantCulture);
        var y = Convert.ToDouble(right, System.Globalization.CultureInfo.InvariantCulture);
        var result = op switch
        {
            '+' => x + y,
            '-' => x - y,
            '*' => x * y,
            _ => y == 0 ? double.NaN : x / y,
        };
        return double.IsFinite(result) ? result : null;
    }

    public static object? Negate(object? value) => value switch
    {
        long l when l != long.MinValue => -l,
        double d => -d,
        _ => null,
    };
}
