namespace Sesric.Analytics.Forecasting.Candidates;

/// <summary>What kind of forecaster a candidate is.</summary>
public enum CandidateKind
{
    /// <summary>A simple rule written out in code (naive, mean, drift, exponential smoothing), fitted per programme.</summary>
    Baseline = 0,

    /// <summary>An ML.NET regressor trained on all programmes pooled (a global model).</summary>
    MachineLearning = 1,
}
