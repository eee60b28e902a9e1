namespace Sesric.Analytics.Forecasting;

/// <summary>
/// Settings for training and backtesting. The defaults suit tiny annual tables (tens to hundreds of rows):
/// few, small trees with at least two examples per leaf, as the tree learners learn nothing with ML.NET's defaults here.
/// </summary>
/// <remarks>Each setting is checked when set; an out-of-range value throws naming the setting.</remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record ForecastOptions
{
    /// <summary>The defaults.</summary>
    public static ForecastOptions Default { get; } = new();

    /// <summary>The seed for every ML.NET context; equal seeds give identical models and forecasts.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Trees per FastTree / FastTreeTweedie model.</summary>
    public int Trees { get; init => field = Preconditions.CheckRange(value, 1, 2000, nameof(Trees)); } = 60;

    /// <summary>Boosting iterations for LightGbm.</summary>
    public int LightGbmIterations { get; init => field = Preconditions.CheckRange(value, 1, 2000, nameof(LightGbmIterations)); } = 60;

    /// <summary>Leaves per tree.</summary>
    public int Leaves { get; init => field = Preconditions.CheckRange(value, 2, 256, nameof(Leaves)); } = 4;

    /// <summary>Minimum training examples per leaf.</summary>
    public int MinimumExamplesPerLeaf { get; init => field = Preconditions.CheckRange(value, 1, 1000, nameof(MinimumExamplesPerLeaf)); } = 2;

    /// <summary>The boosting learning rate.</summary>
    public double LearningRate
    {
        get;
        init => field = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "LearningRate must lie in (0, 1].");
    } = 0.15;

    /// <summary>
    /// An ML.NET candidate is trained at a backtest origin only when at least this many earlier rows exist;
    /// below it, that origin's forecasts fall back to the naive value and are counted as fallbacks.
    /// </summary>
    public int MinimumTrainingRows { get; init => field = Preconditions.CheckRange(value, 4, 100_000, nameof(MinimumTrainingRows)); } = 10;

    /// <summary>Backtest points are scored for interval coverage only when at least this many earlier residuals exist.</summary>
    public int MinimumResidualsForCoverage { get; init => field = Preconditions.CheckRange(value, 1, 100_000, nameof(MinimumResidualsForCoverage)); } = 10;

    /// <summary>
    /// Intervals are built from the residuals of the most recent this-many backtest years only (for the final interval:
    /// the last years of the backtest; for measuring coverage: the years just before each point). Early origins train
    /// on few rows and err more than the final model will, so older residuals would make intervals too wide.
    /// </summary>
    public int ResidualWindowYears { get; init => field = Preconditions.CheckRange(value, 1, 200, nameof(ResidualWindowYears)); } = 6;

    /// <summary>A choice resting on fewer backtest points than this is called weak evidence in its reason.</summary>
    public int MinimumPointsForConfidentChoice { get; init => field = Preconditions.CheckRange(value, 1, 100_000, nameof(MinimumPointsForConfidentChoice)); } = 30;

    /// <summary>The candidates to compare, by name (see <see cref="Candidates.CandidateCatalog"/>); null means all. Naive is always included.</summary>
    public IReadOnlyList<string>? Candidates { get; init; }
}
