using Sesric.Analytics.Semantic.Tests.Support;

namespace Sesric.Analytics.Semantic.Tests.Compilation;

/// <summary>
/// One plan, two dialects: the PostgreSQL statement is the DuckDB statement with text sort keys ordered by bytes
/// (<c>COLLATE "C"</c>) and nothing else changed. That both statements give the same answers on real databases is the
/// store conformance suite's job (Sesric.Analytics.Storage.Postgres.Tests).
/// </summary>
public class SqlDialectTests
{
    private static readonly QueryEngine DuckDb = new(new CannedStore(engine: "duckdb"));
    private static readonly QueryEngine Postgres = new(new CannedStore(engine: "postgresql"));

    [Fact]
    public void The_postgresql_statement_orders_text_dimensions_by_bytes_and_is_otherwise_the_duckdb_statement()
    {
        var query = SemanticQuery.Of("participants", "published_participants").By("programme", "year", "edition").Where("year >= 2015");
        var duck = DuckDb.Compile(query);
        var pg = Postgres.Compile(query);

        Assert.Contains("ORDER BY \"programme\" NULLS FIRST, \"year\" NULLS FIRST, split_part(\"edition\", '/', 1) NULLS FIRST", duck.Sql, StringComparison.Ordinal);
        Assert.Equal(
            duck.Sql
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
        // A date is not text: no collation, so the statements are the same.
        Assert.Equal(duck, Postgres.Compile(query).Sql);
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

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
