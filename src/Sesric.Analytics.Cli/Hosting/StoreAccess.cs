using Sesric.Analytics.Dataset;
using Sesric.Analytics.Storage;
using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.Cli.Hosting;

/// <summary>An open store, and whether this command created its file (then a failing command deletes it again).</summary>
/// <param name="Store">The store.</param>
/// <param name="CreatedFile">The file this command created, or null when it existed (or is in memory).</param>
internal sealed record OpenedStore(IAnalyticsStore Store, string? CreatedFile);

/// <summary>
/// Opens the store a command works on: the embedded DuckDB file at the resolved location, or the PostgreSQL database
/// a <c>postgresql://</c> address names (<see cref="PostgresStoreAccess"/>).
/// </summary>
/// <remarks>
/// <para>A store is seeded with the built-in dataset only when this opening creates it (unless <c>--no-seed</c>), and
/// the store remembers it (<see cref="StoreSeedState"/>): an existing store, even an empty one, is never seeded later.
/// Creating a store is said on standard error.</para>
/// <para>A path given by <c>--db</c> or <c>$SESRIC_ANALYTICS_DB</c> whose folder does not exist is refused: a typing
/// mistake should not quietly create folders and a fresh store. Only the default location's folder is created.</para>
/// </remarks>
internal static class StoreAccess
{
    /// <summary>Opens the store for <paramref name="use"/>.</summary>
    /// <param name="explicitPath">The <c>--db</c> value, or null for the default location.</param>
    /// <param name="use">Read, write or preview.</param>
    /// <param name="seed">Fill a store this opening creates with the built-in dataset.</param>
    /// <param name="error">Standard error, for what is created and upgraded.</param>
    /// <param name="cancellationToken">Cancels opening and seeding.</param>
    /// <remarks>The store is a <see cref="DuckDbAnalyticsStore"/> or a <c>PostgresAnalyticsStore</c>: commands use it
    /// through the interfaces of <see cref="Storage"/> (<see cref="IAnalyticsStore"/>, <see cref="IImportJournal"/>).</remarks>
    public static async Task<OpenedStore> OpenAsync(string? explicitPath, StoreUse use, bool seed, TextWriter error, CancellationToken cancellationToken)
    {
        var path = StoreLocation.Resolve(explicitPath);
        if (StoreLocation.IsPostgres(path))
        {
            return new OpenedStore(await PostgresStoreAccess.OpenAsync(path, use, seed, error, cancellationToken).ConfigureAwait(false), null);
        }
        var upgrades = new UpgradeNotice(error);
        if (StoreLocation.IsInMemory(path))
        {
            var memory = await DuckDbAnalyticsStore.OpenAsync(path, upgrades, cancellationToken).ConfigureAwait(false);
            return new OpenedStore(await SeedIfAskedAsync(memory, seed, cancellationToken).ConfigureAwait(false), null);
        }
        if (!File.Exists(path))
        {
            CheckFolder(path, explicitPath);
            if (use == StoreUse.Preview)
            {
                // Nothing is created: preview against a throw-away store as the file would be created.
                Say(error, $"the store '{path}' does not exist; previewing against a new {(seed ? "store with the built-in dataset" : "empty store")} as it would be created, and creating nothing.");
                var memory = await DuckDbAnalyticsStore.OpenAsync(":memory:", upgrades, cancellationToken).ConfigureAwait(false);
                return new OpenedStore(await SeedIfAskedAsync(memory, seed, cancellationToken).ConfigureAwait(false), null);
            }
            Say(error, seed
                ? $"creating the store '{path}' with the built-in dataset (--no-seed creates an empty one)."
                : $"creating the empty store '{path}' (--no-seed: it will not be filled with the built-in dataset later).");
            var created = await DuckDbAnalyticsStore.OpenAsync(path, upgrades, cancellationToken).ConfigureAwait(false);
            try
            {
                return new OpenedStore(await SeedIfAskedAsync(created, seed, cancellationToken).ConfigureAwait(false), path);
            }
            catch
            {
                await created.DisposeAsync().ConfigureAwait(false);
                DeleteStoreFiles(path);
                throw;
            }
        }

        return new OpenedStore(await OpenExistingFileAsync(path, use, upgrades, error, cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>Opens an existing DuckDB file, finishing a seeding that was interrupted.</summary>
    private static async Task<DuckDbAnalyticsStore> OpenExistingFileAsync(string path, StoreUse use, UpgradeNotice upgrades, TextWriter error, CancellationToken cancellationToken)
    {
        var store = await OpenExistingAsync(path, use, upgrades, cancellationToken).ConfigureAwait(false);
        try
        {
            if (use != StoreUse.Preview && await store.GetSeedStateAsync(cancellationToken).ConfigureAwait(false) == StoreSeedState.Pending)
            {
                // Created to be seeded, and its seeding was interrupted (killed): finish it, which is a write.
                Say(error, $"finishing the built-in dataset in '{path}', whose creation was interrupted.");
                if (use == StoreUse.Read)
                {
                    await store.DisposeAsync().ConfigureAwait(false);
                    store = await DuckDbAnalyticsStore.OpenAsync(path, upgrades, cancellationToken).ConfigureAwait(false);
                }
                await SeedIfAskedAsync(store, seed: true, cancellationToken).ConfigureAwait(false);
            }
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Deletes a store file and its DuckDB write-ahead log (a store a failed command created).</summary>
    public static void DeleteStoreFiles(string path)
    {
        File.Delete(path);
        File.Delete(path + ".wal");
    }

    private static async Task<DuckDbAnalyticsStore> OpenExistingAsync(string path, StoreUse use, UpgradeNotice upgrades, CancellationToken cancellationToken)
    {
        if (use == StoreUse.Write)
        {
            return await DuckDbAnalyticsStore.OpenAsync(path, StoreAccessMode.ReadWrite, upgrades, cancellationToken).ConfigureAwait(false);
        }
        if (use == StoreUse.Preview)
        {
            try
            {
                return await DuckDbAnalyticsStore.OpenAsync(path, StoreAccessMode.Preview, upgrades, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreUpgradeRequiredException e)
            {
                throw new UserErrorException($"{e.Message} A dry run writes nothing, so it cannot upgrade it.");
            }
        }
        try
        {
            return await DuckDbAnalyticsStore.OpenAsync(path, StoreAccessMode.ReadOnly, upgrades, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUpgradeRequiredException)
        {
            // An older store is upgraded in place by the first command that opens it, as before (announced by UpgradeNotice).
            return await DuckDbAnalyticsStore.OpenAsync(path, StoreAccessMode.ReadWrite, upgrades, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException) when (File.Exists(path + ".wal"))
        {
            // A write-ahead log left by an interrupted writer is replayed only by a read-write opening.
            return await DuckDbAnalyticsStore.OpenAsync(path, StoreAccessMode.ReadWrite, upgrades, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<DuckDbAnalyticsStore> SeedIfAskedAsync(DuckDbAnalyticsStore store, bool seed, CancellationToken cancellationToken)
    {
        if (seed)
        {
            await store.SetSeedStateAsync(StoreSeedState.Pending, cancellationToken).ConfigureAwait(false);
            await StoreSeeder.SeedAsync(store, cancellationToken).ConfigureAwait(false);
            await store.SetSeedStateAsync(StoreSeedState.BuiltIn, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Empty on purpose: remembered, so neither a later command nor the service fills it.
            await store.SetSeedStateAsync(StoreSeedState.None, cancellationToken).ConfigureAwait(false);
        }
        return store;
    }

    /// <summary>Refuses a store path the user gave whose folder does not exist (the default location's folder is created).</summary>
    private static void CheckFolder(string path, string? explicitPath)
    {
        var given = string.IsNullOrWhiteSpace(explicitPath) ? Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable) : explicitPath;
        var folder = Path.GetDirectoryName(path);
        if (string.IsNullOrWhiteSpace(given) || string.IsNullOrEmpty(folder) || Directory.Exists(folder))
        {
            return;
        }
        var from = string.IsNullOrWhiteSpace(explicitPath) ? $"${StoreLocation.EnvironmentVariable}" : "--db";
        throw new UserErrorException(
            $"the folder '{folder}' of the store '{path}' (from {from}) does not exist; check the path, or create the folder first (mkdir -p '{folder}'). Nothing was created.");
    }

    private static void Say(TextWriter error, string message)
    {
        error.WriteLine($"sesric: {message}");
        error.Flush();
    }
}
