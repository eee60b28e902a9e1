using Microsoft.ML;
using Microsoft.ML.Transforms;

using Sesric.Analytics.Forecasting.Features;

namespace Sesric.Analytics.Forecasting.Candidates;

/// <summary>
/// An ML.NET regressor trained on every programme's rows pooled (a global model), behind one fixed
/// featurisation: missing duration and month replaced by the training mean, modality one-hot encoded,
/// and (for linear learners) features normalised to mean 0, variance 1.
/// </summary>
/// <remarks>Every fit uses a fresh <see cref="MLContext"/> with the options' seed and one thread, so a fit does not
/// depend on what was trained before it, and equal inputs give equal models.</remarks>
internal sealed class MlCandidate(
    string name,
    string description,
    LabelSpace labelSpace,
    bool normalize,
    Func<MLContext, ForecastOptions, IEstimator<ITransformer>> trainer)
    : Candidate(name, CandidateKind.MachineLearning, description)
{
    private const string FeaturesColumn = "Features";

    public LabelSpace LabelSpace { get; } = labelSpace;

    public static MLContext NewContext(ForecastOptions options) => new(options.Seed) { FallbackToCpu = true };

    /// <summary>Trains on cases with a known actual value.</summary>
    public ITransformer Fit(IReadOnlyList<ForecastCase> cases, ForecastOptions options)
    {
        var ml = NewContext(options);
        var rows = cases.Select(c => c.ToRow(ToLabel(c))).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        return BuildPipeline(ml, options).Fit(data);
    }

    /// <summary>Forecasts every case, in order, turning the score back into a count.</summary>
    public double[] Predict(ITransformer model, IReadOnlyList<ForecastCase> cases, ForecastOptions options)
    {
        var ml = NewContext(options);
        var rows = cases.Select(c => c.ToRow(0f)).ToArray();
        var scored = model.Transform(ml.Data.LoadFromEnumerable(rows));
        var scores = ml.Data.CreateEnumerable<ScoreRow>(scored, reuseRowObject: false).Select(s => s.Score).ToArray();
        return cases.Select((c, i) => FromScore(c, scores[i])).ToArray();
    }

    private IEstimator<ITransformer> BuildPipeline(MLContext ml, ForecastOptions options)
    {
        IEstimator<ITransformer> pipeline = ml.Transforms.ReplaceMissingValues(
                FeatureSchema.ColumnsWithGaps.Select(c => new InputOutputColumnPair(c)).ToArray(),
                MissingValueReplacingEstimator.ReplacementMode.Mean)
            .Append(ml.Transforms.Categorical.OneHotEncoding(
                FeatureSchema.CategoricalColumns.Select(c => new InputOutputColumnPair(c + "OneHot", c)).ToArray()))
            .Append(ml.Transforms.Concatenate(
                FeaturesColumn,
                [.. FeatureSchema.NumericColumns, .. FeatureSchema.CategoricalColumns.Select(c => c + "OneHot")]));
        if (normalize)
        {
            pipeline = pipeline.Append(ml.Transforms.NormalizeMeanVariance(FeaturesColumn));
        }
        // Iterative learners (SDCA, L-BFGS) pass over the data many times: cache the featurised rows once.
        return pipeline.AppendCacheCheckpoint(ml).Append(trainer(ml, options));
    }

    private float ToLabel(ForecastCase c)
    {
        var actual = c.Actual ?? throw new InvalidOperationException($"case {c.Edition.Edition} has no actual value to train on.");
        return LabelSpace == LabelSpace.LogRatio
            ? (float)Math.Log((1 + actual) / (1 + c.Last.Value))
            : (float)actual;
    }

    private double FromScore(ForecastCase c, float score)
    {
        if (!float.IsFinite(score))
        {
            // A degenerate fit (for example a Poisson overflow) must not leak NaN into a forecast: keep the last value.
            return c.Last.Value;
        }
        return LabelSpace == LabelSpace.LogRatio
            ? (1 + c.Last.Value) * Math.Exp(Math.Clamp(score, -10f, 10f)) - 1
            : score;
    }
}
