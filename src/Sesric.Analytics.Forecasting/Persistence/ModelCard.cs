namespace Sesric.Analytics.Forecasting.Persistence;

/// <summary>
/// What a trained forecaster is, in plain JSON beside its ML.NET files: what it was trained on, which columns it
/// reads, what was compared and chosen, and how well it did. A loader checks the columns and the data hash before
/// any prediction.
/// </summary>
/// <param name="FormatVersion">The card format (<see cref="CurrentFormatVersion"/>).</param>
/// <param name="ModelVersion">A short version: format, feature schema, data hash prefix and seed.</param>
/// <param name="CreatedAt">When it was trained, from the clock given to the trainer.</param>
/// <param name="TrainingDataHash">The training dataset's hash.</param>
/// <param name="FeatureSchemaVersion">The feature schema's version.</param>
/// <param name="Features">The input columns as <c>name:type</c>.</param>
/// <param name="Library">The ML library and version the .zip files were written with.</param>
/// <param name="Options">The training options.</param>
/// <param name="Targets">One part per target.</param>
public sealed record ModelCard(
    int FormatVersion,
    string ModelVersion,
    DateTimeOffset CreatedAt,
    string TrainingDataHash,
    int FeatureSchemaVersion,
    IReadOnlyList<string> Features,
    string Library,
    ForecastOptions Options,
    IReadOnlyList<TargetCard> Targets)
{
    /// <summary>The card format this build writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The ML library recorded on cards.</summary>
    public const string CurrentLibrary = "Microsoft.ML 5.0.1";
}
