using Sesric.Analytics.Dataset;
using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Tests.Fixtures;

/// <summary>
/// The real published series from the built-in dataset: Diplomacy-CaB, OIC-StatCom, the StatCom follow-up meetings and
/// two IbnSina-CaB courses. Figures as published; editions without figures stay gaps.
/// </summary>
public static class PublishedEditions
{
    public static readonly ProgrammeId Diplomacy = ProgrammeId.Parse("diplomacy-cab");
    public static readonly ProgrammeId StatCom = ProgrammeId.Parse("oic-statcom");

    public static ForecastDataset Dataset() => ForecastDataset.From(BuiltInDataset.LoadCatalogue(), []);
}
