using Sesric.Analytics.Forecasting.Features;

namespace Sesric.Analytics.Forecasting.Candidates;

/// <summary>A candidate that forecasts one programme from its own observed history, with no training step.</summary>
internal abstract class BaselineCandidate(string name, string description) : Candidate(name, CandidateKind.Baseline, description)
{
    /// <summary>The forecast for edition <paramref name="nextNumber"/>; <paramref name="history"/> has at least one point.</summary>
    public abstract double Predict(IReadOnlyList<HistoryPoint> history, int nextNumber);
}
