namespace Sesric.Analytics.Forecasting.Candidates;

/// <summary>What an ML.NET candidate learns to predict.</summary>
internal enum LabelSpace
{
    /// <summary>
    /// ln((1 + y) / (1 + last value)): the change from the last edition, in log terms. Lets trees, which cannot
    /// extrapolate levels, follow programmes of any size; the forecast is (1 + last) · e^score − 1.
    /// </summary>
    LogRatio,

    /// <summary>The count itself (for the Poisson and Tweedie learners, whose log link needs non-negative labels).</summary>
    Count,
}
