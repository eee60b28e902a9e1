using Sesric.Analytics.Dataset;
using Sesric.Analytics.Semantic.Tests.Support;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Semantic.Tests.Execution;

/// <summary>Three real DuckDB stores for <see cref="StatementShapeTests"/>: the built-in registry, a generated one, and a small random one that mixes synthetic and real records.</summary>
public sealed class ShapeStoresFixture : IAsyncLifetime
{
    private readonly List<TempStore> _stores = [];

    /// <summary>Each store with values its data has (a programme, a year, a member state) for the filters.</summary>
    public List<(string Name, IAnalyticsStore Store, string Programme, int Year, string State)> Stores { get; } = [];

    public async Task InitializeAsync()
    {
        var builtIn = await TempStore.CreateAsync();
        _stores.Add(builtIn);
        await StoreSeeder.EnsureSeededAsync(builtIn.Store);
        Stores.Add(("built-in", builtIn.Store, "diplomacy-cab", 2020, "TUR"));

        var generated = await TempStore.CreateAsync();
        _stores.Add(generated);
        var data = ScaleGenerator.Generate(new ScaleOptions(6_000, Seed: 5, Programmes: 3, EditionsPerProgramme: 5));
        await LoadAsync(generated.Store, data.Catalogue, data.Participations);
        Stores.Add(("generated", generated.Store, "synthetic-002", data.Catalogue.Editions[3].Year, "EGY"));

        var small = await TempStore.CreateAsync();
        _stores.Add(small);
        var random = RandomDataset.Create(new Random(7));
        await LoadAsync(small.Store, random.Catalogue, random.Participations);
        Stores.Add(("random", small.Store, "alpha", random.Catalogue.Editions[1].Year, "AAA"));
    }

    private static async Task LoadAsync(IAnalyticsStore store, Sesric.Analytics.Model.Catalogue catalogue, IEnumerable<Sesric.Analytics.Model.Participation> participations)
    {
        await store.UpsertProgrammesAsync(catalogue.Programmes.ToArray());
        await store.UpsertCountriesAsync(catalogue.Countries.ToArray());
        await store.UpsertEditionsAsync(catalogue.Editions.ToArray());
        await store.ImportParticipationsAsync(participations, ImportRequest.Default);
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }
}

/// <summary>
/// The shape of the compiled statement is the engine's business, not the reader's: every published cell of a broad
/// family of queries (<see cref="CellDump"/>) is the same text whatever statement computed it. The two-level statement
/// (<see cref="TwoLevelSql"/>) is compared with the one-level statement it replaced, kept for queries it cannot express,
/// on the same stores (so with the same record keys): values, cell keys, perturbed and withheld cells, metadata.
/// </summary>
public sealed class StatementShapeTests(ShapeStoresFixture fixture) : IClassFixture<ShapeStoresFixture>
{
    [Fact]
    public async Task The_two_level_statement_publishes_every_cell_the_one_level_statement_did()
    {
        foreach (var (name, store, programme, year, state) in fixture.Stores)
        {
            var queries = CellDump.Queries(programme, year, state, full: false).ToList();
            var oneLevel = await CellDump.DumpAsync(new QueryEngine(store, CellDump.Model, twoLevel: false), queries);
            var twoLevel = await CellDump.DumpAsync(new QueryEngine(store, CellDump.Model, twoLevel: true), queries);

            Assert.Contains("policy public table ptable-v1 perturbed", oneLevel, StringComparison.Ordinal);
            var first = CellDump.FirstDifference(oneLevel, twoLevel, "one-level", "two-level");
            Assert.True(first is null, $"{name}: {first}");
        }
    }

    [Theory]
    [InlineData("participants,female_share", "year,oic_group")]
    [InlineData("participants,returning_share,completion_rate", "member_state,gender")]
    [InlineData("participants,member_states,new_member_states", "oic_group")]
    [InlineData("participations,completers", "edition,member_state")]
    public void Protected_counts_need_no_distinct_aggregate_and_no_filter_clause(string measures, string by)
    {
        var engine = new QueryEngine(fixture.Stores[0].Store, CellDump.Model);
        var sql = engine.Compile(SemanticQuery.FromText(measures.Split(','), by.Split(','), policy: DisclosurePolicy.PublicDefault)).Sql;

        // Distinct states are counted over one row per person (few states), never people over rows.
        Assert.DoesNotContain("DISTINCT f.participant_key", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("DISTINCT (CAST(f.participant_key", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("FILTER", sql, StringComparison.Ordinal);
        Assert.Contains("_key\"", sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("participants,member_states", "year,oic_group", "internal", false)]
    [InlineData("participants,member_states", "edition,member_state", "internal", false)]
    [InlineData("participants,member_states", "year,oic_group", "public", true)]
    [InlineData("participants,member_states,female_share,returning_share", "year,oic_group", "internal", true)]
    public void Without_cell_keys_and_with_few_distinct_counts_the_cheaper_one_level_statement_is_kept(string measures, string by, string policy, bool twoLevel)
    {
        var engine = new QueryEngine(fixture.Stores[0].Store, CellDump.Model);

        var sql = engine.Compile(SemanticQuery.FromOptions(measures.Split(','), by.Split(','), policy: policy)).Sql;

        // The two-level statement's inner level names its per-person columns pl_…; the one-level statement has none.
        Assert.Equal(twoLevel, sql.Contains("pl_n", StringComparison.Ordinal));
    }

    [Fact]
    public void A_count_of_editions_across_editions_keeps_the_one_level_statement()
    {
        var engine = new QueryEngine(fixture.Stores[0].Store, CellDump.Model);

        var across = engine.Compile(SemanticQuery.FromText(["participants_per_edition"], ["member_state"])).Sql;
        var within = engine.Compile(SemanticQuery.FromText(["participants_per_edition"], ["edition"])).Sql;

        Assert.Contains("COUNT(DISTINCT f.programme_id", across, StringComparison.Ordinal);
        Assert.DoesNotContain("DISTINCT", within, StringComparison.Ordinal);
    }

    /// <summary>
    /// With SESRIC_CELL_DUMP set to a folder, writes each store's dump there (compare two builds with diff); otherwise
    /// checks only that the family runs.
    /// </summary>
    [Fact]
    public async Task Every_cell_of_the_query_family_can_be_dumped()
    {
        var folder = Environment.GetEnvironmentVariable("SESRIC_CELL_DUMP");
        foreach (var (name, store, programme, year, state) in fixture.Stores)
        {
            var dump = await CellDump.DumpAsync(new QueryEngine(store, CellDump.Model), CellDump.Queries(programme, year, state));
            Assert.Contains("\t", dump, StringComparison.Ordinal);
            if (!string.IsNullOrEmpty(folder))
            {
                await File.WriteAllTextAsync(Path.Combine(folder, name + ".txt"), dump);
            }
        }
    }
}
