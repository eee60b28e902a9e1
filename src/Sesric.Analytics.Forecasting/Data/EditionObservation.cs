using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Data;

/// <summary>
/// One edition as the forecaster sees it: the facts known before it was held (its context) and the
/// attendance it had (its outcome), where known.
/// </summary>
/// <param name="Edition">The programme and edition number.</param>
/// <param name="Year">The year it was held.</param>
/// <param name="Modality">How it was delivered (may be <see cref="Model.Modality.Unknown"/> for history).</param>
/// <param name="DurationDays">Its length in days, counting both ends, or null where the dates are unknown.</param>
/// <param name="Month">The month it started (1–12), or null where the dates are unknown.</param>
/// <param name="Partners">How many partner institutions the sources name.</param>
/// <param name="EligibleStates">Member states in good standing on the edition's reference date.</param>
/// <param name="Participants">Participants (registry count where present, else published), or null: a gap.</param>
/// <param name="MemberStates">Member states represented (registry where present, else published), or null: a gap.</param>
/// <param name="ParticipantsSource">Where <paramref name="Participants"/> came from.</param>
/// <param name="MemberStatesSource">Where <paramref name="MemberStates"/> came from.</param>
/// <remarks>Invariants: counts are not negative; a duration is at least one day; a month lies in 1–12.</remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record EditionObservation(
    EditionId Edition,
    int Year,
    Modality Modality,
    int? DurationDays,
    int? Month,
    int Partners,
    int EligibleStates,
    int? Participants,
    int? MemberStates,
    AttendanceSource ParticipantsSource,
    AttendanceSource MemberStatesSource)
{
    /// <summary>The edition's year (checked 1969–2100).</summary>
    public int Year { get; init; } = Preconditions.CheckRange(Year, 1969, 2100);

    /// <summary>The duration in days (checked at least 1 where known).</summary>
    public int? DurationDays { get; init; } = DurationDays is { } d ? Preconditions.CheckRange(d, 1, 366) : null;

    /// <summary>The starting month (checked 1–12 where known).</summary>
    public int? Month { get; init; } = Month is { } m ? Preconditions.CheckRange(m, 1, 12) : null;

    /// <summary>The partner count (checked not negative).</summary>
    public int Partners { get; init; } = Preconditions.CheckRange(Partners, 0, 1000);

    /// <summary>The eligible member states (checked not negative).</summary>
    public int EligibleStates { get; init; } = Preconditions.CheckRange(EligibleStates, 0, 1000);

    /// <summary>The participants (checked not negative).</summary>
    public int? Participants { get; init; } = Preconditions.CheckNonNegative(Participants);

    /// <summary>The member states represented (checked not negative).</summary>
    public int? MemberStates { get; init; } = Preconditions.CheckNonNegative(MemberStates);

    /// <summary>
    /// The edition's last day where the catalogue gives it, else null (then 31 December of <see cref="Year"/> is when it is
    /// known to be over: see <see cref="EndOrYearEnd"/>). Not part of the dataset's hash.
    /// </summary>
    public DateOnly? End { get; init; }

    /// <summary>The day the edition is known to be over: <see cref="End"/>, else 31 December of its year.</summary>
    public DateOnly EndOrYearEnd => End ?? new DateOnly(Year, 12, 31);

    /// <summary>The programme.</summary>
    public ProgrammeId Programme => Edition.Programme;

    /// <summary>The edition number.</summary>
    public int Number => Edition.Number;

    /// <summary>The attendance figure for <paramref name="target"/>, or null where it is a gap.</summary>
    public int? ValueOf(ForecastTarget target) => target == ForecastTarget.MemberStates ? MemberStates : Participants;
}
