using Sesric.Analytics.Dataset;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic.Tests.Support;

namespace Sesric.Analytics.Semantic.Tests.Execution;

/// <summary>The built-in dataset in a real DuckDB file, seeded once for the test class.</summary>
public sealed class BuiltInStoreFixture : IAsyncLifetime
{
    private TempStore _temp = null!;

    public QueryEngine Engine { get; private set; } = null!;

    public Storage.IAnalyticsStore Store => _temp.Store;

    public async Task InitializeAsync()
    {
        _temp = await TempStore.CreateAsync();
        await StoreSeeder.EnsureSeededAsync(_temp.Store);
        Engine = new QueryEngine(_temp.Store);
    }

    public async Task DisposeAsync() => await _temp.DisposeAsync();
}

/// <summary>Queries over the built-in dataset.</summary>
public sealed class BuiltInDataTests(BuiltInStoreFixture fixture) : IClassFixture<BuiltInStoreFixture>
{
    private readonly QueryEngine _engine = fixture.Engine;

    [Fact]
    public async Task The_readme_query_typed_and_as_text_gives_the_published_2020_figures()
    {
        // README "Querying statistics": Diplomacy-CaB 4th edition, 2020, 81 junior diplomats from 29 member states.
        var typed = SemanticQuery.Of("participants", "member_states")
            .By("year")
            .Where(FilterExpression.Equal("programme", "diplomacy-cab") & FilterExpression.Equal("year", 2020))
            .OrderedBy(new OrderTerm("year", Descending: true));
        var text = SemanticQuery.FromText(["participants", "member_states"], ["year"], "programme = \"diplomacy-cab\" AND year = 2020", "year desc");

        var table = await _engine.ExecuteAsync(typed);

        Assert.Equal(text, typed);
        var row = Assert.Single(table.Rows);
        Assert.Equal((2020L, 81L, 29L), ((long)row[0].Value!, (long)row[1].Value!, (long)row[2].Value!));
    }

    [Theory]
    [InlineData("participants")]
    [InlineData("published_participants")]
    [InlineData("participants,published_participants")]
    public async Task Editions_come_in_programme_then_number_order_straight_from_the_database(string measures)
    {
        var query = SemanticQuery.FromOptions(measures.Split(','), ["edition"], policy: "internal");

        var table = await _engine.ExecuteAsync(query);
        var raw = await fixture.Store.QueryAsync(_engine.Compile(query));

        var editions = table.Rows.Select(r => (string)r[0].Value!).ToList();
        var expected = editions.Select(Sesric.Analytics.Model.EditionId.Parse)
            .OrderBy(e => e.Programme.Value, StringComparer.Ordinal).ThenBy(e => e.Number)
            .Select(e => e.ToString()).ToList();
        Assert.Equal(expected, editions);
        Assert.True(editions.IndexOf("oic-statcom/8") < editions.IndexOf("oic-statcom/11"), "edition 8 must come before edition 11");
        Assert.True(editions.IndexOf("oic-statcom/14") < editions.IndexOf("oic-statcom-follow-up/1"), "a programme's editions stay together");
        var column = raw.IndexOf("edition");
        Assert.Equal(editions, raw.Rows.Select(r => (string)r[column]!).ToList());
    }

    [Theory]
    [InlineData("public")]
    [InlineData("internal")]
    public async Task Diplomacy_cab_2020_has_81_participants_from_29_member_states(string policy)
    {
        var query = SemanticQuery.FromOptions(["participants", "member_states"], ["year"], "programme = \"diplomacy-cab\" AND year = 2020", policy: policy);

        var table = await _engine.ExecuteAsync(query);

        var row = Assert.Single(table.Rows);
        Assert.Equal(["year", "participants", "member_states"], table.Columns.Select(c => c.Name));
        Assert.Equal(new ResultCell(2020L, CellStatus.Ok), row[0]);
        Assert.Equal(new ResultCell(81L, CellStatus.Ok), row[1]);
        Assert.Equal(new ResultCell(29L, CellStatus.Ok), row[2]);
        Assert.Equal(1, table.Metadata.TotalRows);
        Assert.Equal(1.0, table.Metadata.SyntheticShare);
        Assert.Equal(policy, table.Metadata.Policy);
    }

    [Fact]
    public async Task Published_totals_show_editions_with_no_registry_and_leave_unknown_figures_unknown()
    {
        var table = await _engine.ExecuteAsync(SemanticQuery.Of("published_participants", "participants").By("year").Where("programme = \"diplomacy-cab\""));

        var byYear = table.Rows.ToDictionary(r => (long)r[0].Value!, r => (Published: r[1], Registry: r[2]));
        Assert.Equal(new ResultCell(81L, CellStatus.Ok), byYear[2020].Published);
        Assert.Equal(byYear[2020].Published, byYear[2020].Registry);
        Assert.True(byYear.ContainsKey(2018), "2018 was held; its row must be shown even with no figures");
        Assert.Equal(CellStatus.Unknown, byYear[2018].Published.Status);
        Assert.Equal(CellStatus.Unknown, byYear[2018].Registry.Status);
    }

    [Fact]
    public async Task Coverage_uses_membership_on_the_editions_date_and_time_intelligence_reads_the_previous_year()
    {
        var table = await _engine.ExecuteAsync(SemanticQuery.Of("member_states", "coverage", "yoy_change(participants)", "running_total(participations)")
            .By("year").Where("programme = \"diplomacy-cab\" AND year >= 2020").OrderedBy("year desc").WithPolicy(DisclosurePolicy.Internal));

        Assert.Equal([2022L, 2021L, 2020L], table.Column("year").Select(c => (long)c.Value!));
        var y2020 = table.Rows[^1];
        // 56 states were members in good standing on 14 Sep 2020: 57 less Syria (suspended 2012-2025).
        Assert.Equal(29.0 / 56, (double)y2020[2].Value!, 9);
        Assert.Equal(CellStatus.Unknown, y2020[3].Status);
        var participations = await _engine.ExecuteAsync(SemanticQuery.Of("participations").By("year").Where("programme = \"diplomacy-cab\" AND year >= 2020").WithPolicy(DisclosurePolicy.Internal));
        var yearly = participations.Rows.ToDictionary(r => (long)r[0].Value!, r => (long)r[1].Value!);
        Assert.Equal(yearly[2020] + yearly[2021] + yearly[2022], table.Rows[0][4].Value);
        var people = await _engine.ExecuteAsync(SemanticQuery.Of("participants").By("year").Where("programme = \"diplomacy-cab\"").WithPolicy(DisclosurePolicy.Internal));
        var p = people.Rows.ToDictionary(r => (long)r[0].Value!, r => (long)r[1].Value!);
        Assert.Equal(p[2021] - p[2020], table.Rows[1][3].Value);
    }

    [Fact]
    public async Task Public_results_never_show_1_or_2_and_stay_close_to_the_exact_counts()
    {
        var query = SemanticQuery.Of("participants", "female_share").By("year", "member_state");

        var open = await _engine.ExecuteAsync(query.WithPolicy(DisclosurePolicy.Internal));
        var safe = await _engine.ExecuteAsync(query);

        Assert.Equal(open.Metadata.TotalRows, safe.Metadata.TotalRows);
        Assert.Contains(open.Rows, r => r[2].Value is 1L or 2L);
        Assert.Equal("ptable-v1", safe.Metadata.PerturbationTable);
        Assert.Null(open.Metadata.PerturbationTable);
        var changed = 0;
        for (var i = 0; i < safe.Rows.Count; i++)
        {
            Assert.Equal(open.Rows[i][0], safe.Rows[i][0]);
            Assert.Equal(open.Rows[i][1], safe.Rows[i][1]);
            var exact = (long)open.Rows[i][2].Value!;
            var shown = (long)safe.Rows[i][2].Value!;
            Assert.DoesNotContain(shown, new long[] { 1, 2 });
            Assert.InRange(shown - exact, -PerturbationTable.Current.LargestChange, PerturbationTable.Current.LargestChange);
            changed += shown != exact ? 1 : 0;
            if (safe.Rows[i][3].AsDouble() is { } share)
            {
                Assert.InRange(share, 0.0, 1.0);
            }
        }
        Assert.InRange(changed, 1, safe.Rows.Count - 1);
    }
}
