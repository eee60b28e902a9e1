using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Nominations;

/// <summary>One nominee's probability of attending (per-person data: internal policy only).</summary>
/// <param name="ParticipantId">The nominee.</param>
/// <param name="Country">Their member state.</param>
/// <param name="Probability">The model's probability that they attend.</param>
public sealed record NomineeProbability(ParticipantId ParticipantId, CountryCode Country, double Probability);

/// <summary>The attendance forecast of one edition from its nomination list, as of a date.</summary>
/// <param name="Edition">The edition.</param>
/// <param name="AsOf">Nothing recorded after this day was used: no outcome of an edition that ended later, no nomination received later.</param>
/// <param name="Model">The show-up model used (<see cref="ShowUpCandidate"/>).</param>
/// <param name="ModelDescription">What the model is, in words.</param>
/// <param name="Reason">Why it was chosen (says so when the pooled rate is used because no classifier beat it).</param>
/// <param name="Nominations">Nominations counted (received up to <paramref name="AsOf"/>).</param>
/// <param name="NominationsAfterAsOf">Nominations in the list dated after <paramref name="AsOf"/>, left out.</param>
/// <param name="NominatedMemberStates">Member states with at least one nomination counted.</param>
/// <param name="PooledRate">The pooled historical show-up rate of the training rows.</param>
/// <param name="Attendance">Expected attendance with 80 % and 95 % intervals.</param>
/// <param name="MemberStates">Expected member states represented with 80 % and 95 % intervals.</param>
/// <param name="Probabilities">Each counted nominee's probability (per-person: show only under the internal policy).</param>
public sealed record NominationForecast(
    EditionId Edition,
    DateOnly AsOf,
    string Model,
    string ModelDescription,
    string Reason,
    int Nominations,
    int NominationsAfterAsOf,
    int NominatedMemberStates,
    double PooledRate,
    AttendanceInterval Attendance,
    AttendanceInterval MemberStates,
    IReadOnlyList<NomineeProbability> Probabilities);
