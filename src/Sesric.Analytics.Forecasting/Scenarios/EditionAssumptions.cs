using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Scenarios;

/// <summary>The edition a forecast is for: the scenario's values, and the forecaster's assumptions for the rest.</summary>
/// <param name="Edition">The programme and the next edition number (one after the last known edition).</param>
/// <param name="Year">The year assumed: the scenario's, else the later of the last edition's year + 1 and the clock's year.</param>
/// <param name="Modality">The scenario's modality, else the last edition's known one.</param>
/// <param name="DurationDays">The scenario's duration, else the last known one (null when none is known).</param>
/// <param name="Month">The last known starting month (null when none is known).</param>
/// <param name="Partners">The scenario's partner count, else the last edition's.</param>
/// <param name="EligibleStates">The scenario's count, else the member states in good standing in that year (from the catalogue), else the last edition's.</param>
/// <param name="Notes">Where each assumed value came from, one line each.</param>
public sealed record EditionAssumptions(
    EditionId Edition,
    int Year,
    Modality Modality,
    int? DurationDays,
    int? Month,
    int Partners,
    int EligibleStates,
    IReadOnlyList<string> Notes);
