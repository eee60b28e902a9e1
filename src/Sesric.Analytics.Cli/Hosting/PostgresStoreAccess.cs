using Sesric.Analytics.Dataset;
using Sesric.Analytics.Storage;
using Sesric.Analytics.Storage.DuckDb;
using Sesric.Analytics.Storage.Postgres;

namespace Sesric.Analytics.Cli.Hosting;

/// <summary>
/// Opens a PostgreSQL store (<c>--db postgresql://user@host:port/database</c>) for a command, with the DuckDB file's
/// rules translated to a database server.
/// </summary>
/// <remarks>
/// <para>The database itself is created by whoever runs the server; the first opening creates sesric's schema in it
/// (and later ones upgrade it, said on standard error). A store whose schema this opening (or any other) created and
/// that is still empty is what a new DuckDB file is: it is filled with the built-in dataset unless <c>--no-seed</c>,
/// which it then remembers, and an interrupted filling is finished by the next command. A database that already holds
/// data is never seeded.</para>
/// <para>A dry run (<see cref="StoreUse.Preview"/>) runs the write in the database and rolls it back; it creates or
/// upgrades no schema, which would be a write.</para>
/// </remarks>
internal static class PostgresStoreAccess
{
    /// <summary>Opens the PostgreSQL store at <paramref name="address"/> for <paramref name="use"/>.</summary>
    public static async Task<IAnalyticsStore> OpenAsync(string address, StoreUse use, bool seed, TextWriter error, CancellationToken cancellationToken)
    {
        if (use == StoreUse.Preview)
        {
            try
            {
                return await PostgresAnalyticsStore.OpenPreviewAsync(address, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreUpgradeRequiredException e) when (e.StoreVersion == 0)
            {
                throw new UserErrorException(
                    $"the database '{e.Location}' has no sesric schema yet, and a dry run writes nothing, so it cannot create it: "
                    + "run the import without --dry-run, or any other command once first (sesric --db ADDRESS stats).");
            }
            catch (StoreUpgradeRequiredException e)
            {
                throw new UserErrorException($"{e.Message} A dry run writes nothing, so it cannot upgrade it.");
            }
        }
        var store = await PostgresAnalyticsStore.OpenAsync(
            address,
            (from, to, name) =>
            {
                error.WriteLine($"sesric: {new SchemaUpgrade(StoreLocation.Redact(address), from, to, name)}; an interrupted upgrade leaves the store as it was.");
                error.Flush();
            },
            cancellationToken).ConfigureAwait(false);
        try
        {
            await FillIfNewAsync(store, seed, error, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Seeds a new, empty store (or records that it stays empty), and finishes an interrupted seeding.</summary>
    private static async Task FillIfNewAsync(PostgresAnalyticsStore store, bool seed, TextWriter error, CancellationToken cancellationToken)
    {
        var state = await store.GetSeedStateAsync(cancellationToken).ConfigureAwait(false);
        var location = store.Description.Location;
        if (state == StoreSeedState.Pending)
        {
            Say(error, $"finishing the built-in dataset in '{location}', whose filling was interrupted.");
            await SeedAsync(store, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (state != StoreSeedState.New || !await IsEmptyAsync(store, cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        if (seed)
        {
            Say(error, $"filling the new store in '{location}' with the built-in dataset (--no-seed leaves it empty).");
            await SeedAsync(store, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            Say(error, $"leaving the new store in '{location}' empty (--no-seed: it will not be filled with the built-in dataset later).");
            await store.SetSeedStateAsync(StoreSeedState.None, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task SeedAsync(PostgresAnalyticsStore store, CancellationToken cancellationToken)
    {
        await store.SetSeedStateAsync(StoreSeedState.Pending, cancellationToken).ConfigureAwait(false);
        await StoreSeeder.SeedAsync(store, cancellationToken).ConfigureAwait(false);
        await store.SetSeedStateAsync(StoreSeedState.BuiltIn, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> IsEmptyAsync(IAnalyticsStore store, CancellationToken cancellationToken)
    {
        var catalogue = await store.LoadCatalogueAsync(cancellationToken).ConfigureAwait(false);
        return catalogue.Programmes.Count == 0 && catalogue.Countries.Count == 0
            && await store.CountParticipationsAsync(cancellationToken).ConfigureAwait(false) == 0;
    }

    private static void Say(TextWriter error, string message)
    {
        error.WriteLine($"sesric: {message}");
        error.Flush();
    }
}
