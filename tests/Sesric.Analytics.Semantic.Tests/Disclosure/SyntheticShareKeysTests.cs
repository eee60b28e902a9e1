using Sesric.Analytics.Dataset;
using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic.Tests.Execution;
using Sesric.Analytics.Semantic.Tests.Support;

namespace Sesric.Analytics.Semantic.Tests.Disclosure;

/// <summary>
/// The protected synthetic share's two cell keys are computed only where a result needs them
/// (<see cref="SyntheticShareKeys"/>): a result of only synthetic or only real records publishes the same share without
/// them, and one that mixes both (or whose cells are all small enough to be hidden) is asked again with them. Real DuckDB
/// stores (the built-in registry and a generated one, both all synthetic, the generated one made all real, and a random one
/// that mixes synthetic and real records); which statements ran is read from the engine's own telemetry.
/// </summary>
public sealed class SyntheticShareKeysTests(ShapeStoresFixture fixture) : IClassFixture<ShapeStoresFixture>
{
    private static readonly SemanticQuery EditionByState = SemanticQuery.Of("participants", "member_states").By("edition", "member_state");

    [Fact]
    public async Task Every_published_cell_and_share_is_the_same_as_with_the_keys_always_computed()
    {
        // Beside the fixture's stores, a registry of only real records (the usual case): the generated data made real.
        await using var real = await TempStore.CreateAsync();
        var data = ScaleGenerator.Generate(new ScaleOptions(6_000, Seed: 5, Programmes: 3, EditionsPerProgramme: 5));
        var people = new Dictionary<ParticipantId, Participant>();
        var records = new List<Participation>();
        foreach (var p in data.Participations)
        {
            if (!people.TryGetValue(p.Participant.Id, out var person))
            {
                var g = p.Participant;
                people[g.Id] = person = data.Catalogue.CreateParticipant(g.Id, g.Country, g.Gender, g.InstitutionType, isSynthetic: false, g.RecordKey);
            }
            records.Add(data.Catalogue.CreateParticipation(person, p.Edition, p.Status, isSynthetic: false, p.NominatedOn));
        }
        await real.Store.UpsertProgrammesAsync(data.Catalogue.Programmes.ToArray());
        await real.Store.UpsertCountriesAsync(data.Catalogue.Countries.ToArray());
        await real.Store.UpsertEditionsAsync(data.Catalogue.Editions.ToArray());
        await real.Store.ImportParticipationsAsync(records, Storage.ImportRequest.Default);
        var stores = fixture.Stores.Select(s => (s.Name, (Storage.IAnalyticsStore)s.Store, s.Programme, s.Year, s.State))
            .Append(("real", real.Store, "synthetic-002", data.Catalogue.Editions[3].Year, "EGY"));

        foreach (var (name, store, programme, year, state) in stores)
        {
            var queries = CellDump.Queries(programme, year, state, full: false).ToList();
            foreach (var inMemory in new[] { 0, QueryEngine.DefaultInMemoryFactRows })
            {
                var always = await CellDump.DumpAsync(new QueryEngine(store, CellDump.Model, twoLevel: true, inMemory, alwaysShareKeys: true), queries);
                var asNeeded = await CellDump.DumpAsync(new QueryEngine(store, CellDump.Model, twoLevel: true, inMemory), queries);

                Assert.Contains("policy public table ptable-v1 perturbed", always, StringComparison.Ordinal);
                var first = CellDump.FirstDifference(always, asNeeded, "keys always", "keys as needed");
                Assert.True(first is null, $"{name}, in memory up to {inMemory} rows: {first}");
            }
        }
    }

    [Fact]
    public async Task A_result_of_only_synthetic_records_runs_one_statement_without_the_share_keys()
    {
        var (_, store, _, _, _) = fixture.Stores.Single(s => s.Name == "generated");
        var engine = new QueryEngine(store, null, inMemoryFactRows: 0);
        using var recorder = new StatementRecorder();

        ResultTable table = null!;
        var statements = await recorder.Record(async () => table = await engine.ExecuteAsync(EditionByState));

        var statement = Assert.Single(statements);
        Assert.DoesNotContain("synthetic_key", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("participations_key", statement, StringComparison.Ordinal);
        Assert.Contains("people_key", statement, StringComparison.Ordinal);
        Assert.Equal(1, table.Metadata.SyntheticShare);
        var always = await new QueryEngine(store, null, twoLevel: true, 0, alwaysShareKeys: true).ExecuteAsync(EditionByState);
        Assert.Equal(always.Metadata.SyntheticShare, table.Metadata.SyntheticShare);
    }

    [Fact]
    public async Task A_mixed_result_is_asked_again_with_the_keys_and_the_next_query_computes_them_up_front()
    {
        var (_, store, _, _, _) = fixture.Stores.Single(s => s.Name == "random");
        var engine = new QueryEngine(store, null, inMemoryFactRows: 0);
        var always = new QueryEngine(store, null, twoLevel: true, 0, alwaysShareKeys: true);
        using var recorder = new StatementRecorder();
        var byState = SemanticQuery.Of("participants").By("member_state");

        ResultTable first = null!, second = null!;
        var firstStatements = await recorder.Record(async () => first = await engine.ExecuteAsync(EditionByState));
        var secondStatements = await recorder.Record(async () => second = await engine.ExecuteAsync(byState));

        Assert.Equal(2, firstStatements.Count);
        Assert.DoesNotContain("synthetic_key", firstStatements[0], StringComparison.Ordinal);
        Assert.Contains("synthetic_key", firstStatements[1], StringComparison.Ordinal);
        Assert.Contains("synthetic_key", Assert.Single(secondStatements), StringComparison.Ordinal);
        Assert.Equal((await always.ExecuteAsync(EditionByState)).Metadata.SyntheticShare, first.Metadata.SyntheticShare);
        Assert.Equal((await always.ExecuteAsync(byState)).Metadata.SyntheticShare, second.Metadata.SyntheticShare);
    }

    [Theory]
    // One real person in one cell: the table publishes 1 as 0 or 3 by the key, so whether the share is 0 (something is
    // published) or none (nothing is) takes the participations' key, read from a second statement.
    [InlineData(0L)]
    [InlineData(Sesric.Analytics.Model.RecordKey.Modulus - 1)]
    public async Task A_result_of_only_small_cells_needs_the_keys_to_say_whether_anything_is_published(long key)
    {
        var rows = new SqlRows(
            ["member_state", "people", "participations", "synthetic", "people_key", "participations_key", "synthetic_key"],
            [["TUR", 1L, 1L, 0L, key, key, 0L]]);
        var store = new CannedStore(rows);
        var query = SemanticQuery.Of("participants").By("member_state");

        var table = await new QueryEngine(store, null, inMemoryFactRows: 0).ExecuteAsync(query);

        Assert.Equal(2, store.Statements.Count);
        Assert.DoesNotContain("synthetic_key", store.Statements[0].Sql, StringComparison.Ordinal);
        Assert.Contains("synthetic_key", store.Statements[1].Sql, StringComparison.Ordinal);
        var published = PerturbationTable.Current.Perturb(1, key);
        Assert.Equal(published == 0 ? null : 0.0, table.Metadata.SyntheticShare);
        var always = await new QueryEngine(new CannedStore(rows), null, twoLevel: true, 0, alwaysShareKeys: true).ExecuteAsync(query);
        Assert.Equal(always.Metadata.SyntheticShare, table.Metadata.SyntheticShare);
    }

    [Fact]
    public void The_smallest_published_value_of_a_count_is_the_least_outcome_the_table_gives_it()
    {
        var table = PerturbationTable.Current;
        for (var count = 0; count <= 40; count++)
        {
            var least = Enumerable.Range(0, count + table.LargestChange + 1).First(v => table.Probability(count, v) > 0);
            Assert.Equal(least, table.SmallestPublished(count));
        }
    }
}
