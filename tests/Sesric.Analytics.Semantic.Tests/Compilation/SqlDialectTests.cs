using Sesric.Analytics.Semantic.Tests.Support;

namespace Sesric.Analytics.Semantic.Tests.Compilation;

/// <summary>
/// One plan, two dialects: the PostgreSQL statement is the DuckDB statement with text sort keys ordered by bytes
/// (<c>COLLATE "C"</c>), cell keys reduced by modulo (a mask on DuckDB), and a count of distinct states made over rows grouped by state
/// first (PostgreSQL sorts for a distinct aggregate); nothing else changed, except that DuckDB keeps the one-level statement
/// where it has no cell key and at most two distinct counts (<c>SqlCompiler.OneLevelIsCheaper</c>, hashed distinct aggregates
/// only), so the parity tests below ask for perturbed counts. That both statements give the same answers on real databases is the
/// store conformance suite's job (Sesric.Analytics.Storage.Postgres.Tests).
/// </summary>
public class SqlDialectTests
{
    private static readonly QueryEngine DuckDb = new(new CannedStore(engine: "duckdb"));
    private static readonly QueryEngine Postgres = new(new CannedStore(engine: "postgresql"));

    [Fact]
    public void The_postgresql_statement_orders_text_dimensions_by_bytes_and_is_otherwise_the_duckdb_statement()
    {
        var query = SemanticQuery.Of("participants", "female_share", "published_participants").By("programme", "year", "edition").Where("year >= 2015");
        var duck = DuckDb.Compile(query);
        var pg = Postgres.Compile(query);

        Assert.Contains("ORDER BY \"programme\" NULLS FIRST, \"year\" NULLS FIRST, split_part(\"edition\", '/', 1) NULLS FIRST", duck.Sql, StringComparison.Ordinal);
        Assert.Equal(
            duck.Sql
                .Replace(") & 16777215 AS BIGINT)", ") % 16777216 AS BIGINT)", StringComparison.Ordinal)
                .Replace("\"programme\" NULLS FIRST", "\"programme\" COLLATE \"C\" NULLS FIRST", StringComparison.Ordinal)
                .Replace("split_part(\"edition\", '/', 1)", "split_part(\"edition\" COLLATE \"C\", '/', 1)", StringComparison.Ordinal)
                .Replace("split_part(\"edition\", '/', 2)", "split_part(\"edition\" COLLATE \"C\", '/', 2)", StringComparison.Ordinal),
            pg.Sql);
        Assert.Equal(duck.Parameters, pg.Parameters);
    }

    [Fact]
    public void A_single_grouped_select_orders_by_the_input_column_since_postgresql_takes_output_names_only_bare()
    {
        var query = SemanticQuery.Of("participants").By("programme", "year");

        Assert.EndsWith("ORDER BY \"programme\" NULLS FIRST, \"year\" NULLS FIRST", DuckDb.Compile(query).Sql, StringComparison.Ordinal);
        Assert.EndsWith("ORDER BY f.programme_id COLLATE \"C\" NULLS FIRST, \"year\" NULLS FIRST", Postgres.Compile(query).Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Year_over_year_shifts_dates_and_the_reference_date_the_same_way_in_both_dialects()
    {
        var query = SemanticQuery.FromText(["yoy_change(coverage)"], ["year"], "date >= 2015-01-01", policy: DisclosurePolicy.Internal);
        var duck = DuckDb.Compile(query).Sql;

        Assert.Contains("CAST(COALESCE(e.start_date, make_date(e.year, 7, 1)) + INTERVAL '1 year' AS DATE)", duck, StringComparison.Ordinal);
        Assert.Contains("COALESCE(e.start_date, make_date(e.year, 7, 1))", duck, StringComparison.Ordinal);
        // A date is not text: no collation. Coverage counts member states, which PostgreSQL groups by state first (below),
        // so the statements differ there and not in their dates.
        var pg = Postgres.Compile(query).Sql;
        Assert.Contains("CAST(COALESCE(e.start_date, make_date(e.year, 7, 1)) + INTERVAL '1 year' AS DATE)", pg, StringComparison.Ordinal);
        Assert.Equal(Occurrences(duck, "COALESCE(e.start_date, make_date(e.year, 7, 1))"), Occurrences(pg, "COALESCE(e.start_date, make_date(e.year, 7, 1))"));
    }

    [Fact]
    public void A_cell_key_is_reduced_by_a_mask_on_duckdb_and_by_modulo_on_postgresql_and_the_statements_otherwise_agree()
    {
        var query = SemanticQuery.Of("participants", "female_share").By("year", "oic_group").Where("modality = \"in_person\"");
        var duck = DuckDb.Compile(query).Sql;
        var pg = Postgres.Compile(query).Sql;

        // Three keys (people, women, men), the synthetic share's two (participations, synthetic rows) and their per-person
        // reductions in the inner level: DuckDB's HUGEINT modulo is a slow long division, its mask one AND.
        Assert.Equal(7, Occurrences(duck, ") & 16777215 AS BIGINT)"));
        Assert.DoesNotContain("% 16777216", duck, StringComparison.Ordinal);
        Assert.Equal(7, Occurrences(pg, ") % 16777216 AS BIGINT)"));
        Assert.Equal(
            duck.Replace(") & 16777215 AS BIGINT)", ") % 16777216 AS BIGINT)", StringComparison.Ordinal)
                .Replace("\"oic_group\" NULLS FIRST", "f.oic_group COLLATE \"C\" NULLS FIRST", StringComparison.Ordinal),
            pg);
    }

    [Fact]
    public void On_postgresql_distinct_states_are_counted_over_rows_grouped_by_state_first_so_no_aggregate_sorts()
    {
        var query = SemanticQuery.Of("participants", "member_states").By("year", "oic_group").Where("year >= 2000").WithPolicy(DisclosurePolicy.Internal);
        var duck = DuckDb.Compile(query).Sql;
        var pg = Postgres.Compile(query).Sql;

        Assert.Contains("COUNT(DISTINCT", duck, StringComparison.Ordinal);
        Assert.DoesNotContain("DISTINCT", pg, StringComparison.Ordinal);
        // The middle level: per cell and state, a state counts when any of its people in the cell does.
        Assert.Contains("GROUP BY f.year, f.oic_group, f.iso3\n) f\nGROUP BY f.year, f.oic_group\n", pg, StringComparison.Ordinal);
        Assert.Contains("MAX(f.pl_any1) AS \"member_states\"", pg, StringComparison.Ordinal);
        Assert.Contains("CAST(COALESCE(SUM(f.\"member_states\"), 0) AS BIGINT) AS \"member_states\"", pg, StringComparison.Ordinal);
        Assert.Equal(DuckDb.Compile(query).Parameters, Postgres.Compile(query).Parameters);
    }

    [Fact]
    public void Grouped_by_member_state_the_postgresql_statement_needs_no_state_level()
    {
        // Under the public policy (cell keys), so DuckDB too writes the two-level statement.
        var query = SemanticQuery.Of("participants", "member_states").By("member_state", "year").Where("gender = \"female\"");

        Assert.Equal(
            DuckDb.Compile(query).Sql
                .Replace(") & 16777215 AS BIGINT)", ") % 16777216 AS BIGINT)", StringComparison.Ordinal)
                .Replace("\"member_state\" NULLS FIRST", "f.iso3 COLLATE \"C\" NULLS FIRST", StringComparison.Ordinal),
            Postgres.Compile(query).Sql);
    }

    [Fact]
    public void Without_cell_keys_duckdb_keeps_the_cheaper_one_level_statement_and_postgresql_the_two_level_one()
    {
        var query = SemanticQuery.Of("participants", "member_states").By("member_state", "year").WithPolicy(DisclosurePolicy.Internal);

        Assert.DoesNotContain("pl_n", DuckDb.Compile(query).Sql, StringComparison.Ordinal);
        Assert.Contains("pl_n", Postgres.Compile(query).Sql, StringComparison.Ordinal);
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
