using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic.Tests.Support;

namespace Sesric.Analytics.Semantic.Tests.Execution;

/// <summary>How the public policy carries into measures, time intelligence, ordering and metadata, on rows the test chooses.</summary>
public class DisclosureInResultsTests
{
    private static readonly PerturbationTable Table = PerturbationTable.Current;

    // Keys chosen so the table's thresholds decide: 1 person with key 0 -> 0, with the top key -> 3; tail: key 0 -> -2, top -> +2.
    private const long Low = 0;
    private const long High = Sesric.Analytics.Model.RecordKey.Modulus - 1;

    private static SqlRows YearRows(params (long Year, long People, long Key, long? PrevPeople, long PrevKey)[] cells) => new(
        ["year", "people", "participations", "synthetic", "people_key", "participations_key", "synthetic_key",
            "prev_people", "prev_participations", "prev_synthetic", "prev_people_key", "prev_participations_key", "prev_synthetic_key"],
        cells.Select(c => new object?[] { c.Year, c.People, c.People, 0L, c.Key, c.Key, 0L, c.PrevPeople, c.PrevPeople, c.PrevPeople is null ? null : 0L, c.PrevKey, c.PrevKey, 0L }).ToArray());

    [Fact]
    public async Task Year_over_year_and_running_totals_are_built_from_the_protected_yearly_values()
    {
        // Grouped by year and filtered on a member state: below the whole edition, so counts are perturbed.
        var engine = new QueryEngine(new CannedStore(YearRows((2019, 1, High, null, 0), (2020, 10, Low, 1, High), (2021, 12, High, 10, Low))));

        var table = await engine.ExecuteAsync(SemanticQuery.Of("participants", "yoy_change(participants)", "running_total(participants)")
            .By("year").Where("member_state = \"TUR\""));

        static string Show(ResultCell c) => c.Status == CellStatus.Ok ? c.Value!.ToString()! : c.Status.ToString();
        Assert.Equal(
            [
                "2019 3 Unknown 3",      // 1 person, top key -> 3
                "2020 8 5 11",           // 10 with key 0 -> 8; 8 - 3
                "2021 14 6 25",          // 12 with the top key -> 14; 14 - 8
            ],
            table.Rows.Select(r => string.Join(" ", r.Select(Show))));
        Assert.Equal("ptable-v1", table.Metadata.PerturbationTable);
        Assert.Equal(9, table.Metadata.PerturbedCells);
        Assert.Equal(0, table.Metadata.SuppressedCells);
    }

    [Fact]
    public async Task Prior_year_shows_the_previous_years_protected_value_that_yoy_change_subtracts()
    {
        // The rows of the test above: each year's previous-year components are that year's own, keys included.
        var engine = new QueryEngine(new CannedStore(YearRows((2019, 1, High, null, 0), (2020, 10, Low, 1, High), (2021, 12, High, 10, Low))));

        var table = await engine.ExecuteAsync(SemanticQuery.Of("participants", "prior_year(participants)", "yoy_change(participants)")
            .By("year").Where("member_state = \"TUR\""));

        // 2019 has no year before (unknown, not 0); 2020 shows 2019's published 3, not its true 1; 2021 shows 2020's 8, not 10.
        Assert.Equal([CellStatus.Unknown, CellStatus.Ok, CellStatus.Ok], table.Column("prior_year(participants)").Select(c => c.Status));
        Assert.Equal([null, 3L, 8L], table.Column("prior_year(participants)").Select(c => c.Value));
        Assert.Equal([3L, 8L], table.Column("participants").Take(2).Select(c => c.Value));
        Assert.Equal([null, 5L, 6L], table.Column("yoy_change(participants)").Select(c => c.Value));
        Assert.Equal(9, table.Metadata.PerturbedCells);
    }

    [Fact]
    public async Task Whole_edition_counts_stay_exact_under_the_public_policy()
    {
        var engine = new QueryEngine(new CannedStore(YearRows((2019, 1, High, null, 0), (2020, 10, Low, 1, High))));

        var table = await engine.ExecuteAsync(SemanticQuery.Of("participants").By("year").Where("programme = \"diplomacy-cab\""));

        Assert.Equal([1L, 10L], table.Column("participants").Select(c => c.Value));
        Assert.Equal(0, table.Metadata.PerturbedCells);
        Assert.Equal("ptable-v1", table.Metadata.PerturbationTable);
    }

    [Fact]
    public async Task Counts_of_states_are_withheld_where_the_query_depends_on_gender_and_shares_stay_within_0_and_1()
    {
        var rows = new SqlRows(
            ["gender", "people", "participations", "synthetic", "member_states", "returning", "people_key", "participations_key", "returning_key", "synthetic_key"],
            [
                ["female", 4L, 4L, 0L, 2L, 4L, Low, Low, High, 0L],  // 4 returning of 4: perturbed returning 6 (tail +2), first-timers 0
                ["male", 1L, 1L, 0L, 1L, 0L, High, High, 0L, 0L],
            ]);
        var engine = new QueryEngine(new CannedStore(rows));

        var table = await engine.ExecuteAsync(SemanticQuery.Of("participants", "member_states", "returning_share").By("gender"));

        Assert.Equal([CellStatus.Suppressed, CellStatus.Suppressed], table.Column("member_states").Select(c => c.Status));
        Assert.All(table.Column("member_states"), c => Assert.Null(c.Value));
        Assert.Equal(2, table.Metadata.SuppressedCells);
        Assert.Equal([3L, 3L], table.Column("participants").Select(c => c.Value));
        var shares = table.Column("returning_share").Select(c => c.AsDouble()).ToArray();
        Assert.All(shares, s => Assert.InRange(s!.Value, 0.0, 1.0));
    }

    [Fact]
    public async Task Internal_policy_shows_everything_and_paging_keeps_the_total()
    {
        var engine = new QueryEngine(new CannedStore(YearRows((2019, 2, 0, null, 0), (2020, 10, 0, 2, 0), (2021, 12, 0, 10, 0))));

        var table = await engine.ExecuteAsync(SemanticQuery.Of("participants", "yoy_pct(participants)", "running_total(participants)")
            .By("year").WithPolicy(DisclosurePolicy.Internal).Page(2, 1));

        Assert.Equal(3, table.Metadata.TotalRows);
        Assert.Equal(0, table.Metadata.SuppressedCells);
        Assert.Equal("internal", table.Metadata.Policy);
        Assert.Null(table.Metadata.PerturbationTable);
        Assert.Equal([2020L, 2021L], table.Column("year").Select(c => c.Value));
        Assert.Equal([4.0, 0.2], table.Column("yoy_pct(participants)").Select(c => Math.Round(c.AsDouble()!.Value, 9)));
        Assert.Equal([12L, 24L], table.Column("running_total(participants)").Select(c => c.Value));
    }

    [Theory]
    [InlineData("member_state != \"TUR\"", "!=")]
    [InlineData("NOT member_state = \"TUR\"", "NOT")]
    [InlineData("member_state = \"TUR\" OR member_state = \"SYR\"", "OR")]
    [InlineData("programme = \"diplomacy-cab\" AND year >= 2020", ">=")]
    [InlineData("gender = \"female\" AND year < 2020", "<")]
    public void Public_queries_below_the_whole_edition_may_only_join_equalities_with_and(string filter, string named)
    {
        var engine = new QueryEngine(new CannedStore());

        var e = Assert.Throws<QueryException>(() => engine.Compile(SemanticQuery.Of("participants").By("oic_group").Where(filter)));

        Assert.Equal(QueryErrorKind.InvalidQuery, e.Kind);
        Assert.Contains(named, e.Message);
        Assert.Contains("public policy", e.Message);
        Assert.Equal(filter.Contains("year") ? "year" : "member_state", e.Field);
        _ = engine.Compile(SemanticQuery.Of("participants").By("oic_group").Where(filter).WithPolicy(DisclosurePolicy.Internal));
    }

    [Theory]
    [InlineData("year", "year <= 2022 AND NOT year = 2019")]
    [InlineData("member_state", "member_state != \"TUR\" AND programme = \"diplomacy-cab\"")]
    [InlineData("edition", "year >= 2020 AND modality != \"virtual\"")]
    public void A_condition_on_the_querys_own_dimensions_only_chooses_cells_and_is_allowed(string by, string filter)
    {
        var engine = new QueryEngine(new CannedStore());

        _ = engine.Compile(SemanticQuery.Of("participants", "female_share").By(by, "gender").Where(filter));
        Assert.Throws<QueryException>(() => engine.Compile(SemanticQuery.Of("participants").By("gender").Where(filter)));
    }

    [Fact]
    public void Whole_edition_queries_keep_the_whole_filter_grammar_under_the_public_policy()
    {
        var engine = new QueryEngine(new CannedStore());

        _ = engine.Compile(SemanticQuery.Of("participants", "member_states", "published_participants").By("year").Where("programme = \"diplomacy-cab\" AND year >= 2018 AND NOT modality = \"virtual\""));
        Assert.Throws<QueryException>(() => engine.Compile(SemanticQuery.Of("female_share").By("modality").Where("year >= 2018")));
    }

    [Fact]
    public void A_threshold_after_public_is_refused_with_what_replaced_it()
    {
        var e = Assert.Throws<QueryException>(() => DisclosurePolicy.Parse("public:5"));

        Assert.Contains("cell key", e.Message);
        Assert.Contains(Table.Version, e.Message);
    }
}
