using Sesric.Analytics.Service.Statistics;

namespace Sesric.Analytics.Service.Hosting;

/// <summary>Chooses the storage engine and the statistics engine behind the service.</summary>
public static class StorageRegistration
{
    /// <summary>Registers the embedded DuckDB store (opened by <see cref="StoreHost"/>) and the semantic engine over it, behind a result cache.</summary>
    public static IServiceCollection AddAnalyticsStore(this IServiceCollection services)
    {
        services.AddSingleton<IStoreOpener, DuckDbStoreOpener>();
        services.AddSingleton<SemanticStatisticsEngine>();
        services.AddSingleton<IStatisticsEngine, CachingStatisticsEngine>();
        return services;
    }
}
