using System.Runtime.CompilerServices;

using DuckDB.NET.Data;

using Sesric.Analytics.Storage.DuckDb.Sql;

namespace Sesric.Analytics.Storage.DuckDb;

/// <summary>
/// The store's counted fact rows in memory (<see cref="IFactSnapshotSource"/>), reloaded after every write: each write
/// advances the data version of the store's file, and a snapshot taken at an older version is read again when next asked.
/// </summary>
/// <remarks>The version is read before the rows, so a snapshot is never newer than its version says: a write that commits
/// meanwhile only causes one more reload. Loads are serialised, so the queries that follow a write read the table once.</remarks>
/// <threadsafety>Safe to share.</threadsafety>
internal sealed class FactSnapshots(StrongBox<long> dataVersion)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Loaded? _loaded;

    /// <summary>What one load found: the counted rows, and the snapshot when it was small enough to keep.</summary>
    internal sealed record Loaded(long Version, long Rows, FactSnapshot? Snapshot);

    /// <summary>Loads this many times (for tests).</summary>
    internal int Loads { get; private set; }

    /// <summary>Records that a write ended (committed or not): snapshots taken before it are stale.</summary>
    public void Changed() => Interlocked.Increment(ref dataVersion.Value);

    /// <summary>The snapshot at the current data version, or null when the counted rows are more than <paramref name="maxRows"/>.</summary>
    /// <param name="maxRows">The most rows worth holding.</param>
    /// <param name="read">Runs a read on a connection of the store's.</param>
    /// <param name="cancellationToken">Cancels a load.</param>
    public async Task<FactSnapshot?> GetAsync(int maxRows, Func<Func<DuckDBConnection, Loaded>, CancellationToken, Task<Loaded>> read, CancellationToken cancellationToken)
    {
        if (maxRows <= 0)
        {
            return null;
        }
        if (Usable(Volatile.Read(ref _loaded), maxRows, out var known))
        {
            return known;
        }
        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Usable(_loaded, maxRows, out known))
            {
                return known;
            }
            var version = Volatile.Read(ref dataVersion.Value);
            var loaded = await read(connection => Load(connection, version, maxRows), cancellationToken).ConfigureAwait(false);
            Loads++;
            Volatile.Write(ref _loaded, loaded);
            return loaded.Snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    // A load at the current version answers when it kept its rows and they are within the limit, or when it counted more
    // than the limit (then there is nothing to hold).
    private bool Usable(Loaded? loaded, int maxRows, out FactSnapshot? snapshot)
    {
        snapshot = null;
        if (loaded is null || loaded.Version != Volatile.Read(ref dataVersion.Value))
        {
            return false;
        }
        if (loaded.Rows > maxRows)
        {
            return true;
        }
        snapshot = loaded.Snapshot;
        return snapshot is not null;
    }

    private static Loaded Load(DuckDBConnection connection, long version, int maxRows)
    {
        using var transaction = connection.BeginTransaction();
        try
        {
            var rows = connection.ScalarLong("SELECT COUNT(*) FROM participation_fact WHERE is_counted");
            if (rows > maxRows)
            {
                return new Loaded(version, rows, null);
            }
            using var command = connection.Command("SELECT * FROM participation_fact WHERE is_counted");
            using var r = command.ExecuteReader();
            var columns = new List<object?>[r.FieldCount];
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = new List<object?>((int)rows);
            }
            while (r.Read())
            {
                for (var i = 0; i < columns.Length; i++)
                {
                    columns[i].Add(r.IsDBNull(i) ? null : DuckDbValues.ToPlain(r.GetValue(i)));
                }
            }
            var byName = new Dictionary<string, object?[]>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Length; i++)
            {
                byName[r.GetName(i)] = [.. columns[i]];
            }
            var count = columns.Length == 0 ? 0 : columns[0].Count;
            return new Loaded(version, count, new FactSnapshot(byName, count));
        }
        finally
        {
            transaction.Rollback();
        }
    }
}
