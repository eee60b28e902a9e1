using Sesric.Analytics.Forecasting.Data;

namespace Sesric.Analytics.Forecasting.Tests.Fixtures;

/// <summary>One training on the synthetic catalogue (25 programmes × 15 editions), shared by the tests that read it.</summary>
public sealed class SyntheticForecasterFixture
{
    public SyntheticForecasterFixture()
    {
        Dataset = SyntheticCatalogue.Dataset();
        Forecaster = Forecasting.Forecaster.Train(Dataset, ForecastOptions.Default, FixedClock.At2026);
    }

    public ForecastDataset Dataset { get; }

    public TrainedForecaster Forecaster { get; }
}

[CollectionDefinition(Name)]
public sealed class SyntheticCollection : ICollectionFixture<SyntheticForecasterFixture>
{
    public const string Name = "synthetic forecaster";
}
