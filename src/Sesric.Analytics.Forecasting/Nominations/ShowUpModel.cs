using System.Globalization;

using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace Sesric.Analytics.Forecasting.Nominations;

/// <summary>
/// A fitted show-up model: gives each nominee the probability of attending. Built by <see cref="Fit"/> for one of
/// <see cref="ShowUpCandidate.All"/> on nominees with a known outcome.
/// </summary>
/// <remarks>
/// Features: member state, OIC group, gender, institution type and programme (one-hot; a value not seen in training
/// gets all zeros), modality (one-hot), returning (0/1), duration in days and the log of the lead time in days
/// (nominations lose people fastest in the last weeks, so the log). Every fit uses a fresh <see cref="MLContext"/> with
/// the seed and one thread: equal rows give equal probabilities on every run.
/// </remarks>
/// <threadsafety>Immutable after fitting; <see cref="Predict"/> is safe to call from several threads.</threadsafety>
public sealed class ShowUpModel
{
    private static readonly string[] Categorical = [nameof(ShowUpRow.Country), nameof(ShowUpRow.Group), nameof(ShowUpRow.Gender), nameof(ShowUpRow.Institution), nameof(ShowUpRow.Modality), nameof(ShowUpRow.Programme)];
    private static readonly string[] Numeric = [nameof(ShowUpRow.Returning), nameof(ShowUpRow.Duration), nameof(ShowUpRow.LogLead)];

    private readonly ITransformer? _model;
    private readonly int _seed;

    private ShowUpModel(string candidate, double pooledRate, int trainingRows, ITransformer? model, int seed)
    {
        Candidate = candidate;
        PooledRate = pooledRate;
        TrainingRows = trainingRows;
        _model = model;
        _seed = seed;
    }

    /// <summary>The candidate's name (<see cref="ShowUpCandidate"/>).</summary>
    public string Candidate { get; }

    /// <summary>The show-up rate over the training rows.</summary>
    public double PooledRate { get; }

    /// <summary>How many nominees it was trained on.</summary>
    public int TrainingRows { get; }

    /// <summary>
    /// Fits <paramref name="candidate"/> on <paramref name="training"/> (nominees with a known outcome). A classifier
    /// needs both outcomes among its rows; with only one it falls back to the pooled rate (which is then 0 or 1).
    /// </summary>
    /// <exception cref="ArgumentException">No training row has an outcome, or the candidate is unknown.</exception>
    public static ShowUpModel Fit(string candidate, IReadOnlyList<Nominee> training, NominationOptions options)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        _ = ShowUpCandidate.Describe(candidate);
        var known = training.Where(n => n.Attended is not null).ToArray();
        if (known.Length == 0)
        {
            throw new ArgumentException("no nominee with a recorded outcome to learn show-up from.", nameof(training));
        }
        var rate = known.Count(n => n.Attended == true) / (double)known.Length;
        if (candidate == ShowUpCandidate.PooledRate || rate is 0 or 1)
        {
            return new ShowUpModel(ShowUpCandidate.PooledRate, rate, known.Length, null, options.Seed);
        }
        if (known.Length > options.MaximumTrainingRows)
        {
            // The most recent nominations: the process that matters is today's, and the fit time stays bounded.
            IEnumerable<Nominee> newest = IsNewestFirst(known) ? known : known.OrderByDescending(n => n.NominatedOn).ThenBy(n => n.Edition).ThenBy(n => n.ParticipantId);
            known = newest.Take(options.MaximumTrainingRows).ToArray();
        }
        var ml = new MLContext(options.Seed) { FallbackToCpu = true };
        var data = ml.Data.LoadFromEnumerable(known.Select(ShowUpRow.From));
        IEstimator<ITransformer> pipeline = ml.Transforms.Categorical.OneHotEncoding(
                Categorical.Select(c => new InputOutputColumnPair(c + "Hot", c)).ToArray())
            .Append(ml.Transforms.Concatenate("Features", [.. Numeric, .. Categorical.Select(c => c + "Hot")]));
        if (candidate == ShowUpCandidate.Logistic)
        {
            pipeline = pipeline.Append(ml.Transforms.NormalizeMeanVariance("Features"))
                .AppendCacheCheckpoint(ml)
                .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                {
                    NumberOfThreads = 1,
                    L2Regularization = 0.1f,
                    L1Regularization = 0f,
                    OptimizationTolerance = 1e-6f,
                }));
        }
        else
        {
            pipeline = pipeline.AppendCacheCheckpoint(ml)
                .Append(ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
                {
                    NumberOfTrees = options.Trees,
                    NumberOfLeaves = options.Leaves,
                    MinimumExampleCountPerLeaf = options.MinimumExamplesPerLeaf,
                    LearningRate = options.LearningRate,
                    NumberOfThreads = 1,
                    Seed = options.Seed,
                }));
        }
        return new ShowUpModel(candidate, rate, known.Length, pipeline.Fit(data), options.Seed);
    }

    private static bool IsNewestFirst(Nominee[] rows)
    {
        for (var i = 1; i < rows.Length; i++)
        {
            if (rows[i].NominatedOn > rows[i - 1].NominatedOn)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Each nominee's probability of attending, in order.</summary>
    public double[] Predict(IReadOnlyList<Nominee> nominees)
    {
        ArgumentNullException.ThrowIfNull(nominees);
        if (_model is null || nominees.Count == 0)
        {
            return nominees.Select(_ => PooledRate).ToArray();
        }
        var ml = new MLContext(_seed) { FallbackToCpu = true };
        var scored = _model.Transform(ml.Data.LoadFromEnumerable(nominees.Select(ShowUpRow.From)));
        return ml.Data.CreateEnumerable<ShowUpScore>(scored, reuseRowObject: false)
            .Select(s => float.IsFinite(s.Probability) ? Math.Clamp(s.Probability, 0.0, 1.0) : PooledRate).ToArray();
    }

    /// <summary>One training or scoring row.</summary>
    private sealed class ShowUpRow
    {
        public bool Label { get; set; }

        public string Country { get; set; } = "";

        public string Group { get; set; } = "";

        public string Gender { get; set; } = "";

        public string Institution { get; set; } = "";

        public string Modality { get; set; } = "";

        public string Programme { get; set; } = "";

        public float Returning { get; set; }

        public float Duration { get; set; }

        public float LogLead { get; set; }

        public static ShowUpRow From(Nominee n) => new()
        {
            Label = n.Attended == true,
            Country = n.Country.Value,
            Group = n.Group.ToString(),
            Gender = n.Gender.ToString(),
            Institution = n.InstitutionType ?? "",
            Modality = n.Modality.ToString(),
            Programme = n.Programme.Value,
            Returning = n.Returning ? 1 : 0,
            Duration = n.DurationDays,
            LogLead = (float)Math.Log(Math.Max(1, n.LeadDays)),
        };
    }

    private sealed class ShowUpScore
    {
        [ColumnName("Probability")]
        public float Probability { get; set; }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Candidate} (trained on {TrainingRows} nominees, pooled rate {PooledRate:F3})");
}
