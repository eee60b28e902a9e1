using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Sesric.Analytics.Forecasting.Candidates;

/// <summary>The candidates the forecaster compares, in a fixed order (the order breaks ties).</summary>
public static class CandidateCatalog
{
    /// <summary>The last observed value.</summary>
    public const string Naive = "naive";

    /// <summary>The mean of the programme's history.</summary>
    public const string Mean = "mean";

    /// <summary>Last value plus the average change per edition.</summary>
    public const string Drift = "drift";

    /// <summary>Simple exponential smoothing.</summary>
    public const string Ses = "ses";

    /// <summary>ML.NET FastTree (gradient-boosted trees), on the log change from the last edition.</summary>
    public const string FastTree = "fasttree";

    /// <summary>ML.NET FastTreeTweedie, on the count.</summary>
    public const string FastTreeTweedie = "fasttree-tweedie";

    /// <summary>ML.NET LightGbm, on the log change from the last edition.</summary>
    public const string LightGbm = "lightgbm";

    /// <summary>ML.NET SDCA linear regression, on the log change from the last edition.</summary>
    public const string Sdca = "sdca";

    /// <summary>ML.NET L-BFGS Poisson regression, on the count.</summary>
    public const string LbfgsPoisson = "lbfgs-poisson";

    private static readonly IReadOnlyList<Candidate> s_all =
    [
        new NaiveCandidate(),
        new MeanCandidate(),
        new DriftCandidate(),
        new SesCandidate(),
        new MlCandidate(FastTree, "ML.NET FastTree regression on the log change from the last edition", LabelSpace.LogRatio, normalize: false,
            (ml, o) => ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
            {
                NumberOfTrees = o.Trees, NumberOfLeaves = o.Leaves, MinimumExampleCountPerLeaf = o.MinimumExamplesPerLeaf,
                LearningRate = o.LearningRate, NumberOfThreads = 1, Seed = o.Seed,
            })),
        new MlCandidate(FastTreeTweedie, "ML.NET FastTreeTweedie regression on the count", LabelSpace.Count, normalize: false,
            (ml, o) => ml.Regression.Trainers.FastTreeTweedie(new FastTreeTweedieTrainer.Options
            {
                NumberOfTrees = o.Trees, NumberOfLeaves = o.Leaves, MinimumExampleCountPerLeaf = o.MinimumExamplesPerLeaf,
                LearningRate = o.LearningRate, NumberOfThreads = 1, Seed = o.Seed,
            })),
        new MlCandidate(LightGbm, "ML.NET LightGbm regression on the log change from the last edition", LabelSpace.LogRatio, normalize: false,
            (ml, o) => ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
            {
                NumberOfIterations = o.LightGbmIterations, NumberOfLeaves = o.Leaves, MinimumExampleCountPerLeaf = o.MinimumExamplesPerLeaf,
                LearningRate = o.LearningRate, NumberOfThreads = 1, Seed = o.Seed, Verbose = false, Silent = true,
            })),
        new MlCandidate(Sdca, "ML.NET SDCA linear regression on the log change from the last edition", LabelSpace.LogRatio, normalize: true,
            (ml, o) => ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
            {
                NumberOfThreads = 1, MaximumNumberOfIterations = 200, L2Regularization = 0.1f, Shuffle = false,
            })),
        new MlCandidate(LbfgsPoisson, "ML.NET L-BFGS Poisson regression on the count", LabelSpace.Count, normalize: true,
            (ml, o) => ml.Regression.Trainers.LbfgsPoissonRegression(new LbfgsPoissonRegressionTrainer.Options
            {
                NumberOfThreads = 1, L2Regularization = 0.1f,
            })),
    ];

    /// <summary>Every candidate, in comparison order.</summary>
    public static IReadOnlyList<CandidateInfo> All { get; } = s_all.Select(c => c.Info).ToArray();

    /// <summary>The candidates <paramref name="options"/> selects (naive always first), in catalogue order.</summary>
    /// <exception cref="ArgumentException">A name is not a known candidate; the message lists the known ones.</exception>
    internal static IReadOnlyList<Candidate> Select(ForecastOptions options)
    {
        if (options.Candidates is null)
        {
            return s_all;
        }
        foreach (var name in options.Candidates)
        {
            if (!s_all.Any(c => c.Name == name))
            {
                throw new ArgumentException(
                    $"unknown candidate '{name}'; known candidates: {string.Join(", ", s_all.Select(c => c.Name))}.",
                    nameof(ForecastOptions.Candidates));
            }
        }
        return s_all.Where(c => c.Name == Naive || options.Candidates.Contains(c.Name)).ToArray();
    }

    /// <summary>Looks a candidate up by name.</summary>
    internal static Candidate Get(string name) =>
        s_all.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"unknown candidate '{name}'.", nameof(name));
}
