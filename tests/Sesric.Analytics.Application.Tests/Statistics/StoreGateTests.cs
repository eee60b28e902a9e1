using Sesric.Analytics.Application.Data;
using Sesric.Analytics.Application.Statistics;
using Sesric.Analytics.Application.Tests.Support;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Application.Tests.Statistics;

/// <summary>
/// The store's concurrency gate guards SQL statements: with its one turn held by a statement that has not finished, a query
/// the built-in data answers in memory still completes, and a second database query waits until the first is done.
/// </summary>
public sealed class StoreGateTests
{
    // Grouped by edition, a query runs in DuckDB (the in-memory path does not read editions); by year it is answered in memory.
    private static readonly SemanticQuery InDatabase = SemanticQuery.Of("participants").By("edition").WithPolicy(DisclosurePolicy.Internal);
    private static readonly SemanticQuery InMemory = SemanticQuery.Of("participants").By("year").WithPolicy(DisclosurePolicy.Internal);

    // As the service wires it (the result cache in front), with the cache off so every call reaches the engine.
    private static readonly QueryRunnerOptions Options = new(CacheEntries: 0, MaxConcurrentQueries: 1);

    [Fact]
    public async Task A_query_answered_in_memory_does_not_wait_behind_a_statement_holding_every_turn()
    {
        await using var seeded = await SeededStore.CreateAsync();
        var held = new HeldStatements(seeded);
        using var inner = new SemanticStatisticsEngine(held, SemanticModel.Default, Options);
        var engine = new CachingStatisticsEngine(inner, held.Version, Options);

        var blocked = engine.ExecuteAsync(InDatabase);
        await held.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        var answered = await engine.ExecuteAsync(InMemory).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(blocked.IsCompleted);
        Assert.Equal(1, held.Started); // the in-memory answer ran no statement
        Assert.NotEmpty(answered.Rows);
        held.Release();
        var fromDatabase = await blocked.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEmpty(fromDatabase.Rows);
    }

    [Fact]
    public async Task A_second_database_query_waits_for_the_turn_the_first_holds()
    {
        await using var seeded = await SeededStore.CreateAsync();
        var held = new HeldStatements(seeded);
        using var inner = new SemanticStatisticsEngine(held, SemanticModel.Default, Options);
        var engine = new CachingStatisticsEngine(inner, held.Version, Options);

        var first = engine.ExecuteAsync(InDatabase);
        await held.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        var second = engine.ExecuteAsync(InDatabase.By("year"));
        await Task.Delay(200);

        Assert.Equal(1, held.Started);
        Assert.False(second.IsCompleted);
        held.Release();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, held.Started);
    }

    /// <summary>The seeded store, whose SQL statements start only once released (the fact snapshot and every read pass straight through).</summary>
    private sealed class HeldStatements(SeededStore seeded) : ICurrentStore
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _started;

        public IAnalyticsStore Store => field ??= new Holding(seeded.Store, this);

        public DataVersion Version => seeded.Version;

        /// <summary>Completes when the first statement has reached the database.</summary>
        public Task Entered => _entered.Task;

        /// <summary>How many statements have reached the database.</summary>
        public int Started => Volatile.Read(ref _started);

        public void Release() => _release.TrySetResult();

        private sealed class Holding(IAnalyticsStore inner, HeldStatements owner) : IAnalyticsStore, IFactSnapshotSource
        {
            public StoreDescription Description => inner.Description;

            public async Task<SqlRows> QueryAsync(SqlStatement statement, CancellationToken cancellationToken = default)
            {
                Interlocked.Increment(ref owner._started);
                owner._entered.TrySetResult();
                await owner._release.Task.WaitAsync(cancellationToken);
                return await inner.QueryAsync(statement, cancellationToken);
            }

            public Task<FactSnapshot?> GetFactSnapshotAsync(int maxRows, CancellationToken cancellationToken = default) =>
                ((IFactSnapshotSource)inner).GetFactSnapshotAsync(maxRows, cancellationToken);

            public Task<Model.Catalogue> LoadCatalogueAsync(CancellationToken cancellationToken = default) => inner.LoadCatalogueAsync(cancellationToken);

            public IAsyncEnumerable<Model.Participation> ReadParticipationsAsync(Model.Catalogue catalogue, CancellationToken cancellationToken = default) =>
                inner.ReadParticipationsAsync(catalogue, cancellationToken);

            public Task<long> CountParticipationsAsync(CancellationToken cancellationToken = default) => inner.CountParticipationsAsync(cancellationToken);

            public Task<IReadOnlyList<EditionStatistics>> GetEditionStatisticsAsync(CancellationToken cancellationToken = default) => inner.GetEditionStatisticsAsync(cancellationToken);

            public Task<WriteOutcome> UpsertProgrammesAsync(IReadOnlyCollection<Model.Programme> programmes, CancellationToken cancellationToken = default) =>
                inner.UpsertProgrammesAsync(programmes, cancellationToken);

            public Task<WriteOutcome> UpsertCountriesAsync(IReadOnlyCollection<Model.Country> countries, CancellationToken cancellationToken = default) =>
                inner.UpsertCountriesAsync(countries, cancellationToken);

            public Task<WriteOutcome> UpsertEditionsAsync(IReadOnlyCollection<Model.Edition> editions, CancellationToken cancellationToken = default) =>
                inner.UpsertEditionsAsync(editions, cancellationToken);

            public Task<ImportOutcome> ImportParticipationsAsync(IEnumerable<Model.Participation> rows, ImportRequest request, CancellationToken cancellationToken = default) =>
                inner.ImportParticipationsAsync(rows, request, cancellationToken);

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
