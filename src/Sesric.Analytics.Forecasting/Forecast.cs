using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Forecasting.Scenarios;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting;

/// <summary>A forecast of a programme's next edition under one scenario.</summary>
/// <param name="Programme">The programme.</param>
/// <param name="Scenario">The scenario as given.</param>
/// <param name="Edition">The edition forecast, with every assumption spelled out.</param>
/// <param name="Participants">The participants forecast, or null when the programme has no participant figures to forecast from.</param>
/// <param name="MemberStates">The member-states forecast, or null when the programme has no member-state figures.</param>
/// <param name="ModelVersion">The trained model's version (see <see cref="Persistence.ModelCard.ModelVersion"/>).</param>
/// <param name="Notes">Anything a reader should know (a missing target, an interval from too few residuals).</param>
public sealed record Forecast(
    ProgrammeId Programme,
    Scenario Scenario,
    EditionAssumptions Edition,
    TargetForecast? Participants,
    TargetForecast? MemberStates,
    string ModelVersion,
    IReadOnlyList<string> Notes)
{
    /// <summary>The forecast for <paramref name="target"/>, or null.</summary>
    public TargetForecast? For(ForecastTarget target) => target == ForecastTarget.MemberStates ? MemberStates : Participants;
}
