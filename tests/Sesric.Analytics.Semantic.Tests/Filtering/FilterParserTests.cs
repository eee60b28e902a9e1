using CsCheck;

namespace Sesric.Analytics.Semantic.Tests.Filtering;

public class FilterParserTests
{
    [Fact]
    public void And_binds_tighter_than_or_and_not_applies_to_the_next_condition()
    {
        var e = FilterParser.Parse("programme = \"diplomacy-cab\" OR year >= 2020 AND NOT oic_group = \"Arab Group\"");

        var or = Assert.IsType<FilterOr>(e);
        var left = Assert.IsType<FilterComparison>(or.Left);
        Assert.Equal(("programme", FilterOperator.Equal, "diplomacy-cab"), (left.Field, left.Operator, left.Value.Text));
        var and = Assert.IsType<FilterAnd>(or.Right);
        var year = Assert.IsType<FilterComparison>(and.Left);
        Assert.Equal((FilterOperator.GreaterOrEqual, FilterValueKind.Number, "2020"), (year.Operator, year.Value.Kind, year.Value.Text));
        var not = Assert.IsType<FilterNot>(and.Right);
        Assert.Equal("Arab Group", Assert.IsType<FilterComparison>(not.Operand).Value.Text);
    }

    [Fact]
    public void Parentheses_group_and_every_operator_and_literal_kind_parses()
    {
        var e = FilterParser.Parse("(year < 2020 OR year > 2021) AND date <= 2022-12-31 AND gender != 'f\\'x' AND year = -1");

        var comparisons = new List<FilterComparison>();
        Collect(e, comparisons);
        Assert.Equal(
            [FilterOperator.Less, FilterOperator.Greater, FilterOperator.LessOrEqual, FilterOperator.NotEqual, FilterOperator.Equal],
            comparisons.Select(c => c.Operator));
        Assert.Equal(FilterValueKind.Date, comparisons[2].Value.Kind);
        Assert.Equal("f'x", comparisons[3].Value.Text);
        Assert.Equal("-1", comparisons[4].Value.Text);
        Assert.IsType<FilterOr>(Assert.IsType<FilterAnd>(Assert.IsType<FilterAnd>(Assert.IsType<FilterAnd>(e).Left).Left).Left);
    }

    [Theory]
    [InlineData("year = 2020;", 11, "';'")]
    [InlineData("year = 2020 -- comment", 12, "comments")]
    [InlineData("year = 2020 /* x */", 12, "comments")]
    [InlineData("programme = \"diplomacy-cab", 12, "no closing")]
    [InlineData("programme = diplomacy", 12, "quoted")]
    [InlineData("year == 2020", 5, "single '='")]
    [InlineData("year = 2020 and year = 2021", 12, "AND, OR")]
    [InlineData("(year = 2020", 12, "')'")]
    [InlineData("year = 2020)", 11, "unmatched")]
    [InlineData("year = 20.5", 7, "whole numbers")]
    [InlineData("year =", 6, "value")]
    [InlineData("", 0, "empty")]
    [InlineData("year = 2020 AND", 15, "ends too early")]
    [InlineData("year 2020", 5, "comparison")]
    [InlineData("year = 2020-13-45", 7, "calendar date")]
    [InlineData("year = 99999999999999999999", 7, "too large")]
    [InlineData("year = 2020 && year = 2021", 12, "AND or OR")]
    public void Syntax_errors_name_the_position_and_the_fix(string filter, int position, string hint)
    {
        var e = Assert.Throws<QueryException>(() => FilterParser.Parse(filter));

        Assert.Equal(QueryErrorKind.Syntax, e.Kind);
        Assert.Equal(position, e.Position);
        Assert.Equal("filter", e.Field);
        Assert.Contains(hint, e.Message);
    }

    [Fact]
    public void Huge_and_deeply_nested_filters_are_refused_as_too_complex()
    {
        var huge = Assert.Throws<QueryException>(() => FilterParser.Parse(string.Join(" AND ", Enumerable.Repeat("year = 2020", 400))));
        var deep = Assert.Throws<QueryException>(() => FilterParser.Parse(new string('(', 5000) + "year = 1" + new string(')', 5000)));
        var nots = Assert.Throws<QueryException>(() => FilterParser.Parse(string.Concat(Enumerable.Repeat("NOT ", 100)) + "year = 1"));
        var many = Assert.Throws<QueryException>(() => FilterParser.Parse(string.Join(" OR ", Enumerable.Repeat("year=1", 201))));

        Assert.All([huge, deep, nots, many], e => Assert.Equal(QueryErrorKind.TooComplex, e.Kind));
        Assert.Contains("nesting deeper than 24", nots.Message);
    }

    [Fact]
    public void Random_text_only_ever_parses_or_throws_a_query_exception()
    {
        // Characters chosen to hit every token class and the hostile ones (quotes, escapes, ; -- /*).
        var alphabet = "yearNOTANDORprogme_ \"'\\()=!<>;-/*#&|0123456789.\t\n\u0000é";
        Gen.String[Gen.Char[alphabet], 0, 80].Sample(text =>
        {
            try
            {
                FilterParser.Parse(text);
            }
            catch (QueryException)
            {
            }
        }, iter: 20_000);
    }

    [Fact]
    public void Random_well_formed_filters_compile_or_fail_only_with_a_query_exception()
    {
        var fields = Gen.OneOf("year", "programme", "member_state", "oic_group", "gender", "modality", "host_country", "date", "edition", "nope");
        var ops = Gen.OneOf("=", "!=", "<", "<=", ">", ">=");
        var values = Gen.OneOf(Gen.Int[-5, 3000].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.OneOf("\"diplomacy-cab\"", "\"TUR\"", "'Arab Group'", "\"female\"", "2020-09-14", "\"virtual\"", "\"diplomacy-cab/4\"", "\"'; DROP\""));
        var comparison = Gen.Select(fields, ops, values).Select((f, o, v) => $"{f} {o} {v}");
        var filter = Gen.Select(comparison.Array[1, 6], Gen.OneOf(" AND ", " OR ", " AND NOT ").Array[6])
            .Select((cs, joins) => string.Concat(cs.Select((c, i) => (i == 0 ? "" : joins[i]) + (i % 2 == 1 ? "(" + c + ")" : c))));
        var engine = new QueryEngine(new Support.CannedStore());
        filter.Sample(text =>
        {
            try
            {
                var sql = engine.Compile(SemanticQuery.Of("participants").By("year").Where(text)).Sql;
                Assert.DoesNotContain("DROP", sql);
            }
            catch (QueryException)
            {
            }
        }, iter: 3_000);
    }

    private static void Collect(FilterExpression e, List<FilterComparison> into)
    {
        switch (e)
        {
            case FilterComparison c:
                into.Add(c);
                break;
            case FilterAnd a:
                Collect(a.Left, into);
                Collect(a.Right, into);
                break;
            case FilterOr o:
                Collect(o.Left, into);
                Collect(o.Right, into);
                break;
            case FilterNot n:
                Collect(n.Operand, into);
                break;
        }
    }
}
