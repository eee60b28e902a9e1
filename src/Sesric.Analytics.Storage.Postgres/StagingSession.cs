using Npgsql;

using Sesric.Analytics.Storage.Postgres.Sql;

namespace Sesric.Analytics.Storage.Postgres;

/// <summary>
/// A second session that a first import (into an empty registry) stages its rows through. It writes the work tables
/// (<c>import_row</c>, <c>import_participant</c>, <c>import_fact</c>) as unlogged tables and commits each one, so the
/// import's own session can read them. While the import's session writes the registry, this session computes the fact
/// rows. PostgreSQL runs one statement at a time per session, so this is how the import uses a second core.
/// </summary>
/// <remarks>
/// <para>The import's transaction holds the write lock (an advisory lock) while this session works, so no other import
/// stages at the same time. The tables have fixed names: any that exist when the lock is held are a failed import's
/// leftovers, and are dropped first.</para>
/// <para>The import's transaction drops the tables before it commits. When it rolls back (or fails), they stay until the
/// store drops them (<see cref="DropLeftoversAsync"/>, right after a failed import) or the next first import does.
/// Unlogged tables are not crash-safe, and need not be: they are scratch space. A crash empties them, and the
/// import they served has rolled back.</para>
/// <para>The session is not pooled. It is opened under the write lock, so at most one exists per database, whatever
/// the pools' bounds.</para>
/// </remarks>
internal sealed class StagingSession : IAsyncDisposable
{
    /// <summary>The work tables, in the order they are made.</summary>
    internal static readonly IReadOnlyList<string> Tables = ["import_row", "import_participant", "import_fact"];

    private StagingSession(NpgsqlConnection connection) => Connection = connection;

    /// <summary>The session's connection.</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>Opens the session with <paramref name="open"/>, and drops any work tables a failed import left.</summary>
    public static async Task<StagingSession> OpenAsync(Func<CancellationToken, Task<NpgsqlConnection>> open, CancellationToken cancellationToken)
    {
        var connection = await open(cancellationToken).ConfigureAwait(false);
        try
        {
            await DropLeftoversAsync(connection, cancellationToken).ConfigureAwait(false);
            return new StagingSession(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction of this session, with the import's settings, and commits it: the
    /// tables it made are then visible to the import's session.
    /// </summary>
    public async Task<T> CommitAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var transaction = await Connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        await ParticipationImport.UseBulkSettingsAsync(Connection, cancellationToken).ConfigureAwait(false);
        // The import's session runs beside this one, so parallel workers only contend for the same cores: with them, on 2
        // cores, grouping a 1M-row import's people took 3.1 s instead of 2.1 s (unlogged tables allow parallel plans).
        await Connection.ExecuteAsync(cancellationToken, "SET LOCAL max_parallel_workers_per_gather = 0").ConfigureAwait(false);
        var result = await work(Connection).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Drops the work tables of the connection's schema (the one unqualified names are made in), if they exist. The caller
    /// holds the write lock, so none of them belongs to an import under way.
    /// </summary>
    public static async Task DropLeftoversAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Qualified with the schema: a pooled connection may also hold temporary tables of these names.
        var schema = (await connection.StringsAsync(cancellationToken, "SELECT current_schema() WHERE current_schema() IS NOT NULL").ConfigureAwait(false)).SingleOrDefault();
        if (schema is null)
        {
            return;
        }
        var quoted = "\"" + schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await connection.ExecuteAsync(cancellationToken, $"DROP TABLE IF EXISTS {string.Join(", ", Tables.Select(t => quoted + "." + t))}").ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
