namespace Sesric.Analytics.Model;

/// <summary>
/// The totals a public source gives for an edition, kept apart from what the participant registry
/// counts so that the two can be compared and never confused.
/// </summary>
/// <param name="Participants">Participants as published, or null where no source gives a count.</param>
/// <param name="MemberStates">Member states represented as published, or null where unknown.</param>
/// <param name="SourceUrl">The address the figures were read at.</param>
/// <param name="ParticipantsIsLowerBound">True where the source says "more than N".</param>
/// <remarks>Invariant: counts are not negative. A published figure is never changed by the project.</remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record PublishedTotals(int? Participants, int? MemberStates, string? SourceUrl, bool ParticipantsIsLowerBound = false)
{
    /// <summary>Totals with nothing known.</summary>
    public static PublishedTotals None { get; } = new(null, null, null);

    /// <summary>The participants count (checked not negative).</summary>
    public int? Participants { get; init; } = Preconditions.CheckNonNegative(Participants);

    /// <summary>The member-states count (checked not negative).</summary>
    public int? MemberStates { get; init; } = Preconditions.CheckNonNegative(MemberStates);

    /// <summary>Whether both figures are known.</summary>
    public bool IsComplete => Participants is not null && MemberStates is not null;
}
