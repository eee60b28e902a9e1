namespace Sesric.Analytics.Forecasting.Persistence;

/// <summary>What loading does when the saved model does not match this build's columns or the current data.</summary>
public enum ModelLoadPolicy
{
    /// <summary>Throw <see cref="ModelMismatchException"/> saying what differs.</summary>
    Refuse = 0,

    /// <summary>Train afresh on the current data with the saved options, and say so in the result.</summary>
    Retrain = 1,
}
