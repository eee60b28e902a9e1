namespace Sesric.Analytics.Model;

/// <summary>A period in which a member state's membership was suspended (Syria: August 2012 to 7 March 2025).</summary>
/// <remarks>Invariant: <see cref="Until"/>, when given, is after <see cref="From"/>.</remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record MembershipSuspension
{
    /// <summary>Builds a suspension, rejecting a restoration on or before its start.</summary>
    public MembershipSuspension(DateOnly from, DateOnly? until)
    {
        if (until is { } u && u <= from)
        {
            throw new ArgumentException($"until ({u:yyyy-MM-dd}) must be after from ({from:yyyy-MM-dd}).", nameof(until));
        }
        From = from;
        Until = until;
    }

    /// <summary>The first day suspended.</summary>
    public DateOnly From { get; }

    /// <summary>The day membership was restored, or null.</summary>
    public DateOnly? Until { get; }

    /// <summary>Whether the member is suspended on <paramref name="day"/>.</summary>
    public bool Covers(DateOnly day) => day >= From && (Until is null || day < Until);
}
