using Npgsql;

using Sesric.Analytics.Import;

using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Storage.Postgres.Schema;
using Sesric.Analytics.Storage.Postgres.Sql;

namespace Sesric.Analytics.Storage.Postgres;

/// <summary>
/// The store for several service replicas: one PostgreSQL database, created and migrated to the newest schema
/// when opened, with the same tables, schema versions and behaviour as the embedded DuckDB store.
/// </summary>
/// <remarks>
/// <para>Connections come from one bounded Npgsql pool per store (<see cref="PostgresAddress.DefaultPoolSize"/>,
/// or <c>?pool=N</c> in the address). Reads run in parallel, each in its own read-only transaction.</para>
/// <para>Every write is one transaction that first takes a transaction-level advisory lock
/// (<see cref="WriteLock"/>), so writes are serialised across every replica that shares the database, as the DuckDB
/// store's write gate serialises them in one process: an import's key numbering and its request-id check then see
/// every earlier write, and a retry that lands on another replica is a replay. A write that changed something
/// sends <c>NOTIFY</c> on <see cref="ChangeChannel"/>, delivered to listeners when (and only if) it commits.</para>
/// <para>A server that cannot be reached, or drops the connection, surfaces as <see cref="StoreFaultException"/>
/// of kind <see cref="StoreFaultKind.Unreachable"/>; the pool reconnects by itself once the server is back.</para>
/// </remarks>
/// <threadsafety>All members are safe to call from several threads at once.</threadsafety>
public sealed class PostgresAnalyticsStore : IAnalyticsStore, IParticipationFileImporter, IImportJournal, IStoreSeedRecord, IStoreChangeFeed, IStoreLiveness
{
    /// <summary>The channel every committed write notifies (its payload: the writing store object's id), for replicas' caches.</summary>
    public const string ChangeChannel = "sesric_data_changed";

    /// <summary>The advisory lock key every write transaction holds ("sesric-w" in ASCII).</summary>
    internal const long WriteLock = 0x73657372_69632d77;

    private readonly NpgsqlDataSource _source;

    // Writes and migrations take connections from a pool of their own whose statements have no client-side time
    // limit: Npgsql's default of 30 s cancelled the fact-row statement of a 1M-row import on a busy machine (the
    // import then failed as "unreachable"). A write is cancelled through its token between statements instead.
    private readonly NpgsqlDataSource _writes;

    // Names this store object in its notifications, so that its own writes are not announced back to it.
    private readonly string _instance = Guid.NewGuid().ToString("N");

    // A preview (a dry run): every write runs in full and reports its real outcome, then rolls back.
    private readonly bool _rollBackWrites;
    private volatile bool _disposed;

    private PostgresAnalyticsStore(NpgsqlDataSource source, NpgsqlDataSource writes, PostgresAddress address, int version, bool rollBackWrites = false)
    {
        _source = source;
        _writes = writes;
        _rollBackWrites = rollBackWrites;
        Address = address;
        Description = new StoreDescription("postgresql", address.Display, version);
    }

    /// <inheritdoc/>
    public StoreDescription Description { get; }

    /// <summary>The address this store was opened with (its <see cref="PostgresAddress.Display"/> has no password).</summary>
    public PostgresAddress Address { get; }

    /// <summary>The newest schema version this build writes (the same number as the DuckDB store's).</summary>
    public static int SupportedSchemaVersion => PostgresMigrator.LatestVersion;

    /// <summary>Opens the database at <paramref name="address"/> and migrates it to the newest schema.</summary>
    /// <param name="address">A <c>postgresql://user@host:port/database</c> address (see <see cref="PostgresAddress"/>).</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <exception cref="ArgumentException">The address does not parse.</exception>
    /// <exception cref="StoreVersionException">The database was written by a newer schema than this build knows.</exception>
    /// <exception cref="StoreFaultException">The server cannot be reached (kind <see cref="StoreFaultKind.Unreachable"/>).</exception>
    public static Task<PostgresAnalyticsStore> OpenAsync(string address, CancellationToken cancellationToken = default) =>
        OpenAsync(address, upgrading: null, cancellationToken);

    /// <summary>
    /// Opens and migrates as <see cref="OpenAsync(string, CancellationToken)"/> does, calling <paramref name="upgrading"/>
    /// (from version, to version, migration name) before each migration that runs on a database that already had a schema.
    /// </summary>
    public static Task<PostgresAnalyticsStore> OpenAsync(string address, Action<int, int, string>? upgrading, CancellationToken cancellationToken = default) =>
        OpenAsync(PostgresAddress.Parse(address), PostgresMigrator.LatestVersion, upgrading, cancellationToken);

    /// <summary>
    /// Opens the database at <paramref name="address"/> as a preview, for a dry run: every write runs in full in its
    /// transaction and returns its real outcome, then is rolled back (and notifies no replica). Nothing is migrated.
    /// </summary>
    /// <param name="address">A <c>postgresql://user@host:port/database</c> address (see <see cref="PostgresAddress"/>).</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <exception cref="StoreUpgradeRequiredException">The database has no schema yet, or an older one: creating or upgrading it is a write.</exception>
    /// <exception cref="StoreVersionException">The database was written by a newer schema than this build knows.</exception>
    /// <exception cref="StoreFaultException">The server cannot be reached (kind <see cref="StoreFaultKind.Unreachable"/>).</exception>
    public static Task<PostgresAnalyticsStore> OpenPreviewAsync(string address, CancellationToken cancellationToken = default)
    {
        var parsed = PostgresAddress.Parse(address);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(
            () => Open(
                parsed,
                (connection, source, writes) =>
                {
                    var version = PostgresMigrator.CurrentVersionIfAny(connection);
                    if (version > PostgresMigrator.LatestVersion)
                    {
                        throw new StoreVersionException(parsed.Display, version, PostgresMigrator.LatestVersion);
                    }
                    if (version < PostgresMigrator.LatestVersion)
                    {
                        throw new StoreUpgradeRequiredException(parsed.Display, version, PostgresMigrator.LatestVersion);
                    }
                    return new PostgresAnalyticsStore(source, writes, parsed, version, rollBackWrites: true);
                }),
            cancellationToken);
    }

    /// <summary>Opens and migrates up to <paramref name="targetVersion"/> (tests stop earlier to check upgrades).</summary>
    internal static Task<PostgresAnalyticsStore> OpenAsync(PostgresAddress address, int targetVersion, Action<int, int, string>? upgrading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(
            () => Open(
                address,
                (connection, source, writes) =>
                    new PostgresAnalyticsStore(source, writes, address, PostgresMigrator.Migrate(connection, address.Display, targetVersion, upgrading))),
            cancellationToken);
    }

    /// <summary>Creates the two pools and hands a write connection to <paramref name="create"/>; disposes the pools when it throws.</summary>
    private static PostgresAnalyticsStore Open(
        PostgresAddress address, Func<NpgsqlConnection, NpgsqlDataSource, NpgsqlDataSource, PostgresAnalyticsStore> create)
    {
        var source = NpgsqlDataSource.Create(address.Settings.ConnectionString);
        var writes = NpgsqlDataSource.Create(WriteSettings(address));
        try
        {
            using var connection = writes.OpenConnection();
            return create(connection, source, writes);
        }
        catch (Exception e) when (PostgresFaults.Classify(e, address.Display) is { } fault)
        {
            source.Dispose();
            writes.Dispose();
            throw fault;
        }
        catch
        {
            source.Dispose();
            writes.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public Task<Catalogue> LoadCatalogueAsync(CancellationToken cancellationToken = default) =>
        ReadAsync((connection, _) => ReferenceData.LoadCatalogue(connection), cancellationToken);

    /// <inheritdoc/>
    public Task<WriteOutcome> UpsertProgrammesAsync(IReadOnlyCollection<Programme> programmes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(programmes);
        return WriteAsync((connection, ct) => ReferenceData.UpsertProgrammes(connection, programmes, ct), o => !o.WasNoOp, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<WriteOutcome> UpsertCountriesAsync(IReadOnlyCollection<Country> countries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(countries);
        return WriteAsync((connection, ct) => ReferenceData.UpsertCountries(connection, countries, ct), o => !o.WasNoOp, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<WriteOutcome> UpsertEditionsAsync(IReadOnlyCollection<Edition> editions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(editions);
        return WriteAsync((connection, ct) => ReferenceData.UpsertEditions(connection, editions, ct), o => !o.WasNoOp, cancellationToken);
    }

    /// <summary>When set, the next imports record their phases in it (for the benchmark project's phase breakdown).</summary>
    internal PhaseClock? ImportPhases { get; set; }

    /// <inheritdoc/>
    public Task<ImportOutcome> ImportParticipationsAsync(IEnumerable<Participation> rows, ImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestId is { } id)
        {
            Preconditions.CheckNotBlank(id, nameof(request.RequestId));
        }
        return ImportAsync((connection, openStaging, ct) => ParticipationImport.RunAsync(connection, openStaging, rows, request, ImportPhases, ct), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ImportOutcome> ImportParticipationsAsync(ParticipationCsvLines file, ImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestId is { } id)
        {
            Preconditions.CheckNotBlank(id, nameof(request.RequestId));
        }
        return ImportAsync((connection, openStaging, ct) => ParticipationImport.RunAsync(connection, openStaging, file, request, ImportPhases, ct), cancellationToken);
    }

    /// <summary>
    /// Runs a participations import as a write, handing it the way to open a staging session. When an import that opened
    /// one does not commit (it failed, or this store previews), drops the staging tables it may have left (see
    /// <see cref="StagingSession"/>), so that a failed import's scratch rows do not wait in the database for the next one.
    /// </summary>
    private async Task<ImportOutcome> ImportAsync(
        Func<NpgsqlConnection, Func<CancellationToken, Task<NpgsqlConnection>>, CancellationToken, Task<ImportOutcome>> import, CancellationToken cancellationToken)
    {
        var staged = false;
        Task<NpgsqlConnection> OpenStaging(CancellationToken ct)
        {
            staged = true;
            return OpenStagingConnectionAsync(ct);
        }
        ImportOutcome outcome;
        try
        {
            outcome = await WriteStatementsAsync(
                (connection, ct) => import(connection, OpenStaging, ct), o => !o.WasReplay && !(o.Participations.WasNoOp && o.Participants.WasNoOp), cancellationToken).ConfigureAwait(false);
        }
        catch when (staged)
        {
            await DropStagingLeftoversAsync().ConfigureAwait(false);
            throw;
        }
        if (_rollBackWrites && staged)
        {
            await DropStagingLeftoversAsync().ConfigureAwait(false);
        }
        return outcome;
    }

    /// <summary>
    /// Drops a failed first import's staging tables, when no other write holds the write lock (one that does may be an
    /// import staging under those names; the next first import drops them instead). Best effort: a failure here (the
    /// database gone, say) must not replace the import's own error.
    /// </summary>
    private async Task DropStagingLeftoversAsync()
    {
        try
        {
            await using var connection = await _writes.OpenConnectionAsync().ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
            if (await connection.ScalarLongAsync(CancellationToken.None, "SELECT CAST(pg_try_advisory_xact_lock($1) AS INTEGER)", WriteLock).ConfigureAwait(false) == 1)
            {
                await StagingSession.DropLeftoversAsync(connection, CancellationToken.None).ConfigureAwait(false);
            }
            await transaction.CommitAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // Left for the next first import, which drops them under the lock before it stages.
        }
    }

    /// <summary>
    /// A connection for a first import's staging session: the write pool's settings, unpooled. It is opened under the write
    /// lock, so at most one exists at a time, and it cannot wait for a pool that the writes queued behind the lock hold.
    /// </summary>
    private async Task<NpgsqlConnection> OpenStagingConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(WriteSettings(Address)) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<Participation> ReadParticipationsAsync(Catalogue catalogue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return StoreReads.ReadParticipationsAsync(_source, catalogue, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<EditionStatistics>> GetEditionStatisticsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync((connection, _) => StoreReads.EditionStatistics(connection), cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// The statement runs in a read-only transaction that is always rolled back. Parameters bind to <c>$1..$n</c> in
    /// order; values come back as the DuckDB store gives them (every integer width as long, NUMERIC and floating point
    /// as double, DATE as <see cref="DateOnly"/>). Cancelling <paramref name="cancellationToken"/> cancels the statement
    /// on the server and throws <see cref="OperationCanceledException"/>.
    /// </remarks>
    public async Task<SqlRows> QueryAsync(SqlStatement statement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return await StoreReads.QueryAsync(_source, statement, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Fault(e) is { } fault)
        {
            throw fault;
        }
    }

    /// <inheritdoc/>
    public Task<long> CountParticipationsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync((connection, _) => connection.ScalarLong("SELECT COUNT(*) FROM participation"), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ImportRecord>> ListImportsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<ImportRecord>>((connection, _) => ImportUndo.ReadBatches(connection, null), cancellationToken);

    /// <inheritdoc/>
    public Task<ImportRecord> UndoImportAsync(long importId, CancellationToken cancellationToken = default) =>
        WriteStatementsAsync((connection, ct) => ImportUndo.UndoAsync(connection, importId, ct), _ => true, cancellationToken);

    /// <inheritdoc/>
    public async Task<StoreSeedState> GetSeedStateAsync(CancellationToken cancellationToken = default) =>
        StoreSeedStates.Parse(await ReadAsync(
            (connection, _) => connection.Strings("SELECT value FROM store_info WHERE name = $1", StoreSeedStates.Setting).FirstOrDefault(),
            cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public Task SetSeedStateAsync(StoreSeedState state, CancellationToken cancellationToken = default) =>
        WriteAsync(
            (connection, _) => connection.Execute(
                "INSERT INTO store_info (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                StoreSeedStates.Setting,
                StoreSeedStates.Format(state)),
            _ => false,
            cancellationToken);

    /// <inheritdoc/>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.Command("SELECT 1");
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is 1;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// LISTENs on <see cref="ChangeChannel"/> over a connection of its own (outside the pool's budget). PostgreSQL
    /// delivers a notification when the writing transaction commits, to every listener; a dropped connection is
    /// reopened every second until the server is back, and then <paramref name="changedElsewhere"/> is called once.
    /// </remarks>
    public async Task WatchAsync(Action changedElsewhere, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changedElsewhere);
        var settings = new NpgsqlConnectionStringBuilder(Address.Settings.ConnectionString) { Pooling = false, KeepAlive = 5 };
        var first = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(settings.ConnectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                connection.Notification += (_, e) =>
                {
                    if (e.Payload != _instance)
                    {
                        changedElsewhere();
                    }
                };
                await using (var listen = connection.Command($"LISTEN {ChangeChannel}"))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                if (!first)
                {
                    changedElsewhere();
                }
                first = false;
                while (true)
                {
                    await connection.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                first = false;
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _source.DisposeAsync().ConfigureAwait(false);
        await _writes.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The write pool's settings: the address's, with no client-side statement time limit.</summary>
    /// <remarks>Writes run one at a time across replicas (the advisory lock), so this pool rarely holds more than a
    /// few connections; its bound is the address's <c>pool</c>, like the read pool's.</remarks>
    private static string WriteSettings(PostgresAddress address) =>
        new NpgsqlConnectionStringBuilder(address.Settings.ConnectionString) { CommandTimeout = 0 }.ConnectionString;

    /// <summary>Runs a read on a pooled connection in a read-only transaction, off the caller's thread.</summary>
    private Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, T> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(
            () =>
            {
                try
                {
                    using var connection = _source.OpenConnection();
                    using var transaction = connection.BeginTransaction();
                    connection.Execute("SET TRANSACTION READ ONLY");
                    return read(connection, cancellationToken);
                }
                catch (Exception e) when (Fault(e) is { } fault)
                {
                    throw fault;
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// Runs a write in one transaction on a pooled connection, after every earlier write of every replica
    /// (the advisory lock), and notifies <see cref="ChangeChannel"/> when <paramref name="changed"/> says it changed data.
    /// </summary>
    private Task<T> WriteAsync<T>(Func<NpgsqlConnection, CancellationToken, T> write, Func<T, bool> changed, CancellationToken cancellationToken) =>
        WriteStatementsAsync((connection, ct) => Task.FromResult(write(connection, ct)), changed, cancellationToken);

    /// <summary>
    /// As the synchronous overload, for writes whose statements run asynchronously: those stop on the server when the token
    /// fires (Npgsql sends PostgreSQL a cancel request), instead of at the write's next step.
    /// </summary>
    private Task<T> WriteStatementsAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> write, Func<T, bool> changed, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(
            async () =>
            {
                try
                {
                    await using var connection = await _writes.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                    // Read committed whatever the server's default: a first import reads the rows its staging session commits
                    // meanwhile (see StagingSession).
                    await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
                    // Waiting for another write (on any replica) is cancellable too.
                    await connection.ExecuteAsync(cancellationToken, "SELECT pg_advisory_xact_lock($1)", WriteLock).ConfigureAwait(false);
                    // A cancelled write throws, from the statement the server was running or at the write's next check
                    // (every 1,024 staged rows for an import), before the commit; disposing the transaction rolls it back.
                    var result = await write(connection, cancellationToken).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    if (_rollBackWrites)
                    {
                        // A preview: the write ran in full and its outcome is real, but nothing is kept or announced.
                        await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                        return result;
                    }
                    if (changed(result))
                    {
                        connection.Execute("SELECT pg_notify($1, $2)", ChangeChannel, _instance);
                    }
                    // Past this point the write is no longer cancelled: the commit either happens or fails.
                    await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                    return result;
                }
                catch (Exception e) when (Fault(e) is { } fault)
                {
                    throw fault;
                }
            },
            CancellationToken.None);
    }

    private StoreFaultException? Fault(Exception e) =>
        e is StoreFaultException ? null : PostgresFaults.Classify(e, Description.Location);
}
