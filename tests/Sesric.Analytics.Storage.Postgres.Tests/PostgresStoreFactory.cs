using Sesric.Analytics.StoreConformance;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.Postgres.Tests;

/// <summary>PostgreSQL stores for the conformance suite: a fresh database in the shared test cluster for each location.</summary>
internal sealed class PostgresStoreFactory : IStoreFactory
{
    public static PostgresStoreFactory Instance { get; } = new();

    public string Engine => "postgresql";

    public string BackToVersion10Sql => OlderStore.PostgresBackToVersion10Sql;

    public string NewLocation() => PostgresCluster.Shared.CreateUniqueDatabase("conformance");

    public async Task<IAnalyticsStore> OpenAsync(string location) => await PostgresAnalyticsStore.OpenAsync(location);

    public Task ExecuteSqlAsync(string location, string sql)
    {
        PostgresCluster.Shared.Psql(sql, location[(location.LastIndexOf('/') + 1)..]);
        return Task.CompletedTask;
    }

    // psql's unaligned, tuples-only output: one line a row, values separated by '|', NULL as nothing.
    public Task<string> QueryAsync(string location, string sql) =>
        Task.FromResult(PostgresCluster.Shared.Psql(sql, location[(location.LastIndexOf('/') + 1)..]));
}
