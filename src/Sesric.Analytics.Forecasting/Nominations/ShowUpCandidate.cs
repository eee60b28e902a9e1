namespace Sesric.Analytics.Forecasting.Nominations;

/// <summary>The show-up models compared by the nomination backtest.</summary>
public static class ShowUpCandidate
{
    /// <summary>The baseline: every nominee gets the pooled historical show-up rate of the training rows.</summary>
    public const string PooledRate = "pooled-rate";

    /// <summary>ML.NET L-BFGS logistic regression on the one-hot and normalised features.</summary>
    public const string Logistic = "logistic";

    /// <summary>ML.NET FastTree binary classifier (gradient-boosted trees, Platt-calibrated probabilities).</summary>
    public const string FastTree = "fasttree";

    /// <summary>Every candidate, baseline first.</summary>
    public static IReadOnlyList<string> All { get; } = [PooledRate, Logistic, FastTree];

    /// <summary>What each candidate is, in words.</summary>
    public static string Describe(string name) => name switch
    {
        PooledRate => "nominations × the pooled historical show-up rate",
        Logistic => "ML.NET logistic regression (L-BFGS) on the nominee's features",
        FastTree => "ML.NET FastTree binary classifier on the nominee's features",
        _ => throw new ArgumentException($"unknown show-up model '{name}'; use one of {string.Join(", ", All)}.", nameof(name)),
    };
}
