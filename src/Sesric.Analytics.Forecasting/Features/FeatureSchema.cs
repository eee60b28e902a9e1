namespace Sesric.Analytics.Forecasting.Features;

/// <summary>
/// The columns the ML.NET candidates read, with a version. The model card records both; loading a model
/// whose columns differ is refused, so a model never predicts from the wrong columns.
/// </summary>
public static class FeatureSchema
{
    /// <summary>Bumped whenever a column's meaning changes even though its name and type stay.</summary>
    public const int Version = 1;

    /// <summary>Numeric feature columns, in the order they are concatenated.</summary>
    public static IReadOnlyList<string> NumericColumns { get; } =
    [
        nameof(FeatureRow.Lag1), nameof(FeatureRow.Lag2), nameof(FeatureRow.Lag3), nameof(FeatureRow.LogLag1),
        nameof(FeatureRow.LogGrowth), nameof(FeatureRow.LogHistoryMean), nameof(FeatureRow.HistoryCount),
        nameof(FeatureRow.EditionsSinceLast), nameof(FeatureRow.YearsSinceLast), nameof(FeatureRow.EditionNumber),
        nameof(FeatureRow.Year), nameof(FeatureRow.DurationDays), nameof(FeatureRow.Partners),
        nameof(FeatureRow.EligibleStates), nameof(FeatureRow.Month),
    ];

    /// <summary>Categorical feature columns (one-hot encoded inside the pipeline).</summary>
    public static IReadOnlyList<string> CategoricalColumns { get; } =
        [nameof(FeatureRow.Modality), nameof(FeatureRow.PreviousModality)];

    /// <summary>Numeric columns whose unknown values (NaN) are replaced by the training mean.</summary>
    public static IReadOnlyList<string> ColumnsWithGaps { get; } =
        [nameof(FeatureRow.DurationDays), nameof(FeatureRow.Month)];

    /// <summary>Every input column as <c>name:type</c>, label included, in a fixed order: what a saved model must match.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        [$"{nameof(FeatureRow.Label)}:Single", .. NumericColumns.Select(c => $"{c}:Single"), .. CategoricalColumns.Select(c => $"{c}:String")];
}
