namespace Sesric.Analytics.Querying;

/// <summary>One value of a <see cref="ResultTable"/> with its status.</summary>
/// <param name="Value">string, long, double or DateOnly; null unless <see cref="Status"/> is <see cref="CellStatus.Ok"/>.</param>
/// <param name="Status">Shown, suppressed or unknown.</param>
public readonly record struct ResultCell(object? Value, CellStatus Status)
{
    /// <summary>A shown value.</summary>
    public static ResultCell Of(object? value) => value is null ? Unknown : new(value, CellStatus.Ok);

    /// <summary>A suppressed cell.</summary>
    public static ResultCell Suppressed { get; } = new(null, CellStatus.Suppressed);

    /// <summary>An unknown cell.</summary>
    public static ResultCell Unknown { get; } = new(null, CellStatus.Unknown);

    /// <summary>The value as a double, or null when not shown or not numeric.</summary>
    public double? AsDouble() => Value switch
    {
        long l => l,
        int i => i,
        double d => d,
        decimal m => (double)m,
        _ => null,
    };
}
