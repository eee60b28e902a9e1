using Microsoft.Extensions.Options;

using Sesric.Analytics.Api.Configuration;
using Sesric.Analytics.Api.Statistics;
using Sesric.Analytics.Application.Data;
using Sesric.Analytics.Application.Forecasts;
using Sesric.Analytics.Application.Statistics;
using Sesric.Analytics.Reporting;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Api.Hosting;

/// <summary>Chooses the storage engine and the statistics engine behind the service.</summary>
public static class StorageRegistration
{
    /// <summary>
    /// Registers the data version, the store (opened by <see cref="StoreHost"/>, which every write goes through: DuckDB for a file path, PostgreSQL for a postgresql://
    /// address), the listener that empties the caches when another replica writes, and the semantic engine over the
    /// store, behind a result cache, reached per caller through <see cref="CallerStatistics"/>.
    /// </summary>
    public static IServiceCollection AddAnalyticsStore(this IServiceCollection services)
    {
        services.AddSingleton<DuckDbStoreOpener>();
        services.AddSingleton<PostgresStoreOpener>();
        services.AddSingleton<IStoreOpener, AddressStoreOpener>();
        services.AddHostedService<StoreChangeListener>();
        services.AddSingleton(sp => LoadModel(sp.GetRequiredService<IOptions<SesricOptions>>().Value));
        services.AddSingleton<DataVersion>();
        services.AddSingleton<StoreHost>();
        services.AddSingleton<ICurrentStore>(sp => sp.GetRequiredService<StoreHost>());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SesricOptions>>().Value;
            return new QueryRunnerOptions(options.QueryCacheEntries, options.MaxConcurrentQueries, options.InMemoryFactRows);
        });
        services.AddSingleton<SemanticStatisticsEngine>();
        services.AddSingleton<IStatisticsEngine, CachingStatisticsEngine>();
        services.AddSingleton<CallerStatistics>();
        services.AddSingleton<ForecasterCache>();
        services.AddSingleton(sp => RenderSlots(sp.GetRequiredService<IOptions<SesricOptions>>().Value));
        return services;
    }

    /// <summary>The chart-render slots every report call shares (<see cref="SesricOptions.MaxConcurrentChartRenders"/>); below 1 refuses the start.</summary>
    private static ChartRenderSlots RenderSlots(SesricOptions options) =>
        options.MaxConcurrentChartRenders >= 1
            ? new ChartRenderSlots(options.MaxConcurrentChartRenders)
            : throw new ServiceConfigurationException(
                $"{SesricOptions.Section}:{nameof(SesricOptions.MaxConcurrentChartRenders)} must be at least 1 (charts rendering at once), was {options.MaxConcurrentChartRenders}.");

    /// <summary>The built-in model plus the measures of <see cref="SesricOptions.ModelPath"/>; a bad file refuses the start.</summary>
    private static SemanticModel LoadModel(SesricOptions options)
    {
        try
        {
            return SemanticModelFile.Load(options.ModelPath);
        }
        catch (ModelFileException e)
        {
            throw new ServiceConfigurationException($"{SesricOptions.Section}:{nameof(SesricOptions.ModelPath)}: {e.Message}");
        }
    }
}
