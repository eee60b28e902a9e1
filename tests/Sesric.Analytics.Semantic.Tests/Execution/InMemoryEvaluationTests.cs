using Sesric.Analytics.Dataset;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic.Tests.Support;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Semantic.Tests.Execution;

/// <summary>
/// A small store's queries answered over its fact rows in memory (<see cref="InMemoryEvaluator"/>) publish exactly what the
/// same queries answered by DuckDB publish: every cell, withheld and perturbed cell and metadata line of
/// <see cref="CellDump"/>'s family and of random queries, on the three stores of <see cref="ShapeStoresFixture"/> (built-in,
/// generated, random with synthetic records). A write is seen by the next query.
/// </summary>
public sealed class InMemoryEvaluationTests(ShapeStoresFixture fixture) : IClassFixture<ShapeStoresFixture>
{
    private static readonly SemanticQuery Dashboard = SemanticQuery.Of("participants", "member_states", "female_share")
        .By("year", "oic_group").Where("year >= 2015");

    [Fact]
    public async Task The_query_family_publishes_the_same_cells_in_memory_as_in_the_database()
    {
        foreach (var (name, store, programme, year, state) in fixture.Stores)
        {
            var queries = CellDump.Queries(programme, year, state, full: false).ToList();
            var database = await CellDump.DumpAsync(new QueryEngine(store, CellDump.Model, inMemoryFactRows: 0), queries);
            var memory = await CellDump.DumpAsync(new QueryEngine(store, CellDump.Model, inMemoryFactRows: 100_000), queries);

            Assert.Contains("policy public table ptable-v1 perturbed", database, StringComparison.Ordinal);
            Assert.True(database == memory, $"{name}: {CellDump.FirstDifference(database, memory, "database", "in memory")}");
        }
    }

    [Fact]
    public async Task Random_queries_publish_the_same_cells_in_memory_as_in_the_database()
    {
        var random = new Random(18);
        foreach (var (name, store, programme, year, state) in fixture.Stores)
        {
            var queries = Enumerable.Range(0, 200).Select(_ => RandomQuery(random, programme, year, state)).ToList();
            // The comparison means something only if many of them are answered in memory.
            Assert.True(queries.Count(InMemory) >= 80, $"{name}: only {queries.Count(InMemory)} of {queries.Count} random queries run in memory");
            var database = await CellDump.DumpAsync(new QueryEngine(store, CellDump.Model, inMemoryFactRows: 0), queries);
            var memory = await CellDump.DumpAsync(new QueryEngine(store, CellDump.Model, inMemoryFactRows: 100_000), queries);

            Assert.True(database == memory, $"{name}: {CellDump.FirstDifference(database, memory, "database", "in memory")}");
        }
    }

    [Fact]
    public async Task Cells_numbered_through_one_map_per_dimension_hold_the_same_rows_as_through_the_table()
    {
        // The evaluator numbers cells through a table of every combination of codes while they are few, else through one
        // map per dimension; the random queries above mostly take the table, so here both paths meet on the same plans.
        var random = new Random(19);
        var compared = 0;
        foreach (var (_, store, programme, year, state) in fixture.Stores)
        {
            var snapshot = await ((IFactSnapshotSource)store).GetFactSnapshotAsync(100_000);
            Assert.NotNull(snapshot);
            foreach (var query in Enumerable.Range(0, 200).Select(_ => RandomQuery(random, programme, year, state)).Where(InMemory))
            {
                var plan = QueryPlan.Resolve(query, CellDump.Model);

                Assert.True(InMemoryEvaluator.TryEvaluate(plan, snapshot, out var byTable, directCellLimit: null));
                Assert.True(InMemoryEvaluator.TryEvaluate(plan, snapshot, out var byMaps, directCellLimit: 0));

                Assert.Equal(byTable.Columns, byMaps.Columns);
                Assert.Equal(byTable.Rows, byMaps.Rows);
                compared += byTable.Rows.Count > 1 ? 1 : 0;
            }
        }
        Assert.True(compared >= 150, $"only {compared} plans with several cells compared");
    }

    [Fact]
    public async Task The_dashboard_query_runs_no_statement_on_a_small_store_and_one_past_the_threshold()
    {
        var store = fixture.Stores[0].Store;
        using var recorder = new StatementRecorder();
        var small = new QueryEngine(store, null, inMemoryFactRows: 100_000);
        var tooSmallLimit = new QueryEngine(store, null, inMemoryFactRows: 10);

        var inMemory = await recorder.Record(() => small.ExecuteAsync(Dashboard));
        var inDatabase = await recorder.Record(() => tooSmallLimit.ExecuteAsync(Dashboard));

        Assert.Empty(inMemory);
        Assert.Single(inDatabase);
        Assert.True(InMemoryEvaluator.Supports(QueryPlan.Resolve(Dashboard, SemanticModel.Default)));
    }

    [Fact]
    public async Task A_condition_over_a_column_of_another_type_is_answered_by_the_database_not_refused()
    {
        // A flag stored as whole numbers (as another store's driver might read it): the evaluator does not guess the
        // database's casts, so the query runs as a statement and publishes what the database publishes.
        var store = fixture.Stores[0].Store;
        var query = SemanticQuery.Of("member_states", "participants").By("year");
        var expected = await CellDump.DumpAsync(new QueryEngine(store, CellDump.Model, inMemoryFactRows: 0), [query]);
        var retyped = new FlagAsNumberStore(store, "counts_as_member");
        using var recorder = new StatementRecorder();
        var actual = "";

        var statements = await recorder.Record(async () =>
            actual = await CellDump.DumpAsync(new QueryEngine(retyped, CellDump.Model, inMemoryFactRows: 100_000), [query]));

        Assert.True(InMemoryEvaluator.Supports(QueryPlan.Resolve(query, CellDump.Model)));
        Assert.Single(statements);
        Assert.True(expected == actual, CellDump.FirstDifference(expected, actual, "database", "retyped"));
    }

    /// <summary>A store whose fact snapshot holds <paramref name="column"/>'s flags as the numbers 0 and 1.</summary>
    private sealed class FlagAsNumberStore(IAnalyticsStore inner, string column) : IStatementRunner, IFactSnapshotSource
    {
        public StoreDescription Description => inner.Description;

        public Task<SqlRows> QueryAsync(SqlStatement statement, CancellationToken cancellationToken = default) =>
            inner.QueryAsync(statement, cancellationToken);

        public async Task<FactSnapshot?> GetFactSnapshotAsync(int maxRows, CancellationToken cancellationToken = default)
        {
            if (await ((IFactSnapshotSource)inner).GetFactSnapshotAsync(maxRows, cancellationToken) is not { } snapshot)
            {
                return null;
            }
            var columns = snapshot.ColumnNames.ToDictionary(name => name, name => snapshot.Column(name)!);
            Assert.Contains(columns[column], v => v is true);
            columns[column] = columns[column].Select(v => v is bool flag ? (object)(flag ? 1L : 0L) : v).ToArray();
            return new FactSnapshot(columns, snapshot.RowCount);
        }
    }

    [Fact]
    public async Task A_write_is_seen_by_the_next_query_in_memory()
    {
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await StoreSeeder.EnsureSeededAsync(store);
        var memory = new QueryEngine(store, null, inMemoryFactRows: 100_000);
        var database = new QueryEngine(store, null, inMemoryFactRows: 0);
        var query = SemanticQuery.Of("participants", "participations").By("year").WithPolicy(DisclosurePolicy.Internal);
        var before = await CellDump.DumpAsync(memory, [query]);

        var extra = RandomDataset.Create(new Random(3));
        await store.UpsertProgrammesAsync(extra.Catalogue.Programmes.ToArray());
        await store.UpsertCountriesAsync(extra.Catalogue.Countries.ToArray());
        await store.UpsertEditionsAsync(extra.Catalogue.Editions.ToArray());
        await store.ImportParticipationsAsync(extra.Participations, Storage.ImportRequest.Default);
        var after = await CellDump.DumpAsync(memory, [query]);

        Assert.NotEqual(before, after);
        Assert.Equal(await CellDump.DumpAsync(database, [query]), after);
    }

    private static readonly string[] Measures =
    [
        "participants", "participations", "member_states", "female_share", "coverage", "editions", "participants_per_edition",
        "new_member_states", "returning_share", "completion_rate", "completers", "women_completion_share", "attended_only",
        "participations_per_member_state", "african_and_arab_participants",
    ];

    private static readonly string[] Common = ["participants", "participations", "member_states", "female_share", "completers", "attended_only"];

    private static readonly string[] PlainDimensions = ["programme", "year", "member_state", "oic_group", "gender", "attendance", "modality", "host_country"];

    private static readonly string[] Dimensions =
        ["programme", "edition", "year", "member_state", "oic_group", "gender", "attendance", "modality", "host_country", "date"];

    /// <summary>Measures, dimensions, a filter of up to three terms joined by AND, OR and NOT, a policy and sometimes an order and page.</summary>
    private static SemanticQuery RandomQuery(Random random, string programme, int year, string state)
    {
        // Mostly the measures and fields a dashboard asks for (answered in memory), sometimes any (answered by DuckDB).
        var measures = (random.Next(3) == 0 ? Measures : Common).OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray();
        var by = (random.Next(3) == 0 ? Dimensions : PlainDimensions).OrderBy(_ => random.Next()).Take(random.Next(0, 3)).ToArray();
        string[] terms =
        [
            $"year >= {year}", $"year < {year}", $"year = {year}", $"year != {year + 1}", "gender = \"female\"", "gender != \"male\"",
            $"member_state = \"{state}\"", $"member_state != \"{state}\"", "oic_group = \"Arab Group\"", $"programme = \"{programme}\"",
            "attendance = \"completed\"", "modality = \"online\"",
        ];
        string? filter = null;
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            var term = terms[random.Next(terms.Length)];
            if (random.Next(4) == 0)
            {
                term = $"NOT ({term})";
            }
            filter = filter is null ? term : $"({filter}) {(random.Next(3) == 0 ? "OR" : "AND")} {term}";
        }
        var policy = random.Next(2) == 0 ? DisclosurePolicy.Internal : DisclosurePolicy.PublicDefault;
        return SemanticQuery.FromText(measures, by, filter, policy: policy);
    }

    private static bool InMemory(SemanticQuery query)
    {
        try
        {
            return InMemoryEvaluator.Supports(QueryPlan.Resolve(query, CellDump.Model));
        }
        catch (QueryException)
        {
            return false;
        }
    }
}
