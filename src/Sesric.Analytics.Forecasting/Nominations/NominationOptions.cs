namespace Sesric.Analytics.Forecasting.Nominations;

/// <summary>Settings of the nomination forecast and its backtest. Equal options and data give equal results.</summary>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record NominationOptions
{
    /// <summary>The defaults.</summary>
    public static NominationOptions Default { get; } = new();

    /// <summary>The seed of every ML.NET context and trainer.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>FastTree: trees.</summary>
    public int Trees { get; init => field = Preconditions.CheckRange(value, 1, 2000, nameof(Trees)); } = 100;

    /// <summary>FastTree: leaves per tree.</summary>
    public int Leaves { get; init => field = Preconditions.CheckRange(value, 2, 256, nameof(Leaves)); } = 8;

    /// <summary>FastTree: the fewest training rows in a leaf (a guard against learning single people).</summary>
    public int MinimumExamplesPerLeaf { get; init => field = Preconditions.CheckRange(value, 1, 100_000, nameof(MinimumExamplesPerLeaf)); } = 20;

    /// <summary>FastTree: the learning rate.</summary>
    public double LearningRate
    {
        get;
        init => field = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "LearningRate must lie in (0, 1].");
    } = 0.1;

    /// <summary>A fit uses at most this many (the most recent) nominees, which bounds training time on a large registry.</summary>
    public int MaximumTrainingRows { get; init => field = Preconditions.CheckRange(value, 10, 10_000_000, nameof(MaximumTrainingRows)); } = 100_000;

    /// <summary>A classifier needs at least this many training rows; with fewer the backtest forecasts with the pooled rate.</summary>
    public int MinimumTrainingRows { get; init => field = Preconditions.CheckRange(value, 1, 1_000_000, nameof(MinimumTrainingRows)); } = 50;

    /// <summary>Backtested editions needed before their errors widen the intervals (fewer: the Poisson-binomial interval alone).</summary>
    public int MinimumEditionsForWidening { get; init => field = Preconditions.CheckRange(value, 1, 10_000, nameof(MinimumEditionsForWidening)); } = 8;

    /// <summary>The candidates to compare (null: all of <see cref="ShowUpCandidate.All"/>; the pooled rate is always included).</summary>
    public IReadOnlyList<string>? Candidates { get; init; }
}
