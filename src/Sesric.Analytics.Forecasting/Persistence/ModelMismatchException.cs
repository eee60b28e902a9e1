namespace Sesric.Analytics.Forecasting.Persistence;

/// <summary>
/// A saved forecaster cannot be used as it is: its feature columns, card format or training data differ from this
/// build's and the current dataset's. It is never used to predict; retrain it.
/// </summary>
public sealed class ModelMismatchException : InvalidOperationException
{
    /// <summary>Builds the exception from the differences found.</summary>
    public ModelMismatchException(string directory, IReadOnlyList<string> differences)
        : base($"the forecast model in '{directory}' does not match and was not used: {string.Join("; ", differences)}. "
            + "Retrain it (Forecaster.Train, or load with ModelLoadPolicy.Retrain).")
    {
        Directory = directory;
        Differences = differences;
    }

    /// <summary>The model directory.</summary>
    public string Directory { get; }

    /// <summary>Each difference, one sentence each.</summary>
    public IReadOnlyList<string> Differences { get; }
}
