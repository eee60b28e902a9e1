using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Api.Hosting;

/// <summary>
/// Chooses the engine by the store address: <c>postgresql://…</c> (or <c>postgres://…</c>) opens PostgreSQL, anything
/// else is a DuckDB file path (or <c>:memory:</c>).
/// </summary>
public sealed class AddressStoreOpener(DuckDbStoreOpener duckDb, PostgresStoreOpener postgres) : IStoreOpener
{
    /// <inheritdoc/>
    public string ResolvePath(string? configuredPath) => StoreLocation.Resolve(configuredPath);

    /// <inheritdoc/>
    public Task<IAnalyticsStore> OpenAsync(string path, CancellationToken cancellationToken) =>
        For(path).OpenAsync(path, cancellationToken);

    /// <inheritdoc/>
    public Task SeedAsync(IAnalyticsStore store, CancellationToken cancellationToken) =>
        (store.Description.Engine == "postgresql" ? (IStoreOpener)postgres : duckDb).SeedAsync(store, cancellationToken);

    private IStoreOpener For(string path) => StoreLocation.IsPostgres(path) ? postgres : duckDb;
}
