using Sesric.Analytics.Forecasting.Data;

namespace Sesric.Analytics.Forecasting.Backtesting;

/// <summary>The candidate chosen for a target, and why.</summary>
/// <param name="Target">Participants or member states.</param>
/// <param name="Candidate">The chosen candidate's name.</param>
/// <param name="Reason">One sentence a planner can read: the scores that decided it.</param>
public sealed record ModelChoice(ForecastTarget Target, string Candidate, string Reason);
