namespace Sesric.Analytics.Model;

/// <summary>An inclusive range of calendar days, such as an edition's 14–17 September 2020.</summary>
/// <remarks>Invariant: <see cref="End"/> is not before <see cref="Start"/>. Both ends are inclusive,
/// so a one-day meeting has <c>Start == End</c> and <see cref="Days"/> = 1.</remarks>
/// <threadsafety>Immutable value type; safe to share.</threadsafety>
public readonly record struct DateRange
{
    /// <summary>Builds a range, rejecting an end before the start.</summary>
    public DateRange(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            throw new ArgumentException($"end ({end:yyyy-MM-dd}) must not be before start ({start:yyyy-MM-dd}).", nameof(end));
        }
        Start = start;
        End = end;
    }

    /// <summary>The first day.</summary>
    public DateOnly Start { get; }

    /// <summary>The last day (inclusive).</summary>
    public DateOnly End { get; }

    /// <summary>The number of days, counting both ends.</summary>
    public int Days => End.DayNumber - Start.DayNumber + 1;

    /// <summary>Whether <paramref name="day"/> lies in the range.</summary>
    public bool Contains(DateOnly day) => day >= Start && day <= End;

    /// <inheritdoc/>
    public override string ToString() => $"{Start:yyyy-MM-dd}..{End:yyyy-MM-dd}";
}
