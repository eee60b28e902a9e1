using Sesric.Analytics.Storage.DuckDb.Sql;

namespace Sesric.Analytics.Storage.DuckDb;

/// <summary>
/// What the store remembers about itself: how it was filled when it was created (the <c>seed</c> row of
/// <c>store_info</c>), read and written through the store's <see cref="IStoreDatabase"/>.
/// </summary>
/// <threadsafety>All members are safe to call from several threads at once.</threadsafety>
internal sealed class StoreSeedRecord(IStoreDatabase database) : IStoreSeedRecord
{
    /// <inheritdoc/>
    public async Task<StoreSeedState> GetSeedStateAsync(CancellationToken cancellationToken = default)
    {
        var value = await database.ReadAsync(
            connection =>
            {
                using var command = connection.Command("SELECT value FROM store_info WHERE name = $1", StoreSeedStates.Setting);
                return command.ExecuteScalar() as string;
            },
            cancellationToken).ConfigureAwait(false);
        return StoreSeedStates.Parse(value);
    }

    /// <inheritdoc/>
    public Task SetSeedStateAsync(StoreSeedState state, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            (connection, _) => connection.Execute(
                "INSERT INTO store_info (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                StoreSeedStates.Setting,
                StoreSeedStates.Format(state)),
            cancellationToken);
}
