using Sesric.Analytics.Semantic.Tests.Support;

namespace Sesric.Analytics.Semantic.Tests.Querying;

public class QueryErrorTests
{
    private static readonly QueryEngine Engine = new(new CannedStore());

    private static QueryException Refused(SemanticQuery query) => Assert.Throws<QueryException>(() => Engine.Compile(query));

    [Fact]
    public void An_unknown_measure_lists_the_valid_ones()
    {
        var e = Refused(SemanticQuery.Of("participnts"));

        Assert.Equal((QueryErrorKind.UnknownMeasure, "participnts"), (e.Kind, e.Field));
        Assert.Contains("participants, participations, editions", e.Message);
        Assert.Contains("yoy_change(<measure>)", e.Message);
    }

    [Fact]
    public void A_time_intelligence_measure_without_year_says_to_group_by_year()
    {
        var e = Refused(SemanticQuery.Of("yoy_pct(participants)").By("programme"));

        Assert.Equal((QueryErrorKind.TimeIntelligence, "yoy_pct(participants)"), (e.Kind, e.Field));
        Assert.Contains("add year to the dimensions", e.Message);
        Assert.Equal(QueryErrorKind.TimeIntelligence, Refused(SemanticQuery.Of("running_total(coverage)").By("year")).Kind);
    }

    [Theory]
    [InlineData("published_participants", "member_state", null, "member_state")]
    [InlineData("published_member_states", null, "gender = \"female\"", "gender")]
    [InlineData("coverage", "gender", null, "gender")]
    public void Measures_that_cannot_be_split_by_a_field_say_which(string measure, string? by, string? filter, string field)
    {
        var e = Refused(SemanticQuery.FromText([measure], by is null ? null : [by], filter));

        Assert.Equal((QueryErrorKind.Incompatible, field), (e.Kind, e.Field));
    }

    [Theory]
    [InlineData("year = \"2020\"", QueryErrorKind.InvalidValue, "year")]
    [InlineData("oic_group = \"Pacific\"", QueryErrorKind.InvalidValue, "oic_group")]
    [InlineData("oic_group > \"Arab\"", QueryErrorKind.InvalidValue, "oic_group")]
    [InlineData("date = 2020", QueryErrorKind.InvalidValue, "date")]
    [InlineData("colour = \"red\"", QueryErrorKind.UnknownField, "colour")]
    public void Filter_fields_and_values_are_checked_against_the_model(string filter, QueryErrorKind kind, string field)
    {
        var e = Refused(SemanticQuery.Of("participants").Where(filter));

        Assert.Equal((kind, field), (e.Kind, e.Field));
        Assert.NotNull(e.Position);
    }

    [Fact]
    public void Order_by_accepts_only_columns_of_the_query()
    {
        var e = Refused(SemanticQuery.Of("participants").By("year").OrderedBy("year desc, member_states"));

        Assert.Equal((QueryErrorKind.UnknownField, "member_states"), (e.Kind, e.Field));
        Assert.Contains("year, participants", e.Message);
    }

    [Fact]
    public void Bad_dimensions_pages_and_empty_queries_are_refused()
    {
        Assert.Equal(QueryErrorKind.UnknownField, Refused(SemanticQuery.Of("participants").By("country")).Kind);
        Assert.Equal(QueryErrorKind.InvalidQuery, Refused(SemanticQuery.Of("participants").By("year", "year")).Kind);
        Assert.Equal(QueryErrorKind.InvalidQuery, Refused(SemanticQuery.Of()).Kind);
        Assert.Equal(QueryErrorKind.InvalidQuery, Refused(SemanticQuery.Of("participants").Page(-1)).Kind);
        Assert.Equal(QueryErrorKind.InvalidQuery, Assert.Throws<QueryException>(() => DisclosurePolicy.Parse("secret")).Kind);
    }

    [Fact]
    public void Command_line_options_build_the_same_query_as_the_fluent_form()
    {
        var q = SemanticQuery.FromOptions(["participants,yoy_change(participants)", "member_states"], ["year"], "year >= 2020", "year desc", 10, 0, "internal");

        Assert.Equal(["participants", "yoy_change(participants)", "member_states"], q.Measures);
        Assert.Equal(DisclosurePolicy.Internal, q.Policy);
        Assert.Equal("--measure participants --measure yoy_change(participants) --measure member_states --by year --filter 'year >= 2020' --order-by 'year desc' --limit 10 --policy internal", q.ToString());
    }

    [Fact]
    public void Queries_asking_the_same_thing_are_equal()
    {
        var a = SemanticQuery.Of("participants").By("year").Where("year = 2020");
        var b = SemanticQuery.FromText(["participants"], ["year"], "year = 2020", policy: DisclosurePolicy.PublicDefault);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b.WithPolicy(DisclosurePolicy.Internal));
    }
}
