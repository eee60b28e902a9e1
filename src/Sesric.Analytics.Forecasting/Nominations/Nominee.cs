using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Nominations;

/// <summary>
/// One nomination as the show-up model sees it: the nominee's and the edition's features, and the outcome where known.
/// </summary>
/// <param name="ParticipantId">The nominee's id (never a name).</param>
/// <param name="Edition">The edition nominated to.</param>
/// <param name="Country">The nominee's member state (or observer).</param>
/// <param name="Group">The country's OIC group (observers: <see cref="OicGroup.Unknown"/>).</param>
/// <param name="Gender">The nominee's gender.</param>
/// <param name="InstitutionType">The institution type code, or null.</param>
/// <param name="Returning">Whether the nominee attended an earlier edition of the programme.</param>
/// <param name="Modality">How the edition is delivered.</param>
/// <param name="DurationDays">The edition's length in days (1 when its dates are unknown).</param>
/// <param name="NominatedOn">The nomination date.</param>
/// <param name="LeadDays">Days from nomination to the edition's first day (0 when nominated on or after it).</param>
/// <param name="Attended">True when attended or completed, false for a no-show, null while the outcome is not recorded.</param>
/// <param name="CountsAsMember">Whether the country is a member state in good standing on the edition's reference date (counts towards member states represented).</param>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record Nominee(
    ParticipantId ParticipantId,
    EditionId Edition,
    CountryCode Country,
    OicGroup Group,
    Gender Gender,
    string? InstitutionType,
    bool Returning,
    Modality Modality,
    int DurationDays,
    DateOnly NominatedOn,
    int LeadDays,
    bool? Attended,
    bool CountsAsMember)
{
    /// <summary>The programme.</summary>
    public ProgrammeId Programme => Edition.Programme;
}
