using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic.Tests.Execution;
using Sesric.Analytics.Semantic.Tests.Support;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Semantic.Tests.Scoping;

/// <summary>
/// A scope that excludes nothing answers with the unscoped statement plus a count of what lies outside the scope, read
/// in the same statement; the rows are used only when that count is 0. A scope the caller's own filter implies adds no
/// condition at all. Real DuckDB stores; which statement ran is read from the engine's own telemetry.
/// </summary>
public sealed class ScopeProbeTests(BuiltInStoreFixture fixture) : IClassFixture<BuiltInStoreFixture>
{
    /// <summary>The probe's column name (the compiler's <c>OutsideScopeColumn</c>, internal to the engine).</summary>
    private const string OutsideScope = "sesric_outside_scope";

    public static TheoryData<string, string> Queries => new()
    {
        { "public", "participants,member_states|year" },
        { "internal", "participants,member_states|year" },
        { "public", "participants,published_participants,coverage|programme,year" },
        { "internal", "participants,published_participants,coverage|programme,year" },
        { "public", "yoy_change(participants),participations|year" },
        { "internal", "female_share,new_member_states,returning_share|year" },
        { "public", "participants,editions|" },
        { "public", "participants|edition,gender" },
    };

    private static SemanticQuery Parse(string policy, string text)
    {
        var parts = text.Split('|');
        var dimensions = parts[1].Length == 0 ? [] : parts[1].Split(',');
        return SemanticQuery.FromText(parts[0].Split(','), dimensions, policy: DisclosurePolicy.Parse(policy));
    }

    private static string[] Cells(ResultTable table) =>
        [.. table.Rows.Select(r => string.Join("|", r.Select(c => $"{c.Value}:{c.Status}")))];

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task A_scope_of_every_programme_gives_the_unscoped_rows_from_one_statement_without_its_condition(string policy, string text)
    {
        var engine = new QueryEngine(fixture.Store, null, inMemoryFactRows: 0);
        var programmes = (await fixture.Store.LoadCatalogueAsync()).Programmes.Select(p => p.Id).ToArray();
        var runner = new ScopedQueryRunner(engine, DataScope.Of(programmes));
        var query = Parse(policy, text);
        using var recorder = new StatementRecorder();

        ResultTable scoped = null!;
        var statements = await recorder.Record(async () => scoped = await runner.ExecuteAsync(query));

        Assert.NotEmpty(scoped.Rows);
        Assert.Equal(Cells(await engine.ExecuteAsync(query)), Cells(scoped));
        var statement = Assert.Single(statements);
        Assert.Contains(OutsideScope, statement, StringComparison.Ordinal);
        Assert.DoesNotContain("f.programme_id IN", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("e.programme_id IN", statement, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_answer_does_not_keep_later_queries_of_the_scope_off_the_cheaper_statement()
    {
        var engine = new QueryEngine(fixture.Store, null, inMemoryFactRows: 0);
        var programmes = (await fixture.Store.LoadCatalogueAsync()).Programmes.Select(p => p.Id).ToArray();
        var runner = new ScopedQueryRunner(engine, DataScope.Of(programmes));
        var empty = SemanticQuery.FromText(["participants"], ["year"], filter: "year = 1900", policy: DisclosurePolicy.Parse("internal"));
        Assert.Empty((await runner.ExecuteAsync(empty)).Rows);
        using var recorder = new StatementRecorder();

        var statements = await recorder.Record(() => runner.ExecuteAsync(Parse("internal", "participants|year")));

        Assert.Contains(OutsideScope, Assert.Single(statements), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public")]
    [InlineData("internal")]
    public async Task A_write_that_adds_a_programme_outside_the_scope_between_two_calls_never_reaches_the_caller(string policy)
    {
        var data = RandomDataset.Create(new Random(19));
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.UpsertProgrammesAsync(data.Catalogue.Programmes.ToArray());
        await temp.Store.UpsertCountriesAsync(data.Catalogue.Countries.ToArray());
        await temp.Store.UpsertEditionsAsync(data.Catalogue.Editions.ToArray());
        await temp.Store.ImportParticipationsAsync(data.Participations, ImportRequest.Default);
        var engine = new QueryEngine(temp.Store, null, inMemoryFactRows: 0);
        var runner = new ScopedQueryRunner(engine, DataScope.FromSlugs(["alpha", "beta"]));
        var query = SemanticQuery.Of("participants", "participations").By("year").WithPolicy(DisclosurePolicy.Parse(policy));
        // The scope's rows asked for directly (internally: the public grammar refuses a caller's OR below the edition).
        var inScope = SemanticQuery.FromText(["participants", "participations"], ["year"], "programme = \"alpha\" OR programme = \"beta\"", policy: DisclosurePolicy.Internal);
        using var recorder = new StatementRecorder();

        ResultTable before = null!;
        var first = await recorder.Record(async () => before = await runner.ExecuteAsync(query));
        await AddProgrammeAsync(temp.Store, data.Catalogue);
        ResultTable after = null!;
        var second = await recorder.Record(async () => after = await runner.ExecuteAsync(query));
        var third = await recorder.Record(() => runner.ExecuteAsync(query));

        Assert.Contains(OutsideScope, Assert.Single(first), StringComparison.Ordinal);
        // The guess (nothing outside) was stale: the probe saw gamma in the statement's own snapshot, and the scoped
        // statement answered. From then on the scoped statement runs first.
        Assert.Equal(2, second.Count);
        Assert.Contains(OutsideScope, second[0], StringComparison.Ordinal);
        Assert.Contains("f.programme_id IN", second[1], StringComparison.Ordinal);
        Assert.Contains("f.programme_id IN", Assert.Single(third), StringComparison.Ordinal);
        var unscopedAfter = await engine.ExecuteAsync(query);
        Assert.NotEqual(Cells(unscopedAfter), Cells(after));
        Assert.Equal(Cells(before), Cells(after));
        if (policy == "internal")
        {
            Assert.Equal(Cells(await engine.ExecuteAsync(inScope)), Cells(after));
        }
    }

    /// <summary>Writes programme gamma, one edition of it and participations of new people: rows outside the scope.</summary>
    private static async Task AddProgrammeAsync(IAnalyticsStore store, Catalogue catalogue)
    {
        var gamma = new Programme(ProgrammeId.Parse("gamma"), new LocalizedText("gamma"), 2000);
        var year = catalogue.Editions.Min(e => e.Year);
        var edition = new Edition(EditionId.Of(gamma.Id, 1), year, null, Modality.Unknown, null, null, [], null, new PublishedTotals(null, null, null));
        var withGamma = new Catalogue([.. catalogue.Programmes, gamma], [.. catalogue.Editions, edition], catalogue.Countries);
        var member = catalogue.Countries.First(c => c.Kind == CountryKind.Member).Code;
        var rows = Enumerable.Range(0, 5)
            .Select(i => withGamma.CreateParticipation(withGamma.CreateParticipant(ParticipantId.Parse($"gamma{i}"), member, Gender.Female, null, false), edition.Id, AttendanceStatus.Attended, false))
            .ToArray();
        await store.UpsertProgrammesAsync([gamma]);
        await store.UpsertEditionsAsync([edition]);
        await store.ImportParticipationsAsync(rows, ImportRequest.Default);
    }

    [Theory]
    [InlineData("programme = \"diplomacy-cab\" AND year = 2020")]
    [InlineData("year >= 2018 AND (programme = \"diplomacy-cab\" OR programme = \"oic-statcom\")")]
    [InlineData("edition = \"diplomacy-cab/4\"")]
    public void A_scope_the_callers_filter_already_implies_adds_no_condition(string filter)
    {
        var scope = DataScope.FromSlugs(["diplomacy-cab", "oic-statcom"]);
        var query = SemanticQuery.FromText(["participants", "member_states"], ["year"], filter, policy: DisclosurePolicy.Internal);

        var scoped = fixture.Engine.Compile(scope.Apply(query, fixture.Engine.Model));
        var unscoped = fixture.Engine.Compile(query);

        Assert.Equal(unscoped.Sql, scoped.Sql);
        Assert.Equal(unscoped.Parameters, scoped.Parameters);
    }

    [Theory]
    [InlineData("programme != \"oic-statcom\"")]
    [InlineData("programme = \"diplomacy-cab\" OR year = 2020")]
    [InlineData("NOT (programme = \"oic-statcom\")")]
    [InlineData("year = 2020")]
    public void A_filter_that_does_not_imply_the_scope_keeps_its_condition(string filter)
    {
        var scope = DataScope.FromSlugs(["diplomacy-cab", "oic-statcom"]);
        var query = SemanticQuery.FromText(["participants"], ["year"], filter, policy: DisclosurePolicy.Internal);

        var scoped = fixture.Engine.Compile(scope.Apply(query, fixture.Engine.Model));

        Assert.Contains("f.programme_id IN (", scoped.Sql, StringComparison.Ordinal);
        Assert.Contains("oic-statcom", scoped.Parameters);
    }
}
