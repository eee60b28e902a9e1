namespace Sesric.Analytics.Forecasting.Persistence;

/// <summary>The forecaster a load produced, and whether it had to be retrained.</summary>
/// <param name="Forecaster">The forecaster, ready to use.</param>
/// <param name="Retrained">True when the saved model did not match and was retrained (policy <see cref="ModelLoadPolicy.Retrain"/>).</param>
/// <param name="Message">What happened, in a sentence (the differences found, when retrained).</param>
public sealed record ModelLoadResult(TrainedForecaster Forecaster, bool Retrained, string Message);
