namespace Sesric.Analytics.Forecasting.Candidates;

/// <summary>A forecasting method compared in the backtest.</summary>
internal abstract class Candidate(string name, CandidateKind kind, string description)
{
    public string Name { get; } = name;

    public CandidateKind Kind { get; } = kind;

    public CandidateInfo Info { get; } = new(name, kind, description);
}
