using System.Collections.Concurrent;

using DuckDB.NET.Data;

using Sesric.Analytics.Import;
using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Storage.DuckDb.Schema;
using Sesric.Analytics.Storage.DuckDb.Sql;

namespace Sesric.Analytics.Storage.DuckDb;

/// <summary>
/// The embedded default store: one DuckDB file, created and migrated to the newest schema when opened.
/// </summary>
/// <remarks>
/// <para>Every write is one transaction. Statistics and queries run as SQL in DuckDB; no operation loads
/// the participant registry into .NET except <see cref="ReadParticipationsAsync"/>, which streams it.</para>
/// <para>Connections: the store keeps one connection open for its lifetime, which keeps the DuckDB database
/// instance (and its cache) alive, and each operation opens its own short-lived connection to that same
/// instance (DuckDB.NET shares one instance between connections to the same path in a process). Reads
/// therefore run in parallel, each on its own connection and snapshot; a read's connection is kept for the next
/// read (up to <see cref="MaxIdleReaders"/> idle ones) instead of being opened and closed on every call, since
/// a dashboard's uncached queries are small and many. Writes are serialised by a gate (one per file in the process): DuckDB's
/// optimistic concurrency would abort one of two transactions that touch the same rows, and imports are
/// large enough that retrying is worse than waiting.</para>
/// <para>Threads: DuckDB runs on one thread while the fact table fits in one row group and on its default otherwise,
/// chosen when the store opens and after each write (<see cref="ThreadPolicy"/>).</para>
/// <para>A DuckDB file can be open in one process at a time; a second process gets a clear error naming the file.</para>
/// </remarks>
/// <threadsafety>All members are safe to call from several threads at once.</threadsafety>
public sealed class DuckDbAnalyticsStore : IAnalyticsStore, IParticipationFileImporter, IImportJournal, IStoreSeedRecord, IStoreDatabase, IFactSnapshotSource
{
    private static readonly Lock MigrationGate = new();

    // One write gate per store file in this process: DuckDB.NET shares one database instance per file, so two store
    // objects on one file must not write at once either. Since migration 010 the registry has no primary keys that would
    // refuse a second insert of the same person: the import's classification is the only guard, and it is sound only
    // when no other write runs between classifying and committing.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(
        OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    // One data version per store file in this process, advanced by every write through any store object on the file: what
    // tells a fact snapshot (FactSnapshots) that it is stale.
    private static readonly ConcurrentDictionary<string, System.Runtime.CompilerServices.StrongBox<long>> DataVersions = new(
        OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    private readonly DuckDBConnection _keepAlive;
    private readonly FactSnapshots _facts;
    private readonly string _connectionString;
    private readonly bool _inMemory;
    private readonly bool _rollBackWrites;
    private readonly SemaphoreSlim _writeGate;
    private readonly ConcurrentBag<DuckDBConnection> _idleReaders = [];
    private int _idleReaderCount;
    private volatile bool _disposed;
    private volatile bool _singleThreaded;

    // Collaborators along the store's seams; each reaches the database only through this store as IStoreDatabase.
    private readonly ReferenceData _referenceData;
    private readonly ImportJournal _journal;
    private readonly StoreSeedRecord _seedRecord;
    private readonly StoreReads _reads;

    // The participations import's settings; the import itself is ParticipationImport, run in a write transaction.
    private readonly ParticipationImport _participationImport = new(DefaultImportMemoryLimitBytes);

    private DuckDbAnalyticsStore(DuckDBConnection keepAlive, string connectionString, bool inMemory, bool rollBackWrites, bool singleThreaded, StoreDescription description)
    {
        _keepAlive = keepAlive;
        _singleThreaded = singleThreaded;
        _connectionString = connectionString;
        _inMemory = inMemory;
        _rollBackWrites = rollBackWrites;
        _writeGate = inMemory ? new SemaphoreSlim(1, 1) : WriteGates.GetOrAdd(description.Location, _ => new SemaphoreSlim(1, 1));
        _facts = new FactSnapshots(inMemory ? new(0) : DataVersions.GetOrAdd(description.Location, _ => new(0)));
        Description = description;
        _referenceData = new ReferenceData(this);
        _journal = new ImportJournal(this, connection => ParticipationImport.RefreshImportedFacts(connection));
        _seedRecord = new StoreSeedRecord(this);
        _reads = new StoreReads(this);
    }

    /// <inheritdoc/>
    public StoreDescription Description { get; }

    /// <summary>The newest schema version this build writes.</summary>
    public static int SupportedSchemaVersion => SchemaMigrator.LatestVersion;

    /// <summary>
    /// Opens (creating the file and its folder if needed) and migrates the store at <paramref name="path"/>.
    /// </summary>
    /// <param name="path">A file path, or <c>:memory:</c> for a throw-away store that lives as long as the returned object.</param>
    /// <param name="cancellationToken">Cancels before the file is opened.</param>
    /// <exception cref="StoreVersionException">The file was written by a newer schema than this build knows.</exception>
    /// <exception cref="IOException">The file is not a DuckDB database, or another process has it open.</exception>
    public static Task<DuckDbAnalyticsStore> OpenAsync(string path, CancellationToken cancellationToken = default) =>
        OpenAsync(path, upgrades: null, cancellationToken);

    /// <summary>
    /// Opens and migrates the store at <paramref name="path"/> as <see cref="OpenAsync(string, CancellationToken)"/>
    /// does, telling <paramref name="upgrades"/> before each migration that runs on an existing file (synchronously,
    /// on the thread that opens the store), so a caller can say why opening takes a while.
    /// </summary>
    /// <param name="path">A file path, or <c>:memory:</c>.</param>
    /// <param name="upgrades">Told of each schema upgrade before it runs; null for none.</param>
    /// <param name="cancellationToken">Cancels before the file is opened.</param>
    /// <exception cref="StoreVersionException">The file was written by a newer schema than this build knows.</exception>
    /// <exception cref="IOException">The file is not a DuckDB database, or another process has it open.</exception>
    public static Task<DuckDbAnalyticsStore> OpenAsync(string path, IProgress<SchemaUpgrade>? upgrades, CancellationToken cancellationToken = default) =>
        OpenAsync(path, StoreAccessMode.ReadWrite, upgrades, cancellationToken);

    /// <summary>
    /// Opens the store at <paramref name="path"/> in <paramref name="mode"/>: read-write as
    /// <see cref="OpenAsync(string, IProgress{SchemaUpgrade}, CancellationToken)"/> does, read-only, or as a preview
    /// whose writes are rolled back.
    /// </summary>
    /// <param name="path">A file path, or <c>:memory:</c> (read-write only).</param>
    /// <param name="mode">How to open it.</param>
    /// <param name="upgrades">Told of each schema upgrade before it runs (read-write only); null for none.</param>
    /// <param name="cancellationToken">Cancels before the file is opened.</param>
    /// <exception cref="StoreVersionException">The file was written by a newer schema than this build knows.</exception>
    /// <exception cref="StoreUpgradeRequiredException">Read-only or preview, and the file needs a schema upgrade first.</exception>
    /// <exception cref="IOException">The file is missing (read-only, preview), is not a DuckDB database, cannot be read, or another process has it open.</exception>
    public static Task<DuckDbAnalyticsStore> OpenAsync(string path, StoreAccessMode mode, IProgress<SchemaUpgrade>? upgrades, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(() => Open(path, mode, upgrades), cancellationToken);
    }

    private static DuckDbAnalyticsStore Open(string path, StoreAccessMode mode, IProgress<SchemaUpgrade>? upgrades)
    {
        var inMemory = StoreLocation.IsInMemory(path);
        var location = inMemory ? ":memory:" : Path.GetFullPath(path);
        if (mode != StoreAccessMode.ReadWrite && (inMemory || !File.Exists(location)))
        {
            throw new IOException($"the store '{location}' does not exist; a read-only or preview opening never creates one.");
        }
        if (!inMemory && mode == StoreAccessMode.ReadWrite)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(location)!);
        }
        var builder = new DuckDBConnectionStringBuilder { DataSource = location };
        if (mode == StoreAccessMode.ReadOnly)
        {
            // DuckDB's own read-only mode: no lock for writing is taken, so a file the user cannot write opens.
            builder["access_mode"] = "READ_ONLY";
        }
        var connectionString = builder.ConnectionString;
        var keepAlive = new DuckDBConnection(connectionString);
        try
        {
            try
            {
                keepAlive.Open();
            }
            catch (DuckDBException e) when (DuckDbFaults.Classify(e, location) is null)
            {
                throw new IOException($"cannot open the store '{location}': {Explain(location, mode, e)}", e);
            }
            int version;
            lock (MigrationGate)
            {
                version = mode == StoreAccessMode.ReadWrite
                    ? SchemaMigrator.Migrate(keepAlive, location, SchemaMigrator.LatestVersion, upgrades)
                    : SchemaMigrator.CheckCurrent(keepAlive, location);
            }
            StoreCheck.Verify(keepAlive);
            var singleThreaded = ThreadPolicy.Apply(keepAlive);
            return new DuckDbAnalyticsStore(
                keepAlive, connectionString, inMemory, mode == StoreAccessMode.Preview, singleThreaded, new StoreDescription("duckdb", location, version));
        }
        catch (Exception e) when (DuckDbFaults.Classify(e, location) is { } fault && !ReferenceEquals(fault, e))
        {
            keepAlive.Dispose();
            throw fault;
        }
        catch
        {
            keepAlive.Dispose();
            throw;
        }
    }

    /// <summary>The default of <see cref="ImportMemoryLimitBytes"/>: 256 MiB.</summary>
    /// <remarks>At 1M rows (README, Performance) an import under this cap took no more CPU than without it and at 3M rows
    /// it did not fail; DuckDB's own memory then peaks about 100 MiB above the cap. 128 MiB cost CPU (spilling) without
    /// lowering the process's peak, which the parsing phase sets.</remarks>
    public const long DefaultImportMemoryLimitBytes = 256L * 1024 * 1024;

    /// <summary>
    /// DuckDB's memory limit while a participations import runs (its work tables, sorts and hash tables spill to
    /// <c>&lt;store file&gt;.tmp</c> beyond it), restored when the import has committed or rolled back; 0 leaves
    /// DuckDB's own limit (80 % of the machine's memory). Defaults to <see cref="DefaultImportMemoryLimitBytes"/>.
    /// An in-memory store (<c>:memory:</c>) has nowhere to spill and ignores it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    public long ImportMemoryLimitBytes
    {
        get => _participationImport.MemoryLimitBytes;
        set => _participationImport.MemoryLimitBytes = value;
    }

    /// <summary>When set, imports record the time of each phase here (the benchmark project's breakdown).</summary>
    internal PhaseClock? ImportPhases
    {
        get => _participationImport.Phases;
        set => _participationImport.Phases = value;
    }

    /// <inheritdoc/>
    public Task<ImportOutcome> ImportParticipationsAsync(IEnumerable<Participation> rows, ImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestId is { } id)
        {
            Preconditions.CheckNotBlank(id, nameof(request.RequestId));
        }
        var phases = ImportPhases;
        return WriteAsync((connection, ct) => ParticipationImport.Run(connection, rows, request, phases, ct), cancellationToken, ImportMemoryLimitBytes);
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
        var phases = ImportPhases;
        return WriteAsync((connection, ct) => ParticipationImport.Run(connection, file, request, phases, ct), cancellationToken, ImportMemoryLimitBytes);
    }

    /// <inheritdoc/>
    public Task<long> CountParticipationsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(connection => connection.ScalarLong("SELECT COUNT(*) FROM participation"), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<EditionStatistics>> GetEditionStatisticsAsync(CancellationToken cancellationToken = default) =>
        _reads.GetEditionStatisticsAsync(cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// Rows are built through <paramref name="catalogue"/>, so it must know every edition and country in the
    /// store (load it with <see cref="LoadCatalogueAsync"/>). The query streams: memory stays flat however
    /// large the registry is. The stream reads one snapshot; writes that commit meanwhile are not seen.
    /// </remarks>
    public IAsyncEnumerable<Participation> ReadParticipationsAsync(Catalogue catalogue, CancellationToken cancellationToken = default) =>
        _reads.ReadParticipationsAsync(catalogue, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// The statement runs inside a transaction that is always rolled back, so even a statement that tries to write leaves
    /// the store unchanged; cancelling <paramref name="cancellationToken"/> interrupts DuckDB mid-statement and throws
    /// <see cref="OperationCanceledException"/> (see <see cref="StoreReads.QueryAsync"/>).
    /// </remarks>
    public Task<SqlRows> QueryAsync(SqlStatement statement, CancellationToken cancellationToken = default) =>
        _reads.QueryAsync(statement, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Read once per write (see <see cref="FactSnapshots"/>); while the store holds more counted rows than
    /// <paramref name="maxRows"/> only their count is read, once per write.</remarks>
    public Task<FactSnapshot?> GetFactSnapshotAsync(int maxRows, CancellationToken cancellationToken = default) =>
        _facts.GetAsync(maxRows, ReadAsync, cancellationToken);

    /// <summary>How many times the fact rows were read for a snapshot (for tests).</summary>
    internal int FactSnapshotLoads => _facts.Loads;


    /// <inheritdoc/>
    public Task<Catalogue> LoadCatalogueAsync(CancellationToken cancellationToken = default) =>
        _referenceData.LoadCatalogueAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<WriteOutcome> UpsertProgrammesAsync(IReadOnlyCollection<Programme> programmes, CancellationToken cancellationToken = default) =>
        _referenceData.UpsertProgrammesAsync(programmes, cancellationToken);

    /// <inheritdoc/>
    public Task<WriteOutcome> UpsertCountriesAsync(IReadOnlyCollection<Country> countries, CancellationToken cancellationToken = default) =>
        _referenceData.UpsertCountriesAsync(countries, cancellationToken);

    /// <inheritdoc/>
    public Task<WriteOutcome> UpsertEditionsAsync(IReadOnlyCollection<Edition> editions, CancellationToken cancellationToken = default) =>
        _referenceData.UpsertEditionsAsync(editions, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ImportRecord>> ListImportsAsync(CancellationToken cancellationToken = default) =>
        _journal.ListImportsAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<ImportRecord> UndoImportAsync(long importId, CancellationToken cancellationToken = default) =>
        _journal.UndoImportAsync(importId, cancellationToken);

    /// <inheritdoc/>
    public Task<StoreSeedState> GetSeedStateAsync(CancellationToken cancellationToken = default) =>
        _seedRecord.GetSeedStateAsync(cancellationToken);

    /// <inheritdoc/>
    public Task SetSeedStateAsync(StoreSeedState state, CancellationToken cancellationToken = default) =>
        _seedRecord.SetSeedStateAsync(state, cancellationToken);

    /// <inheritdoc/>
    Task<T> IStoreDatabase.ReadAsync<T>(Func<DuckDBConnection, T> read, CancellationToken cancellationToken) =>
        ReadAsync(read, cancellationToken);

    /// <inheritdoc/>
    DuckDBConnection IStoreDatabase.Connect() => Connect();

    /// <inheritdoc/>
    Task<T> IStoreDatabase.WriteAsync<T>(Func<DuckDBConnection, CancellationToken, T> write, CancellationToken cancellationToken) =>
        WriteAsync(write, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        // Wait for a running write to finish so the file is closed after its commit or rollback.
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            CloseIdleReaders();
            _keepAlive.Dispose();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Opens a new connection to this store's database instance.</summary>
    private DuckDBConnection Connect()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_inMemory)
        {
            // Every ":memory:" connection string opens a separate empty database; Duplicate shares ours.
            var duplicate = _keepAlive.Duplicate();
            if (duplicate.State != System.Data.ConnectionState.Open)
            {
                duplicate.Open();
            }
            return duplicate;
        }
        var connection = new DuckDBConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>At most this many read connections are kept open between reads; more concurrent reads open (and then close) their own.</summary>
    internal const int MaxIdleReaders = 16;

    /// <summary>Read connections open now and waiting for a read (for tests).</summary>
    internal int IdleReaders => Volatile.Read(ref _idleReaderCount);

    /// <summary>Runs a read on a connection of its own (an idle one when there is one), off the caller's thread.</summary>
    /// <remarks>A read that fails or is cancelled closes its connection rather than return it: an interrupted
    /// statement or a transaction left open must not reach the next read.</remarks>
    private Task<T> ReadAsync<T>(Func<DuckDBConnection, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(
            () =>
            {
                try
                {
                    var connection = RentReader();
                    var sound = false;
                    try
                    {
                        var result = read(connection);
                        sound = !cancellationToken.IsCancellationRequested;
                        return result;
                    }
                    finally
                    {
                        if (sound)
                        {
                            ReturnReader(connection);
                        }
                        else
                        {
                            connection.Dispose();
                        }
                    }
                }
                catch (Exception e) when (Fault(e) is { } fault)
                {
                    throw fault;
                }
            },
            cancellationToken);
    }

    private DuckDBConnection RentReader()
    {
        if (_idleReaders.TryTake(out var idle))
        {
            Interlocked.Decrement(ref _idleReaderCount);
            return idle;
        }
        return Connect();
    }

    private void ReturnReader(DuckDBConnection connection)
    {
        if (_disposed)
        {
            connection.Dispose();
            return;
        }
        if (Interlocked.Increment(ref _idleReaderCount) > MaxIdleReaders)
        {
            Interlocked.Decrement(ref _idleReaderCount);
            connection.Dispose();
            return;
        }
        _idleReaders.Add(connection);
        if (_disposed)
        {
            // Disposal began while this read ended: make sure no connection outlives the store.
            CloseIdleReaders();
        }
    }

    private void CloseIdleReaders()
    {
        while (_idleReaders.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleReaderCount);
            connection.Dispose();
        }
    }

    /// <summary>Runs a write in one transaction on its own connection, after earlier writes have finished.</summary>
    /// <param name="write">The write, given the connection (its transaction is open) and the caller's token.</param>
    /// <param name="cancellationToken">Cancels the wait for the gate and, through the write's own checks, the write.</param>
    /// <param name="memoryLimitBytes">When above 0 (and the store is a file), DuckDB's <c>memory_limit</c> during the write
    /// and its commit, restored afterwards (<see cref="ImportMemoryCap"/>).</param>
    private async Task<T> WriteAsync<T>(Func<DuckDBConnection, CancellationToken, T> write, CancellationToken cancellationToken, long memoryLimitBytes = 0)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(
                () =>
                {
                    using var connection = Connect();
                    if (_singleThreaded)
                    {
                        // A write may be a large import: it gets every core (see ThreadPolicy).
                        ThreadPolicy.Reset(connection);
                    }
                    // Disposed after the commit (and the thread policy), so the commit runs under the cap too. An
                    // in-memory store has nowhere to spill: it keeps DuckDB's own limit.
                    using var cap = memoryLimitBytes > 0 && !_inMemory
                        ? ImportMemoryCap.Apply(connection, memoryLimitBytes, Description.Location + ".tmp")
                        : null;
                    try
                    {
                        return WriteInTransaction(connection, write, cancellationToken);
                    }
                    finally
                    {
                        RefreshThreadPolicy(connection);
                    }
                },
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (Fault(e) is { } fault)
        {
            throw fault;
        }
        finally
        {
            _facts.Changed();
            _writeGate.Release();
        }
    }

    private T WriteInTransaction<T>(DuckDBConnection connection, Func<DuckDBConnection, CancellationToken, T> write, CancellationToken cancellationToken)
    {
        using var transaction = connection.BeginTransaction();
        try
        {
            var result = write(connection, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            if (_rollBackWrites)
            {
                // A preview: the write ran in full and its outcome is real, but nothing is kept.
                transaction.Rollback();
            }
            else
            {
                transaction.Commit();
            }
            return result;
        }
        catch (Exception e)
        {
            try
            {
                transaction.Rollback();
            }
            catch (DuckDBException) when (Fault(e) is not null)
            {
                // An invalidated database refuses the rollback too; the write was never committed.
            }
            throw;
        }
    }

    /// <summary>Chooses the threads for the fact table's size after a write (see <see cref="ThreadPolicy"/>).</summary>
    private void RefreshThreadPolicy(DuckDBConnection connection)
    {
        try
        {
            _singleThreaded = ThreadPolicy.Apply(connection);
        }
        catch (DuckDBException)
        {
            // An invalidated database refuses every statement; the write's own error says why, and a reopened
            // store chooses again. Reads keep the default threads meanwhile, which is only slower.
            _singleThreaded = false;
        }
    }

    /// <summary>
    /// Why DuckDB could not open the file, in the user's terms: a file the user may not write (DuckDB says "Permission
    /// denied" or "Read-only file system"), a file another process holds ("Could not set lock"), else DuckDB's own first line.
    /// </summary>
    private static string Explain(string location, StoreAccessMode mode, DuckDBException e)
    {
        var first = FirstLine(e.Message);
        if (first.Contains("Permission denied", StringComparison.OrdinalIgnoreCase) || first.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase))
        {
            return mode == StoreAccessMode.ReadOnly
                ? $"you may not read this file ({PermissionsOf(location)})."
                : $"you may not write this file ({PermissionsOf(location)}); commands that only read it still work, and writing needs write permission on the file and its folder.";
        }
        if (first.Contains("Could not set lock", StringComparison.OrdinalIgnoreCase) || first.Contains("Conflicting lock", StringComparison.OrdinalIgnoreCase))
        {
            return "another process (a running 'sesric serve' or server, or another import) has it open for writing; stop it, or wait for it to finish.";
        }
        return $"{first} (is it a DuckDB store file?)";
    }

    private static string PermissionsOf(string location)
    {
        try
        {
            return OperatingSystem.IsWindows() ? "access denied" : $"mode {File.GetUnixFileMode(location)}";
        }
        catch (IOException)
        {
            return "access denied";
        }
        catch (UnauthorizedAccessException)
        {
            return "access denied";
        }
    }

    /// <summary>The store fault behind <paramref name="e"/> (a new exception naming this store), or null for a statement error.</summary>
    private StoreFaultException? Fault(Exception e) =>
        e is StoreFaultException ? null : DuckDbFaults.Classify(e, Description.Location);

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? message : message[..newline];
    }
}
