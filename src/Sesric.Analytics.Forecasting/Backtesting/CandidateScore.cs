using Sesric.Analytics.Forecasting.Candidates;
using Sesric.Analytics.Forecasting.Data;

namespace Sesric.Analytics.Forecasting.Backtesting;

/// <summary>A candidate's backtest accuracy for one target, over all programmes or over one.</summary>
/// <param name="Candidate">The candidate's name.</param>
/// <param name="Kind">Baseline or ML.NET.</param>
/// <param name="Target">Participants or member states.</param>
/// <param name="Programme">The programme's id, or null for the pooled score.</param>
/// <param name="Points">How many editions were forecast.</param>
/// <param name="FallbackPoints">How many of those an ML.NET candidate left to the naive value (too few rows to train).</param>
/// <param name="Mae">Mean absolute error, in people (or states).</param>
/// <param name="Mase">
/// Mean absolute scaled error: each error divided by its programme's naive MAE over the same points, then averaged.
/// Naive scores exactly 1; below 1 beats naive. Null when no point has a non-zero scale.
/// </param>
/// <param name="Smape">Symmetric MAPE in percent: the mean of 200·|F − A| / (|A| + |F|), a term being 0 when both are 0.</param>
public sealed record CandidateScore(
    string Candidate,
    CandidateKind Kind,
    ForecastTarget Target,
    string? Programme,
    int Points,
    int FallbackPoints,
    double Mae,
    double? Mase,
    double Smape)
{
    /// <summary>Whether the candidate beat naive (MASE below 1).</summary>
    public bool BeatsNaive => Mase is < 1.0;
}
