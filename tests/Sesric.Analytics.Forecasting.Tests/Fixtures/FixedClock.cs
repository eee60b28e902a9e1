namespace Sesric.Analytics.Forecasting.Tests.Fixtures;

/// <summary>A clock stopped at one instant, so cards and next-edition years do not depend on when tests run.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static FixedClock At2026 { get; } = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}
