using Sesric.Analytics.Semantic.Tests.Support;

namespace Sesric.Analytics.Semantic.Tests.Querying;

/// <summary>A query's value equality is the service's cache key: equal questions must be equal, different ones not.</summary>
public class SemanticQueryEqualityTests
{
    [Fact]
    public void The_same_question_typed_or_spelled_differently_is_one_key()
    {
        var typed = SemanticQuery.Of("participants", "member_states").By("year")
            .Where(FilterExpression.Equal("programme", "diplomacy-cab") & FilterExpression.AtLeast("year", 2020))
            .OrderedBy(new OrderTerm("year", Descending: true));
        var text = SemanticQuery.FromText(["participants", "member_states"], ["year"], "programme='diplomacy-cab'   AND year>=2020", "year  desc");

        Assert.Equal(typed, text);
        Assert.Equal(typed.GetHashCode(), text.GetHashCode());
        var cache = new Dictionary<SemanticQuery, int> { [typed] = 1 };
        Assert.True(cache.ContainsKey(text));
    }

    [Fact]
    public void Every_part_of_the_question_changes_the_key()
    {
        var q = SemanticQuery.FromText(["participants"], ["year"], "programme = \"diplomacy-cab\"", "year desc", 10, 0);

        SemanticQuery[] different =
        [
            q with { Measures = ["participations"] },
            q with { Dimensions = ["member_state"] },
            q.Where("programme = \"diplomacy-cab\" AND year = 2020"),
            q.Where((FilterExpression?)null),
            q.OrderedBy("year"),
            q.Page(20, 0),
            q.Page(10, 10),
            q.WithPolicy(DisclosurePolicy.Internal),
        ];

        Assert.All(different, d => Assert.NotEqual(q, d));
        Assert.Equal(different.Length, different.Distinct().Count());
    }

    [Fact]
    public void Narrowing_a_query_adds_a_conjunct_and_keeps_the_rest()
    {
        var q = SemanticQuery.Of("participants").By("member_state").Where("programme = \"diplomacy-cab\"");

        var narrowed = q.AndWhere(FilterExpression.Equal("year", 2020));

        Assert.Equal(FilterParser.Parse("programme = \"diplomacy-cab\" AND year = 2020"), narrowed.Filter);
        Assert.Equal(q.Dimensions, narrowed.Dimensions);
        Assert.Equal(FilterExpression.Equal("year", 2020), SemanticQuery.Of("participants").AndWhere(FilterExpression.Equal("year", 2020)).Filter);
    }

    [Fact]
    public void Text_is_checked_where_it_enters_so_a_bad_filter_never_becomes_a_query()
    {
        var e = Assert.Throws<QueryException>(() => SemanticQuery.FromText(["participants"], filter: "year >= "));

        Assert.Equal(QueryErrorKind.Syntax, e.Kind);
        Assert.Equal("filter", e.Field);
        Assert.Throws<QueryException>(() => SemanticQuery.Of("participants").OrderedBy("year sideways, "));
    }

    [Fact]
    public void A_typed_query_compiles_to_the_same_statement_as_its_text()
    {
        var engine = new QueryEngine(new CannedStore());
        var typed = SemanticQuery.Of("participants").By("member_state")
            .Where(FilterExpression.Equal("programme", "diplomacy-cab") & FilterExpression.Between("year", 2018, 2022))
            .WithPolicy(DisclosurePolicy.Internal);
        var text = SemanticQuery.FromText(["participants"], ["member_state"], "programme = \"diplomacy-cab\" AND (year >= 2018 AND year <= 2022)", policy: DisclosurePolicy.Internal);

        var a = engine.Compile(typed);
        var b = engine.Compile(text);

        Assert.Equal(b.Sql, a.Sql);
        Assert.Equal(b.Parameters, a.Parameters);
        Assert.Contains(2018L, a.Parameters);
        // Under the public policy the range narrows person-level records, and a typed filter is held to that as text is.
        Assert.Throws<QueryException>(() => engine.Compile(typed.WithPolicy(DisclosurePolicy.PublicDefault)));
    }
}
