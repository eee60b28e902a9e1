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
/// family of queries (<see cref="CellDump"/>) is the same text whatever statement computed it.
/// </summary>
public sealed class StatementShapeTests(ShapeStoresFixture fixture) : IClassFixture<ShapeStoresFixture>
{
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
