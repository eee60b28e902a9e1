using Sesric.Analytics.Application.Data;
using Sesric.Analytics.Dataset;
using Sesric.Analytics.Storage;
using Sesric.Analytics.Storage.Postgres;

namespace Sesric.Analytics.Api.Hosting;

/// <summary>A PostgreSQL database shared by several replicas: migrated on open, seeded with the built-in dataset when empty.</summary>
public sealed class PostgresStoreOpener(ILogger<PostgresStoreOpener> logger) : IStoreOpener
{
    /// <inheritdoc/>
    public string ResolvePath(string? configuredPath) => StoreLocation.Resolve(configuredPath);

    /// <inheritdoc/>
    public async Task<IAnalyticsStore> OpenAsync(string path, CancellationToken cancellationToken) =>
        await PostgresAnalyticsStore.OpenAsync(
            path,
            (from, to, name) => logger.LogInformation(
                "Upgrading the store {Location} from schema version {From} to {To} ({Name})", StoreLocation.Redact(path), from, to, name),
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Replicas starting together may both find the database empty: the seed is an idempotent import (the
    /// same rows again change nothing), and writes are serialised across replicas, so the data ends the same. A database
    /// created empty on purpose (<c>sesric --no-seed --db postgresql://…</c>) remembers it and stays empty, as a DuckDB
    /// file does.</remarks>
    public async Task SeedAsync(IAnalyticsStore store, CancellationToken cancellationToken)
    {
        // The service hands over its versioned wrapper: the record is kept by the store inside it.
        var record = ((store as VersionedStore)?.Inner ?? store) as IStoreSeedRecord;
        if (record is not null && await record.GetSeedStateAsync(cancellationToken) == StoreSeedState.None)
        {
            logger.LogInformation("The store was created empty (--no-seed) and is left empty");
            return;
        }
        if (await StoreSeeder.EnsureSeededAsync(store, cancellationToken))
        {
            if (record is not null)
            {
                await record.SetSeedStateAsync(StoreSeedState.BuiltIn, cancellationToken);
            }
            logger.LogInformation("Seeded the empty store with the built-in dataset");
        }
    }
}
