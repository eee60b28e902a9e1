using Sesric.Analytics.Semantic.Tests.Support;

namespace Sesric.Analytics.Semantic.Tests.Compilation;

public class SqlCompilerTests
{
    private static readonly QueryEngine Engine = new(new CannedStore());

    [Fact]
    public void Registry_measures_by_year_compile_to_one_grouped_select_with_values_as_parameters()
    {
        // Whole editions: nothing is perturbed, so no cell key, and two distinct counts: the one-level statement is the
        // cheaper form on DuckDB (SqlCompiler.OneLevelIsCheaper; the two-level form is pinned by the tests below).
        var statement = Engine.Compile(SemanticQuery.Of("participants", "member_states").By("year").Where("programme = \"diplomacy-cab\" AND year = 2020"));

        Assert.Equal(
            """
            SELECT f.year AS "year", COUNT(*) FILTER (WHERE f.is_single_in_year) + COUNT(DISTINCT f.participant_key) FILTER (WHERE NOT f.is_single_in_year) AS "people", COUNT(*) AS "participations", COUNT(*) FILTER (WHERE f.is_synthetic) AS "synthetic", COUNT(DISTINCT f.iso3) FILTER (WHERE f.counts_as_member) AS "member_states"
            FROM participation_fact f
            WHERE f.is_counted AND (f.programme_id = $1 AND f.year = $2)
            GROUP BY f.year
            ORDER BY "year" NULLS FIRST
            """.ReplaceLineEndings("\n"),
            statement.Sql);
        Assert.Equal(["diplomacy-cab", 2020L], statement.Parameters);
    }

    [Fact]
    public void Within_one_edition_people_are_rows_and_within_one_state_member_states_are_zero_or_one()
    {
        var byEditionAndState = Engine.Compile(SemanticQuery.Of("participants", "member_states", "female_share").By("edition", "member_state")).Sql;
        var byYear = Engine.Compile(SemanticQuery.Of("participants", "member_states", "female_share").By("year")).Sql;

        // By edition every counted row is one person in one cell: one level, no grouping by person.
        Assert.Contains("COUNT(*) AS \"people\"", byEditionAndState);
        Assert.Contains("CASE WHEN f.counts_as_member THEN 1 ELSE 0 END AS pl_any", byEditionAndState);
        Assert.Contains("MAX(f.pl_any1) AS \"member_states\"", byEditionAndState);
        Assert.Contains("CAST(COALESCE(SUM(f.pl_any2), 0) AS BIGINT) AS \"women\"", byEditionAndState);
        Assert.DoesNotContain("DISTINCT", byEditionAndState);
        Assert.DoesNotContain("UNION ALL", byEditionAndState);
        Assert.Contains("COUNT(*) AS \"people\"", byYear);
        Assert.Contains("WHERE f.is_counted AND NOT f.is_single_in_year\n    GROUP BY f.year, f.participant_key", byYear);
        Assert.Contains("COUNT(DISTINCT CASE WHEN f.pl_any1 = 1 THEN f.iso3 END) AS \"member_states\"", byYear);
    }

    [Theory]
    [InlineData("year,oic_group", true)]
    [InlineData("year,member_state,gender", true)]
    [InlineData("programme,year,modality", true)]
    [InlineData("year", true)]
    [InlineData("oic_group", false)]
    [InlineData("programme,modality", false)]
    [InlineData("date", false)]
    public void People_are_counted_by_the_yearly_flag_exactly_when_every_row_lies_within_one_year(string dimensions, bool usesYearlyFlag)
    {
        var sql = Engine.Compile(SemanticQuery.Of("participants", "female_share").By(dimensions.Split(',')).WithPolicy(DisclosurePolicy.Internal)).Sql;

        Assert.Equal(usesYearlyFlag, sql.Contains("is_single_in_year", StringComparison.Ordinal));
        Assert.Equal(!usesYearlyFlag, sql.Contains("NOT f.is_single\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Filter_values_are_normalised_and_reused_across_sources_and_a_nullable_field_is_false_when_missing()
    {
        var statement = Engine.Compile(SemanticQuery.Of("participants", "published_participants").By("year").Where("NOT modality = 'in-person' OR host_country != \"tur\""));

        Assert.Equal(["in_person", "TUR"], statement.Parameters);
        Assert.Contains("WHERE f.is_counted AND (NOT (f.modality = $1) OR COALESCE(f.host_country <> $2, FALSE))", statement.Sql);
        Assert.Contains("WHERE NOT (e.modality = $1) OR COALESCE(e.host_country <> $2, FALSE)", statement.Sql);
        Assert.Contains("SELECT \"year\" FROM registry\n    UNION\n    SELECT \"year\" FROM published", statement.Sql);
    }

    [Fact]
    public void Year_over_year_joins_a_block_whose_years_are_shifted_by_one()
    {
        var statement = Engine.Compile(SemanticQuery.Of("yoy_change(participants)").By("year", "oic_group").Where("year >= 2021").WithPolicy(DisclosurePolicy.Internal));

        Assert.Contains("prev_registry AS (\n    SELECT (f.year + 1) AS \"year\", f.oic_group AS \"oic_group\"", statement.Sql);
        Assert.Contains("WHERE f.is_counted AND ((f.year + 1) >= $1)", statement.Sql);
        Assert.Contains("LEFT JOIN prev_registry prev ON cur.\"year\" IS NOT DISTINCT FROM prev.\"year\" AND cur.\"oic_group\" IS NOT DISTINCT FROM prev.\"oic_group\"", statement.Sql);
        Assert.Equal([2021L], statement.Parameters);
    }

    [Fact]
    public void Coverage_divides_by_members_on_each_editions_reference_date()
    {
        var sql = Engine.Compile(SemanticQuery.Of("coverage").By("oic_group")).Sql;

        Assert.Contains("JOIN country c ON c.kind = 'member' AND c.accession_year <= e.year", sql);
        Assert.Contains("s.suspended_from <= COALESCE(e.start_date, make_date(e.year, 7, 1)) AND (s.restored_on IS NULL OR s.restored_on > COALESCE(e.start_date, make_date(e.year, 7, 1)))", sql);
        Assert.Contains("GROUP BY c.oic_group", sql);
    }

    [Fact]
    public void History_measures_join_first_appearances_computed_over_all_data()
    {
        var sql = Engine.Compile(SemanticQuery.Of("new_member_states", "returning_share").By("programme").Where("year = 2021")).Sql;

        Assert.StartsWith("WITH first_state AS (\n    SELECT programme_id, iso3, MIN(edition_number) AS first_edition FROM participation_fact WHERE is_counted AND counts_as_member GROUP BY programme_id, iso3\n)", sql);
        Assert.Contains("LEFT JOIN first_person fp ON fp.programme_id = f.programme_id AND fp.participant_key = f.participant_key", sql);
    }

    [Fact]
    public void A_value_that_is_not_a_valid_member_of_its_field_is_refused_before_any_sql()
    {
        var e = Assert.Throws<QueryException>(() => Engine.Compile(SemanticQuery.Of("participants").Where("programme = \"x'); DROP TABLE participation; --\"")));

        Assert.Equal(QueryErrorKind.InvalidValue, e.Kind);
        Assert.Equal("programme", e.Field);
        Assert.Equal(12, e.Position);
        Assert.Contains("diplomacy-cab", e.Message);
    }

    [Theory]
    [InlineData("member_state = \"TUR\" OR member_state = \"SYR\"")]
    [InlineData("edition = \"diplomacy-cab/4\" AND date >= 2020-01-01")]
    public void No_filter_value_ever_appears_in_the_sql(string filter)
    {
        var sql = Engine.Compile(SemanticQuery.Of("participants").By("year").Where(filter).WithPolicy(DisclosurePolicy.Internal)).Sql;

        foreach (var token in new[] { "DROP", "--", "diplomacy-cab/4", "TUR", "SYR", "2020-01-01" })
        {
            Assert.DoesNotContain(token, sql);
        }
    }

    [Fact]
    public void Public_counts_below_the_whole_edition_add_their_cell_keys_and_internal_ones_do_not()
    {
        var query = SemanticQuery.Of("participants", "female_share").By("member_state");

        var open = Engine.Compile(query.WithPolicy(DisclosurePolicy.Internal)).Sql;
        var safe = Engine.Compile(query).Sql;

        Assert.DoesNotContain("record_key", open);
        Assert.Contains("AS \"people_key\"", safe);
        Assert.Contains("AS \"women_key\"", safe);
        Assert.Contains("AS \"men_key\"", safe);
        // One record key per person in each cell (fixed per person), summed per cell: no distinct sum.
        Assert.Contains("MAX(f.record_key) AS pl_key", safe);
        Assert.Contains("CAST((COALESCE(SUM(f.pl_key), 0)) & 16777215 AS BIGINT) AS \"people_key\"", safe);
        Assert.Contains("CAST((COALESCE(SUM(CASE WHEN f.pl_any1 = 1 THEN f.pl_key ELSE 0 END), 0)) & 16777215 AS BIGINT) AS \"women_key\"", safe);
        Assert.DoesNotContain("DISTINCT", safe);
    }

    [Fact]
    public void Whole_edition_counts_need_no_cell_key_even_in_public()
    {
        var sql = Engine.Compile(SemanticQuery.Of("participants", "participations").By("edition", "year")).Sql;

        Assert.DoesNotContain("record_key", sql);
    }
}
